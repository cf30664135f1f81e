// Splits a text that is still being written into sentences as soon as each is certainly finished,
// so speech can start while the language model goes on. Feeding the text in any chunks gives the
// same sentences as splitting the whole text at once (the unit tests check this).
//
// Intl.Segmenter finds the boundaries (Unicode sentence rules, so decimals like "3.5" and "e.g.
// apples" stay whole). A boundary is only trusted once a letter, a line break or another sentence
// end follows it: before that, the Unicode rules may still take it back ("Hello. (and so" is one
// sentence), and the last segment is always kept back until more text or finish().

export interface SentenceStreamOptions {
  locale?: string;
  /** A sentence shorter than this joins the next one ("Sure!" + "Here is how."). */
  minChars?: number;
  /** A sentence longer than this is cut at its last clause boundary (comma, semicolon, dash...). */
  maxChars?: number;
}

// Intl.Segmenter (like ICU without its suppression lists) ends a sentence after these.
const ABBREVIATION =
  /(?:^|[\s(])(?:mr|mrs|ms|dr|prof|sr|jr|st|mt|vs|etc|no|fig|inc|ltd|co|approx|e\.g|i\.e|[a-z](?:\.[a-z])+)\.\s*$/i;
const CONFIRMS_BOUNDARY = /[\p{L}\n.!?。！？]/u;
const CLAUSE_END = /[,;:，；：、—–)\]](?=\s|$)|[，；：、]/gu;

export class SentenceStream {
  readonly #segmenter: Intl.Segmenter;
  readonly #minChars: number;
  readonly #maxChars: number;
  #text = '';
  /** Characters of #text already handed out (or waiting in #carry). */
  #consumed = 0;
  /** Finished sentences too short to say alone, waiting for the next. */
  #carry = '';

  constructor({ locale = 'en', minChars = 16, maxChars = 240 }: SentenceStreamOptions = {}) {
    this.#segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
    this.#minChars = minChars;
    this.#maxChars = maxChars;
  }

  /** The whole text so far (it only ever grows); returns the sentences finished by it. */
  update(fullTextSoFar: string): string[] {
    this.#text = fullTextSoFar;
    return this.#drain(false);
  }

  /** The text is complete: returns every sentence not yet returned. */
  finish(): string[] {
    const out = this.#drain(true);
    const rest = tidy(this.#carry);
    this.#carry = '';
    if (rest) out.push(rest);
    return out;
  }

  #drain(final: boolean): string[] {
    const out: string[] = [];
    for (;;) {
      const rest = this.#text.slice(this.#consumed);
      const [first, next] = this.#firstTwo(rest);
      if (first === undefined) break;
      const complete = final || (next !== undefined && CONFIRMS_BOUNDARY.test(next));
      if (complete && first.length <= this.#maxChars) {
        this.#take(first, out);
      } else if (first.length > this.#maxChars) {
        this.#take(first.slice(0, cutPoint(first, this.#maxChars)), out);
      } else {
        break;
      }
    }
    return out;
  }

  #firstTwo(text: string): [string | undefined, string | undefined] {
    const it = this.#segmenter.segment(text)[Symbol.iterator]();
    const a = it.next();
    if (a.done) return [undefined, undefined];
    const b = it.next();
    return [a.value.segment, b.done ? undefined : b.value.segment];
  }

  /** A piece ending in an abbreviation ("Dr. ") is never said alone: it waits for what follows. */
  #take(piece: string, out: string[]): void {
    this.#consumed += piece.length;
    this.#carry += piece;
    if (this.#carry.trim().length >= this.#minChars && !ABBREVIATION.test(this.#carry)) {
      out.push(tidy(this.#carry));
      this.#carry = '';
    }
  }
}

const tidy = (sentence: string): string => sentence.replace(/\s+/g, ' ').trim();

/** Where to cut a too-long sentence: after its last clause end within the limit, else after its
 *  last space, else at the limit (text without spaces, e.g. Chinese without punctuation). */
function cutPoint(sentence: string, max: number): number {
  const head = sentence.slice(0, max);
  let cut = 0;
  for (const m of head.matchAll(CLAUSE_END)) cut = m.index + m[0].length;
  if (cut < max / 3) cut = head.lastIndexOf(' ') + 1;
  if (cut < max / 3) cut = max;
  return cut;
}
