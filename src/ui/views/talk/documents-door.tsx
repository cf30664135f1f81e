// The parts of Talk only a person with documents needs — the "Use my documents" switch, the sources
// under an answer, [n] links — are a chunk fetched the first time one is needed, so the first view
// of Talk stays small (test/e2e/first-view.test.ts).
import { signal } from '@preact/signals';
import { documentCount } from '../../state/use-documents';

type Parts = typeof import('./documents-parts');

const parts = signal<Parts | null>(null);
let loading: Promise<void> | null = null;

/** The parts once loaded (starts the load otherwise); read in render so views update on arrival. */
export function documentsParts(): Parts | null {
  if (!parts.value) {
    loading ??= import('./documents-parts').then(
      (m) => {
        parts.value = m;
      },
      () => {
        loading = null;
      },
    );
  }
  return parts.value;
}

export function LazyDocumentsSwitch() {
  if (!documentCount.value) return null;
  const p = documentsParts();
  return p ? <p.DocumentsSwitch /> : null;
}
