// A view's own strings, English and Chinese, kept in that view's chunk rather than in the app's
// dictionaries: the lookup for them, in the person's language, English where a translation is missing.
import { locale } from './index';

export type Translate<K extends string> = (key: K, vars?: Record<string, string | number>) => string;

export function viewStrings<K extends string>(en: Record<K, string>, zhCN: Partial<Record<K, string>>): Translate<K> {
  return (key, vars = {}) => {
    const text = (locale.value === 'zh-CN' ? zhCN[key] : undefined) ?? en[key];
    return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
  };
}
