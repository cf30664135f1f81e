// Each view is its own chunk, fetched when first shown: the first page load carries the shell and
// the view it opens on, not the Models and Settings code (and their libraries) too.
import { signal } from '@preact/signals';
import type { FunctionComponent } from 'preact';
import type { View } from '../state/route';
import { loadLocale, locale } from '../i18n';

type ViewComponent = FunctionComponent;

/** A view other than Talk shows once its strings in the person's language are there too (a failed
 *  strings chunk only leaves English in place). */
const withStrings = <T>(view: Promise<T>): Promise<T> =>
  Promise.all([view, loadLocale(locale.value, 'views').catch(() => undefined)]).then(([v]) => v);

const loaders: Record<View, () => Promise<ViewComponent>> = {
  talk: () => import('../views/talk').then((m) => m.TalkView),
  models: () => withStrings(import('../views/models').then((m) => m.ModelsView)),
  knowledge: () => withStrings(import('../views/knowledge').then((m) => m.KnowledgeView)),
  devices: () => withStrings(import('../views/devices').then((m) => m.DevicesView)),
  settings: () => withStrings(import('../views/settings').then((m) => m.SettingsView)),
  setup: () => withStrings(import('../views/setup').then((m) => m.SetupView)),
};

/** Views loaded so far (a signal, so the shell re-renders when one arrives). */
export const loadedViews = signal<Partial<Record<View, ViewComponent>>>({});
/** The last view chunk that failed to load, with why (shown in place of the view, with a retry). */
export const viewLoadError = signal<{ view: View; message: string } | null>(null);
const pending = new Map<View, Promise<void>>();

export function loadView(view: View): Promise<void> {
  if (loadedViews.value[view]) return Promise.resolve();
  let job = pending.get(view);
  if (!job) {
    job = loaders[view]().then(
      (component) => {
        loadedViews.value = { ...loadedViews.value, [view]: component };
        if (viewLoadError.value?.view === view) viewLoadError.value = null;
      },
      (e: unknown) => {
        pending.delete(view);
        viewLoadError.value = { view, message: e instanceof Error ? e.message : String(e) };
      },
    );
    pending.set(view, job);
  }
  return job;
}
