// UI language: follows the browser unless the person picks one in Settings. Every language, English
// included, is a pair of chunks fetched only for the language in use: the shell and Talk before the
// first render (main.tsx; the fetch starts as this module loads), the other views' strings right
// after and before any of those views shows (lazy-views.ts), so nobody sees another language flash
// by and the first view carries one language's strings for one view. Only the words that explain a
// failed load stay in the main bundle (en-shell.ts).
import { computed, signal } from '@preact/signals';
import { enShell } from './en-shell';
import type { MessageKey, Messages } from './messages';
import { settings } from '../state/settings';

export type Locale = 'en' | 'zh-CN';

export type LocalePart = 'first' | 'views';

const loaders: Record<Locale, Record<LocalePart, () => Promise<Partial<Messages>>>> = {
  en: {
    first: () => import('./en').then((m) => m.en),
    views: () => import('./en-views').then((m) => m.enViews),
  },
  'zh-CN': {
    first: () => import('./zh-cn').then((m) => m.zhCN),
    views: () => import('./zh-cn-views').then((m) => m.zhCNViews),
  },
};
/** Dictionaries loaded so far; a signal so that text re-renders when a chunk arrives. */
const loaded = signal<Partial<Record<Locale, Partial<Messages>>>>({});
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

// A language picked in Settings arrives a moment later; until then its text stays in the one before.
// The views' part comes along once a view other than Talk has been shown, in any language: the
// language is usually switched in Settings, which is on screen and needs its strings at once.
locale.subscribe((which) => {
  void loadLocale(which).catch(() => undefined);
  if (viewsShown) void loadLocale(which, 'views').catch(() => undefined);
});

export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  // A key not loaded (yet, or its chunk failed) falls back to English if that is loaded, then to the
  // language shown before a switch, then to the shell's own words, and to the key rather than nothing.
  const dictionaries = loaded.value;
  const text =
    dictionaries[locale.value]?.[key] ??
    dictionaries.en?.[key] ??
    Object.values(dictionaries).find((d) => d[key] !== undefined)?.[key] ??
    shellText(key) ??
    key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

function shellText(key: MessageKey): string | undefined {
  return (enShell as Partial<Record<MessageKey, string>>)[key];
}

export type { MessageKey };
