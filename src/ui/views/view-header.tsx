import type { ComponentChildren } from 'preact';

/** Each view opens with a focusable h1 so route changes are announced. */
export function ViewHeader({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="view-header">
      <h1 tabIndex={-1}>{title}</h1>
      {children}
    </div>
  );
}
