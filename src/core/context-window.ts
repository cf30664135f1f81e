// Fits a conversation into a model's token budget. Pure: the caller passes the token counter (an
// engine's exact one, or estimateTokens below).
//
// The rule, in order:
//  1. Room for the prompt = budget − the answer's reserve − what the chat template adds. The reserve
//     is at most half the budget, so a large max-tokens setting never squeezes out the question (the
//     answer then gets what is left: `answerTokens`). A budget under about 100 tokens cannot hold a
//     conversation: the prompt may then exceed it.
//  2. The system prompt is always sent. Only when it and the newest message together overflow the
//     room is its END cut ("…"), and never below half the room. `truncatedSystem` says so.
//  3. The newest message (the question being answered) is always sent. When it alone overflows what
//     is left, its START is cut ("…"), keeping the end, where a long paste usually asks its question.
//     `truncatedLast` says so.
//  4. Older messages are grouped into turns (a question and the answers after it) and taken newest
//     first, whole while they fit. From the first turn that does not fit whole on, every older turn
//     is condensed (an answer to its first sentence, a question to its first 160 characters, each
//     ending "…") and taken if that fits. The first turn that does not fit even condensed, and all
//     older ones, are dropped. So the history reads, in original order: dropped, condensed, whole.
//  5. An assistant message never opens the history (a greeting before the first question): it is
//     dropped. System messages inside `history` are dropped too: `system` is the one system prompt.
import type { ChatMessage } from './chat-types';

/** Role markers around each message: Llama 3's header tokens and <|eot_id|>, ChatML's
 *  <|im_start|>role\n…<|im_end|>\n, are five tokens each. */
export const MESSAGE_OVERHEAD_TOKENS = 5;
/** Begin-of-text, the assistant header that primes the answer, and text some templates add on their
 *  own (Llama 3.2 writes dates into the system prompt, Qwen a default one when none is given). */
export const PROMPT_OVERHEAD_TOKENS = 32;
/** A history past this costs KV-cache memory and prompt-processing time that phones cannot spare. */
export const SMALL_CONTEXT_TOKENS = 2048;
const UNKNOWN_WINDOW_TOKENS = 1024;
const CONDENSED_QUESTION_CHARS = 160;
const CONDENSED_ANSWER_CHARS = 200;
const ELLIPSIS = '…';

/** Small windows by default: the model's own window when smaller, an unknown one treated as a small
 *  phone's. */
export function defaultContextBudget(contextWindow: number): number {
  if (!Number.isFinite(contextWindow) || contextWindow <= 0) return UNKNOWN_WINDOW_TOKENS;
  return Math.min(Math.floor(contextWindow), SMALL_CONTEXT_TOKENS);
}

/** A conservative token count for text no engine has counted. Per character: English prose averages
 *  about 4 characters a token, counted as 3.5; every digit 1 (Qwen splits numbers into digits); ASCII
 *  punctuation ½ (code is dense with it); a CJK character 1.5 (Qwen often needs less, Llama 3 and
 *  SmolLM2 split many in two or more); other scripts ¾; emoji and other astral characters 3 (four
 *  UTF-8 bytes). Overcounting costs some history; undercounting overruns a phone's small window. */
export function estimateTokens(text: string): number {
  let units = 0;
  for (const ch of text) units += charUnits(ch.codePointAt(0) ?? 0);
  return Math.ceil(units / UNITS_PER_TOKEN);
}

/** Weights in 28ths of a token, so the sum stays exact (0.1 + 0.2 style drift could add a token). */
export const UNITS_PER_TOKEN = 28;
/** estimateTokens' weight of one code point, in UNITS_PER_TOKEN ths of a token. */
export function charUnits(c: number): number {
  if (c < 0x80) {
    if (c >= 0x30 && c <= 0x39) return 28;
    const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    return letter || c <= 0x20 ? 8 : 14;
  }
  if (c > 0xffff) return 84;
  return isCjk(c) ? 42 : 21;
}

const isCjk = (c: number): boolean =>
  (c >= 0x1100 && c <= 0x11ff) || // Hangul jamo
  (c >= 0x2e80 && c <= 0x9fff) || // radicals, CJK punctuation, kana, ideographs
  (c >= 0xac00 && c <= 0xd7af) || // Hangul syllables
  (c >= 0xf900 && c <= 0xfaff) || // compatibility ideographs
  (c >= 0xff00 && c <= 0xffef); // full-width forms

export interface FitContextInput {
  /** The system prompt; empty for none. */
  system: string;
  /** The conversation, oldest first, ending with the message to answer. */
  history: readonly ChatMessage[];
  budgetTokens: number;
  /** Tokens kept free for the answer (the max-tokens setting). */
  reserveForAnswer: number;
  /** Tokens of a message's text, without role markers (added here). */
  countTokens: (text: string) => number;
}

export interface FittedContext {
  messages: ChatMessage[];
  /** Messages of `history` left out. */
  dropped: number;
  /** Messages sent shortened by rule 4. */
  condensed: number;
  /** The prompt's tokens, role markers and template allowance included. */
  usedTokens: number;
  /** Budget left for the answer: at least the reserve, unless the reserve was over half the budget. */
  answerTokens: number;
  truncatedSystem: boolean;
  truncatedLast: boolean;
}

