// The app's own English strings, so the bench finds buttons by the names a person hears and keeps
// finding them when their wording changes. The app follows the browser's language; the bench runs
// Chromium with --lang=en-US.
import { en, type MessageKey } from '../src/ui/i18n/en';

export const say = (key: MessageKey, vars: Record<string, string | number> = {}): string =>
  en[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));

/** Matches a message with `capture`'s placeholder as a number group; other placeholders match anything. */
export function pattern(key: MessageKey, capture: string): RegExp {
  const escaped = en[key].replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  return new RegExp(escaped.replace(/\{(\w+)\}/g, (_, name: string) => (name === capture ? '(\\d+)' : '.*?')));
}
