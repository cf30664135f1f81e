import { describe, expect, it } from 'vitest';
import {
  EMBEDDING_DIM,
  EMBEDDING_WINDOW_FRAMES,
  EmbeddingHistory,
  HEAD_EMBEDDINGS,
  MEL_BINS,
  MEL_CONTEXT_SAMPLES,
  MEL_FRAMES_PER_STEP,
  MEL_INPUT_SAMPLES,
  MelHistory,
  PCM16_SCALE,
  RowHistory,
  StepAccumulator,
  WAKE_COOLDOWN_STEPS,
  WAKE_STEP_SAMPLES,
  WakeTrigger,
  scaleMel,
} from '../../src/core/wake-features';

/** Audio whose sample i is i / PCM16_SCALE, so after scaling each sample's value is its index. */
const ramp = (from: number, length: number) => Float32Array.from({ length }, (_, i) => (from + i) / PCM16_SCALE);

/** One step of mel frames where frame f holds the value `first + f` in every bin. */
const melStep = (first: number) =>
  Float32Array.from({ length: MEL_FRAMES_PER_STEP * MEL_BINS }, (_, i) => first + Math.floor(i / MEL_BINS));

describe('StepAccumulator', () => {
  it('the constants describe 80 ms steps whose mel input yields exactly 8 frames', () => {
    expect(WAKE_STEP_SAMPLES).toBe(1280);
    // The mel model makes samples / 160 - 3 frames.
    expect(MEL_INPUT_SAMPLES / 160 - 3).toBe(MEL_FRAMES_PER_STEP);
  });

  it('emits a step every 1280 samples of 512-sample frames (5 frames -> 2 steps)', () => {
    const acc = new StepAccumulator();
    const emitted = [0, 1, 2, 3, 4].map((k) => acc.push(ramp(k * 512, 512)).length);
    // 1536 samples after the 3rd frame, 2560 after the 5th.
    expect(emitted).toEqual([0, 0, 1, 0, 1]);
  });

  it('gives each step the 480 samples before it as context, zeros before the first', () => {
    const acc = new StepAccumulator();
    const steps = [0, 1, 2, 3, 4].flatMap((k) => acc.push(ramp(k * 512, 512)));
    expect(steps).toHaveLength(2);
    const [first, second] = steps as [Float32Array, Float32Array];
    expect(first.length).toBe(MEL_INPUT_SAMPLES);
    expect([...first.subarray(0, MEL_CONTEXT_SAMPLES)].every((v) => v === 0)).toBe(true);
    // Scaled to PCM16 magnitudes: the ramp's values become the sample indices again.
    expect(Array.from(first.subarray(MEL_CONTEXT_SAMPLES), Math.round)).toEqual(Array.from({ length: 1280 }, (_, i) => i));
    expect(Array.from(second, Math.round)).toEqual(Array.from({ length: MEL_INPUT_SAMPLES }, (_, i) => 1280 - 480 + i));
  });

  it('splits a long frame into several steps and keeps the remainder for later', () => {
    const acc = new StepAccumulator();
    const steps = acc.push(ramp(0, 3000));
    expect(steps).toHaveLength(2);
    const third = acc.push(ramp(3000, 840));
    expect(third).toHaveLength(1);
    expect(Math.round(third[0]![0]!)).toBe(2 * 1280 - 480);
    expect(Math.round(third[0]![MEL_INPUT_SAMPLES - 1]!)).toBe(3 * 1280 - 1);
  });

  it('reset() forgets the partial step and the context', () => {
    const acc = new StepAccumulator();
    acc.push(ramp(1, 1000));
    acc.reset();
    expect(acc.push(ramp(1, 1279))).toHaveLength(0);
    const [step] = acc.push(ramp(1280, 1));
    expect([...step!.subarray(0, MEL_CONTEXT_SAMPLES)].every((v) => v === 0)).toBe(true);
    expect(Math.round(step![MEL_CONTEXT_SAMPLES]!)).toBe(1);
  });

  it('returns steps that later pushes do not overwrite', () => {
    const acc = new StepAccumulator();
    const [first] = acc.push(ramp(0, 1280));
    const before = Array.from(first!);
    acc.push(ramp(5000, 2560));
    expect(Array.from(first!)).toEqual(before);
  });
});

describe('scaleMel', () => {
  it("applies openWakeWord's x / 10 + 2 in place", () => {
    const raw = Float32Array.from([-100, -10, 0, 20]);
    expect(scaleMel(raw)).toBe(raw);
    expect(Array.from(raw)).toEqual([-8, 1, 2, 4]);
  });
});

