// UI language: follows the browser unless the person picks one in Settings. English is in the main
// bundle (the fallback for every key); other languages are chunks fetched only when chosen, and the
// app waits for the chosen one before its first render (main.tsx), so nobody sees English flash by.
import { computed, signal } from '@preact/signals';
import { en, type MessageKey, type Messages } from './en';
import { settings } from '../state/settings';

export type Locale = 'en' | 'zh-CN';

const loaders: Record<Exclude<Locale, 'en'>, () => Promise<Messages>> = {
  'zh-CN': () => import('./zh-cn').then((m) => m.zhCN),
};
/** Dictionaries loaded so far; a signal so that text re-renders when a chunk arrives. */
const loaded = signal<Partial<Record<Locale, Messages>>>({ en });
const pending = new Map<Locale, Promise<void>>();

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

/** Fetches a language's strings once (a failed fetch may be retried by the next call). */
export function loadLocale(which: Locale): Promise<void> {
  if (which === 'en' || loaded.value[which]) return Promise.resolve();
  let job = pending.get(which);
  if (!job) {
    job = loaders[which]().then(
      (messages) => {
        loaded.value = { ...loaded.value, [which]: messages };
      },
      (e: unknown) => {
        pending.delete(which);
        throw e;
      },
    );
    pending.set(which, job);
  }
  return job;
}

// A language picked in Settings arrives a moment later; until then its text falls back to English.
locale.subscribe((which) => void loadLocale(which).catch(() => undefined));

export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = loaded.value[locale.value]?.[key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

export type { MessageKey };
