// openWakeWord's streaming bookkeeping, without any model: which audio the mel model sees, which mel
// frames make each embedding window, which embeddings the wake-word head sees, and when a score
// counts as a new detection. The three ONNX models run in src/engines/speech/wake-word.ts.
//
// Timeline: the models work in 80 ms steps (1280 samples). Each step the mel model gets the step's
// samples plus the 480 before them (its 400-sample FFT window at 160-sample hops yields
// samples / 160 - 3 frames, so 1760 samples -> exactly the step's 8 frames, no overlap, no gap).
// The embedding model then reads the newest 76 mel frames (a window that moves by 8 frames, one
// step), and the head reads the newest 16 embeddings (about 1.3 s of embeddings, 2 s of audio).

export const WAKE_STEP_SAMPLES = 1280;
export const MEL_CONTEXT_SAMPLES = 480;
export const MEL_INPUT_SAMPLES = MEL_CONTEXT_SAMPLES + WAKE_STEP_SAMPLES;
export const MEL_FRAMES_PER_STEP = 8;
export const MEL_BINS = 32;
export const EMBEDDING_WINDOW_FRAMES = 76;
export const EMBEDDING_DIM = 96;
export const HEAD_EMBEDDINGS = 16;
/** The mel model was exported for 16-bit PCM magnitudes, not the -1..1 floats Web Audio gives. */
export const PCM16_SCALE = 32768;
/** About the head's receptive field (76 mel frames + 15 more steps ≈ 2 s): after a detection the
 *  same utterance stays in view that long, so its later high scores are not new detections. */
export const WAKE_COOLDOWN_STEPS = 25;

/** The feature scaling openWakeWord trained with: it brings the ONNX mel model's log-mel output
 *  near the range of Google's original TensorFlow front-end. In place; returns its argument. */
export function scaleMel(raw: Float32Array): Float32Array {
  for (let i = 0; i < raw.length; i++) raw[i] = raw[i]! / 10 + 2;
  return raw;
}

/**
 * Turns 16 kHz frames of any length into mel-model inputs: one per complete 1280-sample step, each
 * with the 480 samples before it as context (zeros before the first step: silence before listening).
 */
export class StepAccumulator {
  /** Context + the step being filled, already in PCM16 magnitudes. */
  private readonly window = new Float32Array(MEL_INPUT_SAMPLES);
  private filled = MEL_CONTEXT_SAMPLES;

  push(frame: Float32Array): Float32Array[] {
    const steps: Float32Array[] = [];
    let read = 0;
    while (read < frame.length) {
      const n = Math.min(frame.length - read, MEL_INPUT_SAMPLES - this.filled);
      for (let i = 0; i < n; i++) this.window[this.filled + i] = frame[read + i]! * PCM16_SCALE;
      this.filled += n;
      read += n;
      if (this.filled === MEL_INPUT_SAMPLES) {
        steps.push(this.window.slice());
        // The step's last 480 samples become the next step's context.
        this.window.copyWithin(0, WAKE_STEP_SAMPLES);
        this.filled = MEL_CONTEXT_SAMPLES;
      }
    }
    return steps;
  }

  reset(): void {
    this.window.fill(0);
    this.filled = MEL_CONTEXT_SAMPLES;
  }
}

/**
 * Fixed-capacity history of equal-length rows (mel frames or embeddings), oldest first. The newest
 * `count` rows come back as one contiguous row-major array, the layout the models' tensors want.
 */
export class RowHistory {
  private readonly rows: Float32Array;
  private stored = 0;

  constructor(
    readonly rowLength: number,
    readonly capacity: number,
  ) {
    this.rows = new Float32Array(rowLength * capacity);
  }

  get size(): number {
    return this.stored;
  }