describe('RowHistory', () => {
  it('keeps the newest rows up to its capacity, oldest first', () => {
    const h = new RowHistory(2, 3);
    expect(h.latest(1)).toBeNull();
    h.append(Float32Array.from([1, 1, 2, 2]));
    expect(Array.from(h.latest(2)!)).toEqual([1, 1, 2, 2]);
    expect(h.latest(3)).toBeNull();
    h.append(Float32Array.from([3, 3, 4, 4]));
    expect(h.size).toBe(3);
    expect(Array.from(h.latest(3)!)).toEqual([2, 2, 3, 3, 4, 4]);
    h.append(Float32Array.from([5, 5, 6, 6, 7, 7, 8, 8]));
    expect(Array.from(h.latest(3)!)).toEqual([6, 6, 7, 7, 8, 8]);
  });

  it('refuses partial rows', () => {
    expect(() => new RowHistory(3, 2).append(new Float32Array(4))).toThrow(RangeError);
  });

  it('clear() empties or pre-fills it', () => {
    const h = new RowHistory(2, 4);
    h.append(Float32Array.from([9, 9]));
    h.clear(2, 1);
    expect(Array.from(h.latest(2)!)).toEqual([1, 1, 1, 1]);
    h.clear();
    expect(h.size).toBe(0);
  });
});

describe('MelHistory', () => {
  it('starts with a window of ones, so the first step already gives a full window ending in its frames', () => {
    const mel = new MelHistory();
    const window = mel.addStep(melStep(10));
    expect(window.length).toBe(EMBEDDING_WINDOW_FRAMES * MEL_BINS);
    const frameValues = Array.from({ length: EMBEDDING_WINDOW_FRAMES }, (_, f) => window[f * MEL_BINS]);
    expect(frameValues.slice(0, 68).every((v) => v === 1)).toBe(true);
    expect(frameValues.slice(68)).toEqual([10, 11, 12, 13, 14, 15, 16, 17]);
  });

  it('moves the window by 8 frames a step (stride 8), always ending at the newest frame', () => {
    const mel = new MelHistory();
    let window: Float32Array = new Float32Array();
    for (let step = 0; step < 12; step++) window = mel.addStep(melStep(100 + step * MEL_FRAMES_PER_STEP));
    // 12 steps = frames 100..195; the window is the newest 76: 120..195.
    const frameValues = Array.from({ length: EMBEDDING_WINDOW_FRAMES }, (_, f) => window[f * MEL_BINS]);
    expect(frameValues).toEqual(Array.from({ length: 76 }, (_, i) => 120 + i));
  });

  it('refuses a step of the wrong size, and reset() brings back the ones', () => {
    const mel = new MelHistory();
    expect(() => mel.addStep(new Float32Array(MEL_BINS))).toThrow(RangeError);
    for (let s = 0; s < 20; s++) mel.addStep(melStep(50));
    mel.reset();
    const window = mel.addStep(melStep(7));
    expect(window[0]).toBe(1);
    expect(window[67 * MEL_BINS]).toBe(1);
  });
});

describe('EmbeddingHistory', () => {
  const embedding = (v: number) => new Float32Array(EMBEDDING_DIM).fill(v);

  it('gives the head nothing until 16 embeddings exist, then the newest 16 in order', () => {
    const h = new EmbeddingHistory();
    for (let i = 0; i < HEAD_EMBEDDINGS - 1; i++) expect(h.add(embedding(i))).toBeNull();
    const first = h.add(embedding(15))!;
    expect(first.length).toBe(HEAD_EMBEDDINGS * EMBEDDING_DIM);
    expect(first[0]).toBe(0);
    expect(first[15 * EMBEDDING_DIM]).toBe(15);
    const next = h.add(embedding(16))!;
    expect(next[0]).toBe(1);
    expect(next[15 * EMBEDDING_DIM + 95]).toBe(16);
  });

  it('warms up again after reset()', () => {
    const h = new EmbeddingHistory();
    for (let i = 0; i < 20; i++) h.add(embedding(i));
    h.reset();
    expect(h.add(embedding(1))).toBeNull();
  });

  it('refuses a wrong-sized embedding', () => {
    expect(() => new EmbeddingHistory().add(new Float32Array(32))).toThrow(RangeError);
  });
});

describe('WakeTrigger', () => {
  it('fires once for a run of high scores, not on every one', () => {
    const t = new WakeTrigger();
    const scores = [0.01, 0.2, 0.7, 0.99, 1, 0.4, 0.8, 0.02];
    expect(scores.map((s) => t.update(s, 0.5))).toEqual([false, false, true, false, false, false, false, false]);
  });

  it('fires again once the cool-down has passed', () => {
    const t = new WakeTrigger(3);
    const fired = [0.9, 0.9, 0.9, 0.9, 0.9, 0.1, 0.9].map((s) => t.update(s, 0.5));
    expect(fired).toEqual([true, false, false, false, true, false, false]);
  });

  it('uses the threshold it is given on each call, and reset() ends a cool-down', () => {
    const t = new WakeTrigger();
    expect(t.update(0.3, 0.5)).toBe(false);
    expect(t.update(0.3, 0.25)).toBe(true);
    expect(t.update(0.9, 0.25)).toBe(false);
    t.reset();
    expect(t.update(0.9, 0.25)).toBe(true);
  });

  it("by default covers the head's ~2 s view of an utterance", () => {
    expect((WAKE_COOLDOWN_STEPS * WAKE_STEP_SAMPLES) / 16000).toBeCloseTo(2, 0);
  });
});
