// The app's own English strings, so the bench finds buttons by the names a person hears and keeps
// finding them when their wording changes. The app follows the browser's language; the bench runs
// Chromium with --lang=en-US.
import { en } from '../src/ui/i18n/en';
import { enShell } from '../src/ui/i18n/en-shell';
import { enViews } from '../src/ui/i18n/en-views';
import type { MessageKey, Messages } from '../src/ui/i18n/messages';

const english: Messages = { ...enShell, ...en, ...enViews };

export const say = (key: MessageKey, vars: Record<string, string | number> = {}): string =>
  english[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));

/** Matches a message with `capture`'s placeholder as a number group; other placeholders match anything. */
export function pattern(key: MessageKey, capture: string): RegExp {
  const escaped = english[key].replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  return new RegExp(escaped.replace(/\{(\w+)\}/g, (_, name: string) => (name === capture ? '(\\d+)' : '.*?')));
}
