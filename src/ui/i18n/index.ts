// UI language: follows the browser unless the person picks one in Settings. English is in the main
// bundle (the fallback for every key); other languages are chunks fetched only when chosen, in two
// parts: the shell and Talk before the first render (main.tsx), the other views' strings right after
// it and before any of those views shows (lazy-views.ts), so nobody sees English flash by and the
// first view stays small.
import { computed, signal } from '@preact/signals';
import { en, type MessageKey, type Messages } from './en';
import { settings } from '../state/settings';

export type Locale = 'en' | 'zh-CN';

export type LocalePart = 'first' | 'views';

const loaders: Record<Exclude<Locale, 'en'>, Record<LocalePart, () => Promise<Partial<Messages>>>> = {
  'zh-CN': {
    first: () => import('./zh-cn').then((m) => m.zhCN),
    views: () => import('./zh-cn-views').then((m) => m.zhCNViews),
  },
};
/** Dictionaries loaded so far; a signal so that text re-renders when a chunk arrives. */
const loaded = signal<Partial<Record<Locale, Partial<Messages>>>>({ en });
const pending = new Map<string, Promise<void>>();
/** Whether a view other than Talk has asked for its strings (see the subscription below). */
let viewsShown = false;

export function browserLocale(languages: readonly string[]): Locale {
  for (const lang of languages) {
    if (/^zh\b/i.test(lang)) return 'zh-CN';
    if (/^en\b/i.test(lang)) return 'en';
  }
  return 'en';
}

export const locale = computed<Locale>(() => {
  const chosen = settings.value.language;
  return chosen === 'auto' ? browserLocale(navigator.languages) : chosen;
});

/** Fetches one part of a language's strings once (a failed fetch may be retried by the next call). */
export function loadLocale(which: Locale, part: LocalePart = 'first'): Promise<void> {
  if (part === 'views') viewsShown = true;
  if (which === 'en') return Promise.resolve();
  const id = `${which}/${part}`;
  let job = pending.get(id);
  if (!job) {
    job = loaders[which][part]().then(
      (messages) => {
        loaded.value = { ...loaded.value, [which]: { ...loaded.value[which], ...messages } };
      },
      (e: unknown) => {
        pending.delete(id);
        throw e;
      },
    );
    pending.set(id, job);
  }
  return job;
}

// A language picked in Settings arrives a moment later; until then its text falls back to English.
// The views' part comes along once a view other than Talk has been shown, in any language: the
// language is usually switched in Settings, which is on screen and needs its strings at once.
locale.subscribe((which) => {
  void loadLocale(which).catch(() => undefined);
  if (viewsShown) void loadLocale(which, 'views').catch(() => undefined);
});

export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = loaded.value[locale.value]?.[key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

export type { MessageKey };
