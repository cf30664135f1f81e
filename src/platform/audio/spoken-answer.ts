// Speaks an answer while it is still being written: markdown -> speakable text -> sentences ->
// speech, in order, with one sentence of look-ahead (sentence N plays while N+1 is synthesized).
// cancel() silences at once; a synthesis or playback failure rejects `done`.
import { SentenceStream } from '../../core/sentence-stream';
import { speakableText } from '../../core/speakable-text';
import type { PcmChunk } from './speaker';

export interface SpokenAnswerOptions {
  /** Synthesizes one sentence (the tts worker, bound to the chosen engine, voice and speed). */
  speak: (sentence: string) => Promise<PcmChunk>;
  /** Plays chunks in the order given; enqueue resolves when the chunk has played or was stopped. */
  speaker: { enqueue(chunk: PcmChunk): Promise<void>; stop(): void };
  /** For sentence boundaries (Intl.Segmenter). */
  locale?: string;
  /** Each sentence just before its synthesis starts (for captions and timing). */
  onSentence?: (sentence: string, index: number) => void;
}

export class SpokenAnswer {
  readonly done: Promise<void>;
  readonly #options: SpokenAnswerOptions;
  readonly #sentences: SentenceStream;
  readonly #queue: string[] = [];
  #finished = false;
  #cancelled = false;
  #wake: () => void = () => undefined;

  constructor(options: SpokenAnswerOptions) {
    this.#options = options;
    this.#sentences = new SentenceStream({ locale: options.locale });
    this.done = this.#run();
  }

  /** The whole answer so far (markdown). */
  update(fullTextSoFar: string): void {
    if (this.#finished || this.#cancelled) return;
    this.#push(this.#sentences.update(speakableText(fullTextSoFar)));
  }

  /** The answer is complete (call update() with the final text first). */
  finish(): void {
    if (this.#finished || this.#cancelled) return;
    this.#finished = true;
    this.#push(this.#sentences.finish());
  }

  /** Stops playback at once and drops everything not yet spoken; `done` resolves. */
  cancel(): void {
    if (this.#cancelled) return;
    this.#cancelled = true;
    this.#queue.length = 0;
    this.#options.speaker.stop();
    this.#wake();
  }

  get cancelled(): boolean {
    return this.#cancelled;
  }

  #push(sentences: string[]): void {
    this.#queue.push(...sentences);
    this.#wake();
  }

  async #next(): Promise<string | null> {
    while (!this.#cancelled) {
      const sentence = this.#queue.shift();
      if (sentence !== undefined) return sentence;
      if (this.#finished) return null;
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
    return null;
  }

  async #run(): Promise<void> {
    const { speak, speaker, onSentence } = this.#options;
    let previousEnded: Promise<void> = Promise.resolve();
    let index = 0;
    try {
      for (let sentence = await this.#next(); sentence !== null; sentence = await this.#next()) {
        onSentence?.(sentence, index++);
        const audio = await speak(sentence);
        if (this.#cancelled) return;
        const ended = speaker.enqueue(audio);
        ended.catch(() => undefined); // awaited below; not "unhandled" while the next one synthesizes
        // Synthesize the next sentence only once this one has started playing (the one before it
        // has ended): one sentence of look-ahead, never a growing backlog.
        await previousEnded;
        previousEnded = ended;
      }
      await previousEnded;
    } catch (e) {
      if (!this.#cancelled) speaker.stop();
      throw e;
    }
  }
}