  /** Appends whole rows (a multiple of rowLength values), dropping the oldest beyond capacity. */
  append(values: Float32Array): void {
    if (values.length % this.rowLength !== 0) {
      throw new RangeError(`append() takes whole rows of ${this.rowLength}, got ${values.length} values`);
    }
    const incoming = values.length / this.rowLength;
    if (incoming >= this.capacity) {
      this.rows.set(values.subarray(values.length - this.rows.length));
      this.stored = this.capacity;
      return;
    }
    const overflow = Math.max(0, this.stored + incoming - this.capacity);
    if (overflow > 0) {
      this.rows.copyWithin(0, overflow * this.rowLength, this.stored * this.rowLength);
      this.stored -= overflow;
    }
    this.rows.set(values, this.stored * this.rowLength);
    this.stored += incoming;
  }

  /** A copy of the newest `count` rows, or null while fewer are stored. */
  latest(count: number): Float32Array | null {
    if (count > this.stored) return null;
    return this.rows.slice((this.stored - count) * this.rowLength, this.stored * this.rowLength);
  }

  /** Empties the history, then fills it with `rows` copies of `value` (0 rows: just empty). */
  clear(rows = 0, value = 0): void {
    this.rows.fill(value, 0, rows * this.rowLength);
    this.stored = rows;
  }
}

/**
 * Mel frames as the embedding model reads them. It starts with one window of 1.0 — the scaled mel
 * of a quiet room, openWakeWord's own starting history — so embeddings flow from the first step on
 * rather than after 0.8 s of audio; the head still waits for 16 embeddings (see EmbeddingHistory).
 */
export class MelHistory {
  private readonly frames = new RowHistory(MEL_BINS, EMBEDDING_WINDOW_FRAMES + MEL_FRAMES_PER_STEP);

  constructor() {
    this.reset();
  }

  /** Adds one step's scaled frames and returns the newest 76-frame window ([76, 32] row-major). */
  addStep(scaledFrames: Float32Array): Float32Array {
    if (scaledFrames.length !== MEL_FRAMES_PER_STEP * MEL_BINS) {
      throw new RangeError(`a step has ${MEL_FRAMES_PER_STEP}x${MEL_BINS} mel values, got ${scaledFrames.length}`);
    }
    this.frames.append(scaledFrames);
    // Never null: the history starts full and only grows.
    return this.frames.latest(EMBEDDING_WINDOW_FRAMES)!;
  }

  reset(): void {
    this.frames.clear(EMBEDDING_WINDOW_FRAMES, 1);
  }
}

/** The newest 16 embeddings: the head's input once 16 have been computed since the last reset. */
export class EmbeddingHistory {
  private readonly embeddings = new RowHistory(EMBEDDING_DIM, HEAD_EMBEDDINGS);

  /** Adds one embedding; returns the head input ([16, 96] row-major) or null while warming up. */
  add(embedding: Float32Array): Float32Array | null {
    if (embedding.length !== EMBEDDING_DIM) {
      throw new RangeError(`an embedding has ${EMBEDDING_DIM} values, got ${embedding.length}`);
    }
    this.embeddings.append(embedding);
    return this.embeddings.latest(HEAD_EMBEDDINGS);
  }

  reset(): void {
    this.embeddings.clear();
  }
}

/**
 * Decides which scores are detections. One spoken wake word keeps the score high for several steps
 * (it stays inside the head's 2 s view), so after firing the trigger ignores WAKE_COOLDOWN_STEPS
 * predictions; a score that has fallen below the threshold and risen again inside that time is
 * still the same utterance as far as the head can tell.
 */
export class WakeTrigger {
  private sinceFire = Number.POSITIVE_INFINITY;

  constructor(readonly cooldownSteps = WAKE_COOLDOWN_STEPS) {}

  /** Feed every prediction in order; true when this one is a new detection. */
  update(score: number, threshold: number): boolean {
    this.sinceFire++;
    if (score < threshold || this.sinceFire <= this.cooldownSteps) return false;
    this.sinceFire = 0;
    return true;
  }

  reset(): void {
    this.sinceFire = Number.POSITIVE_INFINITY;
  }
}
