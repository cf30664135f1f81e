// Prompts for models without a chat template (base models such as the TinyStories test model). A base
// model knows no turns: it continues text. So a lone question is sent as itself ("Once upon a time"
// is continued as a story), and a conversation as a plain transcript that ends where the assistant's
// next line begins; generation is stopped where the model would start writing someone else's line.
import type { ChatMessage } from './chat-types';

const SPEAKER: Record<'user' | 'assistant', string> = { user: 'User', assistant: 'Assistant' };

export function plainPrompt(messages: readonly ChatMessage[]): string {
  const system = messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content.trim())
    .filter(Boolean);
  const turns = messages.filter((m): m is ChatMessage & { role: 'user' | 'assistant' } => m.role !== 'system');
  const only = turns[0];
  // Trailing whitespace is dropped: the model's next word normally brings its own leading space.
  if (!system.length && turns.length === 1 && only?.role === 'user') return only.content.trimEnd();
  if (!turns.length) return system.join('\n\n');
  const lines = turns.map((m) => `${SPEAKER[m.role]}: ${m.content.trim()}`);
  // An assistant message at the end is an answer to continue; otherwise the assistant speaks next.
  if (turns.at(-1)?.role !== 'assistant') lines.push(`${SPEAKER.assistant}:`);
  return [...system, lines.join('\n')].join('\n\n');
}

/** Where a transcript continuation has finished its own line: the model starts the person's next
 *  line, or invents another assistant turn. */
export const stopSequencesForPlain = (): string[] => [`\n${SPEAKER.user}:`, `\n${SPEAKER.assistant}:`];

/** Cuts `text` at the earliest stop sequence. Engines stream tokens before they can see a whole stop
 *  (and some never check), so a finished answer may still hold one and what followed it. */
export function trimAtStop(text: string, stops: readonly string[]): { text: string; stopped: boolean } {
  const hits = stops
    .filter(Boolean)
    .map((s) => text.indexOf(s))
    .filter((i) => i >= 0);
  return hits.length ? { text: text.slice(0, Math.min(...hits)), stopped: true } : { text, stopped: false };
}

// What a continuation may begin with that still belongs to the prompt's last sentence: spaces and
// the punctuation that joins or closes it (", there was…" after "Once upon a time"). Opening quotes
// and brackets, dashes and list markers stay: they start the answer's own text.
const PROMPT_JOIN = /^[\s,.;:!?…)\]}»”’、，。；：！？）】》」』]+/u;

/** The answer as a person should see it: without what it carried over from the prompt. */
export const dropPromptJoin = (text: string): string => text.replace(PROMPT_JOIN, '');

/** Streams pieces through `onPiece`, holding them back until the first character of the answer's
 *  own text, so the first piece a person sees never starts with the prompt's leftovers. */
export function promptJoinDropper<R>(onPiece: (piece: string) => R): (piece: string) => R | undefined {
  let held = '';
  let started = false;
  return (piece) => {
    if (started) return onPiece(piece);
    held = dropPromptJoin(held + piece);
    if (!held) return undefined;
    started = true;
    return onPiece(held);
  };
}
