import { describe, expect, it } from 'vitest';
import { dbfs, LevelMeter, meterPosition, rms } from '../../src/core/audio-level';

const sine = (n: number, amplitude: number) => Float32Array.from({ length: n }, (_, i) => amplitude * Math.sin(i * 0.1));

describe('audio level', () => {
  it('rms of a full-scale square is 1, of silence 0, of a sine amplitude/sqrt(2)', () => {
    expect(rms(Float32Array.from({ length: 100 }, (_, i) => (i % 2 ? 1 : -1)))).toBe(1);
    expect(rms(new Float32Array(100))).toBe(0);
    expect(rms(new Float32Array(0))).toBe(0);
    expect(rms(sine(16_000, 0.5))).toBeCloseTo(0.5 / Math.SQRT2, 3);
  });

  it('dbfs: 1 is 0 dB, 0.1 is -20 dB, silence is the floor', () => {
    expect(dbfs(1)).toBe(0);
    expect(dbfs(0.1)).toBeCloseTo(-20, 6);
    expect(dbfs(0)).toBe(-100);
    expect(dbfs(1e-9, -60)).toBe(-60);
  });

  it('meter position maps -60..0 dBFS onto 0..1', () => {
    expect(meterPosition(0)).toBe(0);
    expect(meterPosition(1)).toBe(1);
    expect(meterPosition(0.001)).toBeCloseTo(0, 6);
    expect(meterPosition(10 ** (-30 / 20))).toBeCloseTo(0.5, 6);
    expect(meterPosition(2)).toBe(1);
  });

  it('LevelMeter yields one RMS per block of frames', () => {
    const meter = new LevelMeter(1600);
    const values: Array<number | null> = [];
    for (let i = 0; i < 7; i++) values.push(meter.push(sine(512, i < 4 ? 0.5 : 0)));
    // 512 x 4 = 2048 >= 1600: a block closes on the 4th frame; the next needs 4 more frames
    expect(values.slice(0, 3)).toEqual([null, null, null]);
    expect(values[3]).toBeCloseTo(0.5 / Math.SQRT2, 2);
    expect(values.slice(4)).toEqual([null, null, null]);
    expect(meter.push(new Float32Array(512))).toBe(0);
  });
});
