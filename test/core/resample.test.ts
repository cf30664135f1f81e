import { describe, expect, it } from 'vitest';
import { resample, Resampler } from '../../src/core/resample';

const sine = (freq: number, rate: number, seconds: number, amplitude = 0.5) =>
  Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => amplitude * Math.sin((2 * Math.PI * freq * i) / rate));

const rmsOf = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);

/** Frequency from zero crossings (upward), over the steady middle of the signal. */
function frequencyOf(x: Float32Array, rate: number): number {
  const first: number[] = [];
  for (let i = 1; i < x.length; i++) if (x[i - 1]! < 0 && x[i]! >= 0) first.push(i - x[i]! / (x[i]! - x[i - 1]!));
  return ((first.length - 1) * rate) / (first.at(-1)! - first[0]!);
}

const middle = (x: Float32Array) => x.subarray(Math.floor(x.length * 0.1), Math.floor(x.length * 0.9));

describe('resample', () => {
  it.each([[48_000], [44_100], [22_050], [8_000], [16_000]])('%i Hz -> 16 kHz has the rate ratio as its length ratio', (rate) => {
    const input = sine(440, rate, 1.37);
    const out = resample(input, rate, 16_000);
    expect(out.length).toBe(Math.ceil((input.length * 16_000) / rate));
  });

  it.each([[48_000], [44_100], [8_000]])('a 440 Hz sine at %i Hz keeps its frequency and amplitude', (rate) => {
    const out = middle(resample(sine(440, rate, 2), rate, 16_000));
    expect(frequencyOf(out, 16_000)).toBeCloseTo(440, 0);
    expect(rmsOf(out)).toBeCloseTo(0.5 / Math.SQRT2, 2);
  });

  it('keeps the timing: a sine stays in phase with the input clock', () => {
    const out = resample(sine(440, 48_000, 1), 48_000, 16_000);
    const expected = sine(440, 16_000, 1);
    const diff = middle(out).map((v, i) => v - middle(expected)[i]!);
    expect(rmsOf(diff)).toBeLessThan(0.01);
  });

  it.each([
    [48_000, 9_000],
    [48_000, 12_000],
    [44_100, 10_000],
    [48_000, 20_000],
  ])('attenuates a tone above 8 kHz (%i Hz input, %i Hz tone) instead of aliasing it', (rate, freq) => {
    const out = middle(resample(sine(freq, rate, 1), rate, 16_000));
    const db = 20 * Math.log10(rmsOf(out) / (0.5 / Math.SQRT2));
    expect(db).toBeLessThan(freq >= 10_000 ? -60 : -30);
  });

  it('gives the same output in chunks (any sizes) as in one piece', () => {
    const input = Float32Array.from({ length: 48_000 }, (_, i) => Math.sin(i * 0.01) * 0.3 + Math.sin(i * 0.37) * 0.2);
    const whole = resample(input, 48_000, 16_000);
    const r = new Resampler(48_000, 16_000);
    const parts: number[] = [];
    const sizes = [128, 1, 7, 128, 3000, 128, 17, 0];
    for (let at = 0, k = 0; at < input.length; k++) {
      const size = sizes[k % sizes.length]!;
      parts.push(...r.push(input.subarray(at, at + size)));
      at += size;
    }
    parts.push(...r.flush());
    expect(parts.length).toBe(whole.length);
    expect(Float32Array.from(parts)).toEqual(whole);
  });

  it('starts without a delay: output sample n sits at input time n / 16000', () => {
    const impulse = new Float32Array(4800);
    impulse[300] = 1; // 6.25 ms at 48 kHz = output sample 100
    const out = resample(impulse, 48_000, 16_000);
    const peak = out.indexOf(Math.max(...out));
    expect(peak).toBe(100);
  });

  it('rejects rates that are not positive integers', () => {
    expect(() => new Resampler(0, 16_000)).toThrow(RangeError);
    expect(() => new Resampler(44_100.5, 16_000)).toThrow(RangeError);
  });
});
