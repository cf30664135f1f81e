// UI language: follows the browser unless the person picks one in Settings.
import { computed } from '@preact/signals';
import { en, type MessageKey, type Messages } from './en';
import { zhCN } from './zh-cn';
import { settings } from '../state/settings';

export type Locale = 'en' | 'zh-CN';
const dictionaries: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

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

export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = dictionaries[locale.value][key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

export type { MessageKey };
