// Turns per-frame speech probabilities (Silero VAD, one per 32 ms frame) into speech segments.
// Hysteresis: speech begins on a frame at or above the positive threshold and continues through
// frames above the lower negative threshold; it ends only after `redemptionMs` of frames below it,
// so the short pauses inside a sentence do not cut it in two. Too little speech is a 'misfire'
// (a cough, a door), reported so a barge-in that already reacted to speech-start can resume.
// Times are milliseconds on the audio clock: frame i covers [i x frameMs, (i + 1) x frameMs).

export interface SegmenterOptions {
  positiveThreshold: number;
  negativeThreshold: number;
  /** Audio kept before the first confident frame (Silero reacts a little after the onset). */
  preSpeechPadMs: number;
  /** Quiet needed after speech before the segment ends. */
  redemptionMs: number;
  /** Segments with less speech than this (first confident to last speech frame) are misfires. */
  minSpeechMs: number;
  frameMs: number;
}

export const DEFAULT_SEGMENTER: SegmenterOptions = {
  positiveThreshold: 0.5,
  negativeThreshold: 0.35,
  preSpeechPadMs: 96,
  redemptionMs: 640,
  minSpeechMs: 250,
  frameMs: 32,
};

export type SegmenterEvent =
  | { type: 'speech-start'; atMs: number }
  | { type: 'speech-end'; startMs: number; endMs: number }
  | { type: 'misfire'; startMs: number; endMs: number };

export class VadSegmenter {
  readonly options: SegmenterOptions;
  #frame = 0;
  #speaking = false;
  /** First confident frame of the current segment. */
  #speechFrom = 0;
  /** End of the last frame that still counted as speech. */
  #lastSpeechEnd = 0;
  #quietFrames = 0;
  /** End of the previous segment: the pre-speech pad never reaches back into it. */
  #previousEnd = 0;

  constructor(options: Partial<SegmenterOptions> = {}) {
    this.options = { ...DEFAULT_SEGMENTER, ...options };
    if (this.options.negativeThreshold > this.options.positiveThreshold) {
      throw new RangeError('The negative threshold must not exceed the positive one');
    }
  }

  get speaking(): boolean {
    return this.#speaking;
  }

  /** Audio time after the frames pushed so far. */
  get nowMs(): number {
    return this.#frame * this.options.frameMs;
  }

  /** One frame's speech probability; returns what that frame decided (usually nothing). */
  push(probability: number): SegmenterEvent | null {
    const { frameMs, positiveThreshold, negativeThreshold, redemptionMs } = this.options;
    const start = this.#frame * frameMs;
    const end = start + frameMs;
    this.#frame++;
    if (!this.#speaking) {
      if (probability < positiveThreshold) return null;
      this.#speaking = true;
      this.#speechFrom = start;
      this.#lastSpeechEnd = end;
      this.#quietFrames = 0;
      return { type: 'speech-start', atMs: start };
    }
    if (probability >= negativeThreshold) {
      this.#lastSpeechEnd = end;
      this.#quietFrames = 0;
      return null;
    }
    this.#quietFrames++;
    return this.#quietFrames * frameMs >= redemptionMs ? this.#finish() : null;
  }

  /** Ends a segment in progress (listening stopped, the push-to-talk key was released). */
  flush(): SegmenterEvent | null {
    return this.#speaking ? this.#finish() : null;
  }

  #finish(): SegmenterEvent {
    const { preSpeechPadMs, minSpeechMs } = this.options;
    this.#speaking = false;
    const startMs = Math.max(this.#previousEnd, this.#speechFrom - preSpeechPadMs);
    const endMs = this.#lastSpeechEnd;
    this.#previousEnd = endMs;
    const type = endMs - this.#speechFrom >= minSpeechMs ? 'speech-end' : 'misfire';
    return { type, startMs, endMs };
  }
}
