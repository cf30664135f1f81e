// The message keys: every English string, wherever its chunk is. Types only, so importing this
// loads no text.
import type { en } from './en';
import type { enShell } from './en-shell';
import type { enViews } from './en-views';

export type MessageKey = keyof typeof enShell | keyof typeof en | keyof typeof enViews;
export type Messages = Record<MessageKey, string>;