export function fitContext(input: FitContextInput): FittedContext {
  const cost = (m: ChatMessage): number => input.countTokens(m.content) + MESSAGE_OVERHEAD_TOKENS;
  const budget = Math.max(0, Math.floor(input.budgetTokens));
  const reserve = Math.min(Math.max(0, Math.floor(input.reserveForAnswer)), Math.floor(budget / 2));
  const room = budget - reserve - PROMPT_OVERHEAD_TOKENS;
  const turns = input.history.filter((m) => m.role !== 'system');
  const newest = turns.at(-1);
  const system = input.system.trim();

  let left = room;
  let systemMessage: ChatMessage | null = null;
  if (system) {
    const limit = Math.max(Math.floor(room / 2), room - (newest ? cost(newest) : 0));
    systemMessage = shortenTo({ role: 'system', content: system }, limit, cost, 'keep-start');
    left -= cost(systemMessage);
  }
  const last = newest ? shortenTo(newest, left, cost, 'keep-end') : null;
  if (last) left -= cost(last);
  const older = fitOlder(turns.slice(0, -1), left, cost);

  const messages = [...(systemMessage ? [systemMessage] : []), ...older.messages, ...(last ? [last] : [])];
  const usedTokens = PROMPT_OVERHEAD_TOKENS + messages.reduce((sum, m) => sum + cost(m), 0);
  return {
    messages,
    dropped: input.history.length - older.messages.length - (last ? 1 : 0),
    condensed: older.condensed,
    usedTokens,
    answerTokens: Math.max(0, budget - usedTokens),
    truncatedSystem: systemMessage !== null && systemMessage.content !== system,
    truncatedLast: last !== null && last !== newest,
  };
}

type Cost = (m: ChatMessage) => number;

/** Rules 4 and 5 over the messages before the newest. */
function fitOlder(older: readonly ChatMessage[], room: number, cost: Cost): { messages: ChatMessage[]; condensed: number } {
  const kept: ChatMessage[][] = [];
  let left = room;
  let condensing = false;
  let condensed = 0;
  for (const turn of groupTurns(older).reverse()) {
    if (turn[0]?.role !== 'user') break; // an orphan answer would open the history
    const whole = turn.reduce((sum, m) => sum + cost(m), 0);
    if (!condensing && whole <= left) {
      kept.unshift(turn);
      left -= whole;
      continue;
    }
    condensing = true;
    const short = turn.map(condense);
    const shortCost = short.reduce((sum, m) => sum + cost(m), 0);
    if (shortCost > left) break;
    kept.unshift(short);
    left -= shortCost;
    condensed += short.filter((m, i) => m !== turn[i]).length;
  }
  return { messages: kept.flat(), condensed };
}

/** A turn opens with a user message; answers before the first question form a turn of their own. */
function groupTurns(messages: readonly ChatMessage[]): ChatMessage[][] {
  const turns: ChatMessage[][] = [];
  for (const m of messages) {
    const open = turns.at(-1);
    if (m.role === 'user' || !open) turns.push([m]);
    else open.push(m);
  }
  return turns;
}

/** An answer to its first sentence (or line), a question to its first characters; unchanged (the same
 *  object) when that would not make it shorter. */
export function condense(m: ChatMessage): ChatMessage {
  const text = m.content.trim();
  const limit = m.role === 'assistant' ? CONDENSED_ANSWER_CHARS : CONDENSED_QUESTION_CHARS;
  const head = m.role === 'assistant' ? firstSentence(text) : text;
  const cut = [...head].slice(0, limit).join('').trimEnd();
  return cut.length < text.length ? { role: m.role, content: cut + ELLIPSIS } : m;
}

function firstSentence(text: string): string {
  // A full stop before whitespace ends a sentence ("3.5" does not); CJK stops need no space after.
  const end = text.search(/[.!?](?=\s)|[。！？]|\n/);
  return end < 0 ? text : text.slice(0, end + 1);
}

/** The message itself when it fits `limit`, else as many characters as fit, with "…" where it was
 *  cut. Counts whole code points, so a surrogate pair (emoji) is never split. */
function shortenTo(m: ChatMessage, limit: number, cost: Cost, keep: 'keep-start' | 'keep-end'): ChatMessage {
  if (cost(m) <= limit) return m;
  const chars = [...m.content];
  const take = (n: number): ChatMessage => ({
    role: m.role,
    content:
      keep === 'keep-start'
        ? chars.slice(0, n).join('').trimEnd() + ELLIPSIS
        : ELLIPSIS +
          chars
            .slice(chars.length - n)
            .join('')
            .trimStart(),
  });
  // Binary search for the longest part that fits; counts grow with length.
  let lo = 0;
  let hi = chars.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (cost(take(mid)) <= limit) lo = mid;
    else hi = mid - 1;
  }
  return take(lo);
}

/** estimateTokens scaled for a model whose tokenizer cuts finer than the estimate assumes (a small
 *  vocabulary), learnt from the engine's own count when a prompt overflowed. */
export function scaledEstimate(ratio: number): (text: string) => number {
  const r = Math.max(1, ratio);
  return (text) => Math.ceil(estimateTokens(text) * r);
}

/** How much finer than estimated a model counts: its real prompt tokens over the fitted estimate,
 *  with a margin so the refitted prompt lands under the window rather than on its edge. */
export function tokenRatioFrom(promptTokens: number, estimatedTokens: number, margin = 1.1): number {
  return estimatedTokens > 0 ? Math.max(1, (promptTokens / estimatedTokens) * margin) : 1;
}
