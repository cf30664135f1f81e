// The markdown renderer (marked + DOMPurify, about 80 KB) is a chunk of its own, fetched the first
// time an answer is shown, so the first page load does not carry it. Until it arrives an answer is
// shown as plain text (escaped by Preact, never parsed as HTML).
import { signal } from '@preact/signals';

type Render = (text: string) => string;

const renderer = signal<Render | null>(null);
let loading: Promise<void> | null = null;

export function loadMarkdown(): Promise<void> {
  loading ??= import('./render').then(
    (m) => {
      renderer.value = m.renderMarkdown;
    },
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}

/** The renderer once loaded (starts the load otherwise), read in render so views update on arrival. */
export function markdownRenderer(): Render | null {
  const render = renderer.value;
  if (!render) void loadMarkdown().catch(() => undefined);
  return render;
}
