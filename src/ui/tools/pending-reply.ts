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

/** What the voice loop offers the tools once it is loaded: whether the microphone is open (then a
 *  question is asked aloud even for a typed command) and a way to say a sentence. */
export interface VoiceHooks {
  listening(): boolean;
  say(text: string): Promise<void>;
}

export const voiceHooks = signal<VoiceHooks | null>(null);

/** How long the microphone waits for the answer to a question asked aloud before it counts as
 *  silence (no speech started); speech that starts in time is waited for to its end. */
export const REPLY_WINDOW_MS = 8000;
