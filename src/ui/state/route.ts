// Hash routes (#/talk, #/models, ...) work on any static host and from manifest shortcuts.
import { signal } from '@preact/signals';

export const VIEWS = ['talk', 'models', 'knowledge', 'devices', 'settings'] as const;
export type View = (typeof VIEWS)[number];

const parse = (hash: string): View => {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (VIEWS as readonly string[]).includes(name ?? '') ? (name as View) : 'talk';
};

export const route = signal<View>(parse(location.hash));
addEventListener('hashchange', () => {
  route.value = parse(location.hash);
});

export const hrefFor = (view: View): string => `#/${view}`;
