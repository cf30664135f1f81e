// A question the assistant asked about a tool call and is waiting on: "Lock the front door? yes or
// no", or "which one?". Only the person's tap on the card or the person's next spoken turn answers
// it; a typed message, a document, a device name or an MQTT payload never does. Tiny on purpose: the
// voice loop reads it to hand the next utterance (or the silence after the question) to the tools.
import { signal } from '@preact/signals';

export interface PendingReply {
  conversationId: string;
  /** The tool message the question is on. */
  messageId: string;
  kind: 'confirm' | 'choose-device';
  /** Asked aloud: the next spoken turn is the answer, and silence means no. */
  aloud: boolean;
}

export const pendingReply = signal<PendingReply | null>(null);
