import { describe, expect, it } from 'vitest';
import { parseWav, WavFormatError } from '../../src/core/wav';

/** A minimal RIFF/WAVE writer, with an optional extra chunk before "data" and a lying data size. */
function wav(
  samples: number[],
  {
    channels = 1,
    rate = 22050,
    float = false,
    extra = false,
    dataSize,
  }: {
    channels?: number;
    rate?: number;
    float?: boolean;
    extra?: boolean;
    dataSize?: number;
  } = {},
): Uint8Array {
  const width = float ? 4 : 2;
  const data = samples.length * width;
  const extraBytes = extra ? 8 + 3 + 1 : 0;
  const buf = new DataView(new ArrayBuffer(44 + extraBytes + data));
  const put = (at: number, s: string) => [...s].forEach((ch, i) => buf.setUint8(at + i, ch.charCodeAt(0)));
  put(0, 'RIFF');
  buf.setUint32(4, 36 + extraBytes + data, true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  buf.setUint32(16, 16, true);
  buf.setUint16(20, float ? 3 : 1, true);
  buf.setUint16(22, channels, true);
  buf.setUint32(24, rate, true);
  buf.setUint32(28, rate * channels * width, true);
  buf.setUint16(32, channels * width, true);
  buf.setUint16(34, width * 8, true);
  let at = 36;
  if (extra) {
    put(at, 'LIST');
    buf.setUint32(at + 4, 3, true);
    at += 12;
  }
  put(at, 'data');
  buf.setUint32(at + 4, dataSize ?? data, true);
  at += 8;
  samples.forEach((s, i) =>
    float ? buf.setFloat32(at + i * 4, s, true) : buf.setInt16(at + i * 2, Math.round(s * 32767), true),
  );
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

  it('reads WAVE_FORMAT_EXTENSIBLE by its sub-format, and says what the file held', () => {
    const fmt = 40;
    const bytes = new Uint8Array(12 + 8 + fmt + 8 + 4);
    const v = new DataView(bytes.buffer);
    const put = (at: number, text: string) => [...text].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)));
    put(0, 'RIFF');
    v.setUint32(4, bytes.length - 8, true);
    put(8, 'WAVE');
    put(12, 'fmt ');
    v.setUint32(16, fmt, true);
    v.setUint16(20, 0xfffe, true);
    v.setUint16(22, 1, true);
    v.setUint32(24, 48000, true);
    v.setUint32(28, 96000, true);
    v.setUint16(32, 2, true);
    v.setUint16(34, 16, true);
    v.setUint16(36, 22, true);
    v.setUint16(38, 16, true);
    v.setUint32(40, 4, true);
    v.setUint16(44, 1, true); // sub-format GUID starts with the PCM code
    put(60, 'data');
    v.setUint32(64, 4, true);
    v.setInt16(68, 16384, true);
    v.setInt16(70, -32768, true);
    const out = parseWav(bytes);
    expect(out).toMatchObject({ sampleRate: 48000, channels: 1, bitsPerSample: 16 });
    expect([...out.samples]).toEqual([0.5, -1]);
  });

  it('refuses what is not a WAVE file', () => {
    expect(() => parseWav(new TextEncoder().encode('hello, not audio'))).toThrow(WavFormatError);
  });
});
