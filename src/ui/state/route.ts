// Hash routes (#/talk, #/models, ...) work on any static host and from manifest shortcuts.
import { signal } from '@preact/signals';

/** The views in the navigation. */
export const VIEWS = ['talk', 'models', 'knowledge', 'devices', 'settings'] as const;
export type NavView = (typeof VIEWS)[number];
/** Setup is reached on first open and from Models, not from the navigation. */
export type View = NavView | 'setup';
const ROUTES: readonly string[] = [...VIEWS, 'setup'];

const parse = (hash: string): View => {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return ROUTES.includes(name ?? '') ? (name as View) : 'talk';
};

export const route = signal<View>(parse(location.hash));
addEventListener('hashchange', () => {
  route.value = parse(location.hash);
});

export const hrefFor = (view: View): string => `#/${view}`;
