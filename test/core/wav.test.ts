import { describe, expect, it } from 'vitest';
import { parseWav, WavFormatError } from '../../src/core/wav';

/** A minimal RIFF/WAVE writer, with an optional extra chunk before "data" and a lying data size. */
function wav(samples: number[], { channels = 1, rate = 22050, float = false, extra = false, dataSize }: {
  channels?: number; rate?: number; float?: boolean; extra?: boolean; dataSize?: number } = {}): Uint8Array {
  const width = float ? 4 : 2;
  const data = samples.length * width;
  const extraBytes = extra ? 8 + 3 + 1 : 0;
  const buf = new DataView(new ArrayBuffer(44 + extraBytes + data));
  const put = (at: number, s: string) => [...s].forEach((ch, i) => buf.setUint8(at + i, ch.charCodeAt(0)));
  put(0, 'RIFF'); buf.setUint32(4, 36 + extraBytes + data, true); put(8, 'WAVE');
  put(12, 'fmt '); buf.setUint32(16, 16, true); buf.setUint16(20, float ? 3 : 1, true); buf.setUint16(22, channels, true);
  buf.setUint32(24, rate, true); buf.setUint32(28, rate * channels * width, true);
  buf.setUint16(32, channels * width, true); buf.setUint16(34, width * 8, true);
  let at = 36;
  if (extra) { put(at, 'LIST'); buf.setUint32(at + 4, 3, true); at += 12; }
  put(at, 'data'); buf.setUint32(at + 4, dataSize ?? data, true); at += 8;
  samples.forEach((s, i) => (float ? buf.setFloat32(at + i * 4, s, true) : buf.setInt16(at + i * 2, Math.round(s * 32767), true)));
  return new Uint8Array(buf.buffer);
}

describe('parseWav', () => {
  it('reads 16-bit mono PCM with its sample rate', () => {
    const { samples, sampleRate } = parseWav(wav([0, 0.5, -0.5, 1]));
    expect(sampleRate).toBe(22050);
    expect([...samples].map((s) => Number(s.toFixed(3)))).toEqual([0, 0.5, -0.5, 1]);
  });

  it('skips unknown chunks (padded to an even size) and mixes stereo down', () => {
    const { samples } = parseWav(wav([0.5, 0.25, -1, 1], { channels: 2, extra: true }));
    expect([...samples].map((s) => Number(s.toFixed(3)))).toEqual([0.375, 0]);
  });

  it('reads float PCM and cuts a data size that runs past the file', () => {
    const { samples } = parseWav(wav([0.1, 0.2, 0.3], { float: true, rate: 24000, dataSize: 0x7ffff000 }));
    expect(samples).toHaveLength(3);
    expect(samples[2]).toBeCloseTo(0.3, 6);
  });

  it('refuses what is not a WAVE file', () => {
    expect(() => parseWav(new TextEncoder().encode('hello, not audio'))).toThrow(WavFormatError);
  });
});
