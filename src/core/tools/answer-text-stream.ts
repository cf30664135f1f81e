// The text of a constrained model's plain answer while it is being written. The model writes
// {"answer": "…"} as JSON, one token at a time; the person should see (and hear) the words inside
// the string as they come, not the JSON and not only at the end. This reads the reply piece by
// piece, however the pieces are cut (inside an escape, between the two halves of a surrogate pair),
// and hands back only the newly decoded text. A reply that turns out to be a tool call yields none.

export type AnswerStreamState =
  /** Not yet known whether this is an answer (e.g. only `{"` so far). */
  | 'undecided'
  /** Inside the answer's string. */
  | 'answer'
  /** The string is closed; what follows is the envelope's end. */
  | 'done'
  /** Something else (a tool call): no text comes from it. */
  | 'not-answer';

/** What precedes the answer's text, one character each; whitespace may come where `spaceBefore` says. */
const OPENING = ['{', '"', 'a', 'n', 's', 'w', 'e', 'r', '"', ':', '"'];
const SPACE_BEFORE = new Set([0, 1, 9, 10]);
const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t';
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

export class AnswerTextStream {
  #state: AnswerStreamState = 'undecided';
  /** How much of OPENING has been seen. */
  #opened = 0;
  /** Inside an escape: '\\' alone, or '\\u' and the hex digits so far. */
  #escape: string | null = null;
  /** A high surrogate waiting for its low half, so no piece ends in half a character. */
  #pendingHigh = '';
  #text = '';

  get state(): AnswerStreamState {
    return this.#state;
  }

  /** All of the answer's text decoded so far. */
  get text(): string {
    return this.#text;
  }

  /** Reads one more piece of the reply; returns the answer text it completes (often ''). */
  push(piece: string): string {
    let out = '';
    for (const c of piece) {
      if (this.#state === 'undecided') this.#open(c);
      else if (this.#state === 'answer') out += this.#inString(c);
      else break;
    }
    this.#text += out;
    return out;
  }

  #open(c: string): void {
    if (isSpace(c) && SPACE_BEFORE.has(this.#opened)) return;
    if (c !== OPENING[this.#opened]) {
      this.#state = 'not-answer';
      return;
    }
    this.#opened++;
    if (this.#opened === OPENING.length) this.#state = 'answer';
  }

  /** One character inside the string: what it adds to the text. */
  #inString(c: string): string {
    if (this.#escape === null) {
      if (c === '\\') {
        this.#escape = '\\';
        return '';
      }
      if (c === '"') {
        this.#state = 'done';
        return this.#flushHigh();
      }
      return this.#flushHigh() + c;
    }
    if (this.#escape === '\\') {
      if (c === 'u') {
        this.#escape = '\\u';
        return '';
      }
      this.#escape = null;
      // An escape JSON does not have: kept as written rather than lost (the grammar never allows it).
      return this.#flushHigh() + (SIMPLE_ESCAPES[c] ?? `\\${c}`);
    }
    this.#escape += c;
    if (this.#escape.length < 6) return '';
    const hex = this.#escape.slice(2);
    this.#escape = null;
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) return this.#flushHigh() + `\\u${hex}`;
    const code = parseInt(hex, 16);
    if (isHighSurrogate(code)) {
      const before = this.#flushHigh();
      this.#pendingHigh = String.fromCharCode(code);
      return before;
    }
    const unit = String.fromCharCode(code);
    if (this.#pendingHigh) {
      const pair = this.#pendingHigh + unit;
      this.#pendingHigh = '';
      return pair;
    }
    return unit;
  }

  /** A high surrogate not followed by its low half is written as it came (U+FFFD would hide it). */
  #flushHigh(): string {
    const high = this.#pendingHigh;
    this.#pendingHigh = '';
    return high;
  }
}
