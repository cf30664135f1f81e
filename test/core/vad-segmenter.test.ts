import { describe, expect, it } from 'vitest';
import { VadSegmenter, type SegmenterEvent } from '../../src/core/vad-segmenter';

/** Pushes probabilities and returns each event with the index of the frame that produced it. */
function run(seg: VadSegmenter, probs: number[]): Array<SegmenterEvent & { frame: number }> {
  const out: Array<SegmenterEvent & { frame: number }> = [];
  probs.forEach((p, frame) => {
    const e = seg.push(p);
    if (e) out.push({ ...e, frame });
  });
  return out;
}

const repeat = (p: number, n: number) => Array<number>(n).fill(p);

describe('VadSegmenter', () => {
  it('emits speech-start on the first confident frame, and the segment after the redemption time', () => {
    const seg = new VadSegmenter({ preSpeechPadMs: 64, redemptionMs: 320, minSpeechMs: 200 });
    const events = run(seg, [...repeat(0.05, 10), ...repeat(0.9, 20), ...repeat(0.05, 15)]);
    expect(events).toEqual([
      { type: 'speech-start', atMs: 320, frame: 10 },
      // speech frames 10..29 end at 960 ms; 10 quiet frames (320 ms) later, at frame 39, it ends
      { type: 'speech-end', startMs: 320 - 64, endMs: 960, frame: 39 },
    ]);
    expect(seg.speaking).toBe(false);
  });

  it('does not start below the positive threshold, and keeps going above the negative one', () => {
    const seg = new VadSegmenter({ redemptionMs: 96, minSpeechMs: 0, preSpeechPadMs: 0 });
    expect(run(seg, repeat(0.49, 20))).toEqual([]);
    const events = run(seg, [0.6, 0.4, 0.36, 0.4, 0.34, 0.34, 0.36, 0.2, 0.2, 0.2, 0.2]);
    // frame 20 starts; 0.34 twice is not enough quiet (96 ms = 3 frames); the last speech frame is 26,
    // and the third quiet frame after it (index 9 of this run) ends the segment
    expect(events.map((e) => e.type)).toEqual(['speech-start', 'speech-end']);
    expect(events[1]).toMatchObject({ startMs: 20 * 32, endMs: 27 * 32, frame: 9 });
  });

  it('bridges a pause shorter than the redemption time into one segment', () => {
    const seg = new VadSegmenter({ redemptionMs: 640, minSpeechMs: 0, preSpeechPadMs: 0 });
    const events = run(seg, [...repeat(0.9, 10), ...repeat(0.1, 15), ...repeat(0.9, 10), ...repeat(0.1, 20)]);
    expect(events.map((e) => e.type)).toEqual(['speech-start', 'speech-end']);
    expect(events[1]).toMatchObject({ startMs: 0, endMs: 35 * 32 });
  });

  it('splits at a pause longer than the redemption time', () => {
    const seg = new VadSegmenter({ redemptionMs: 320, minSpeechMs: 0, preSpeechPadMs: 0 });
    const events = run(seg, [...repeat(0.9, 10), ...repeat(0.1, 15), ...repeat(0.9, 10), ...repeat(0.1, 20)]);
    expect(events.map((e) => e.type)).toEqual(['speech-start', 'speech-end', 'speech-start', 'speech-end']);
    expect(events[3]).toMatchObject({ startMs: 25 * 32, endMs: 35 * 32 });
  });

  it('reports too little speech as a misfire, after having announced speech-start', () => {
    const seg = new VadSegmenter({ redemptionMs: 128, minSpeechMs: 250, preSpeechPadMs: 0 });
    const events = run(seg, [0.1, 0.9, 0.9, 0.9, 0.1, 0.1, 0.1, 0.1, 0.1]);
    expect(events.map((e) => e.type)).toEqual(['speech-start', 'misfire']);
    expect(events[1]).toMatchObject({ startMs: 32, endMs: 128 });
  });

  it('never pads back into the previous segment or before the start of listening', () => {
    const seg = new VadSegmenter({ redemptionMs: 64, minSpeechMs: 0, preSpeechPadMs: 500 });
    const events = run(seg, [0.9, 0.9, 0.1, 0.1, 0.1, 0.9, 0.9, 0.1, 0.1]);
    const ends = events.filter((e) => e.type === 'speech-end');
    expect(ends).toMatchObject([
      { startMs: 0, endMs: 64 },
      { startMs: 64, endMs: 7 * 32 },
    ]);
  });

  it('flush ends a segment in progress and does nothing when quiet', () => {
    const seg = new VadSegmenter({ minSpeechMs: 0, preSpeechPadMs: 0 });
    expect(seg.flush()).toBeNull();
    run(seg, [0.1, 0.9, 0.9, 0.8]);
    expect(seg.flush()).toEqual({ type: 'speech-end', startMs: 32, endMs: 128 });
    expect(seg.speaking).toBe(false);
    expect(seg.nowMs).toBe(128);
  });

  it('refuses a negative threshold above the positive one', () => {
    expect(() => new VadSegmenter({ positiveThreshold: 0.3, negativeThreshold: 0.5 })).toThrow(RangeError);
  });
});
