// Streamed text crosses from the llm worker to the page one message per delivery, and the page
// re-renders for each. A fast engine (hundreds of tokens/s on a small model) would spend more on
// those hops than on decoding, so pieces are sent at most once a frame. The first piece goes at once:
// time to first token is not delayed by batching.
import type { OnToken } from './llm-engine';

export const BATCH_MS = 16;

export class TokenBatcher {
  #pending = '';
  #timer: ReturnType<typeof setTimeout> | null = null;
  #sentAny = false;
  readonly #deliveries: Array<Promise<unknown>> = [];

  constructor(
    private readonly onToken: OnToken | undefined,
    private readonly batchMs = BATCH_MS,
  ) {}

  push(text: string): void {
    if (!this.onToken || !text) return;
    this.#pending += text;
    if (!this.#sentAny) {
      this.#sentAny = true;
      this.#send();
    } else this.#timer ??= setTimeout(() => this.#send(), this.batchMs);
  }

  /** Sends what is left and waits until the page has received every piece, in order. */
  async drain(): Promise<void> {
    this.#send();
    await Promise.all(this.#deliveries);
  }

  #send(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (!this.#pending || !this.onToken) return;
    const text = this.#pending;
    this.#pending = '';
    // A page that went away must not break the answer: its delivery errors are dropped.
    const delivered = new Promise((resolve) => resolve(this.onToken!(text)));
    this.#deliveries.push(delivered.catch(() => undefined));
  }
}
