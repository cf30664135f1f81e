// One streamed answer as both LLM engines measure it: the text, the token count (the engine's usage
// figure when it gives one, else the pieces), time to first token and decode speed, and the
// deliveries to the page (batched per frame, drained before the answer is returned: tokens travel on
// the callback's own channel, the result on the worker's, and the page must not see the end first).
import { speedReport } from '../../core/llm-cpu';
import type { Completion, OnToken } from './llm-engine';
import { TokenBatcher } from './token-batcher';

export interface Piece {
  text: string;
  completionTokens?: number;
}

export class AnswerMeter {
  readonly #startedAt = performance.now();
  #firstTokenAt: number | null = null;
  #endedAt: number | null = null;
  #text = '';
  #pieces = 0;
  #counted: number | null = null;
  readonly #batcher: TokenBatcher;

  constructor(onToken?: OnToken) {
    this.#batcher = new TokenBatcher(onToken);
  }

  take(piece: Piece): void {
    if (piece.completionTokens !== undefined) this.#counted = piece.completionTokens;
    if (!piece.text) return;
    this.#firstTokenAt ??= performance.now();
    this.#pieces += 1;
    this.#text += piece.text;
    this.#batcher.push(piece.text);
  }

  /** The engine has stopped: the clock stops first (speed is the engine's, not the page's pace of
   *  rendering), then every delivery is awaited. */
  async end(): Promise<void> {
    this.#endedAt ??= performance.now();
    await this.#batcher.drain();
  }

  result(aborted: boolean): Completion {
    const tokens = this.#counted ?? this.#pieces;
    const endedAt = this.#endedAt ?? performance.now();
    return {
      text: this.#text,
      tokens,
      aborted,
      ...speedReport({ startedAt: this.#startedAt, firstTokenAt: this.#firstTokenAt, endedAt, tokens }),
    };
  }
}
