// The parts of Talk only a person with documents needs — the "Use my documents" switch, the sources
// under an answer, [n] links — are a chunk fetched the first time one is needed, so the first view
// of Talk stays small (test/e2e/first-view.test.ts). Their strings in languages other than English
// are in the views' part, fetched with them.
import { signal } from '@preact/signals';
import { loadLocale, locale } from '../../i18n';
import { documentCount } from '../../state/use-documents';

type Parts = typeof import('./documents-parts');

const parts = signal<Parts | null>(null);
let loading: Promise<void> | null = null;

/** The parts once loaded (starts the load otherwise); read in render so views update on arrival. */
export function documentsParts(): Parts | null {
  if (!parts.value) {
    loading ??= Promise.all([import('./documents-parts'), loadLocale(locale.value, 'views').catch(() => undefined)]).then(
      ([m]) => {
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
