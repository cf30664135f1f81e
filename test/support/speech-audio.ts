// Test audio for the speech tests (test tooling, not product code): WAV reading and writing,
// silence padding, and where the speech in a clip really is, judged by frame energy so that the
// VAD under test is not its own referee. Files are made in temp folders, never in the repo.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { resample } from '../../src/core/resample';
import { parseWav } from '../../src/core/wav';

export interface Wav {
  samples: Float32Array;
  rate: number;
}

/** PCM 16-bit or float 32-bit WAV, mixed down to mono (the app's own reader, src/core/wav.ts). */
export function readWav(file: string): Wav {
  const { samples, sampleRate } = parseWav(fs.readFileSync(file));
  return { samples, rate: sampleRate };
}

export const readWav16k = (file: string): Float32Array => {
  const { samples, rate } = readWav(file);
  return resample(samples, rate, 16_000);
};

/** Writes mono 16-bit PCM. */
export function writeWav(file: string, samples: Float32Array, rate: number): string {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((v, i) => data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(v * 32767))), i * 2));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  fs.writeFileSync(file, Buffer.concat([header, data]));
  return file;
}

export const tempAudioDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-speech-'));

/** `src` with seconds of digital silence before and after, as 16-bit mono at 48 kHz (the rate a
 *  microphone usually runs at, so the app's resampler does real work), made with sox. */
export function padWithSilence(src: string, dir: string, beforeS: number, afterS: number): string {
  const out = path.join(dir, `${path.basename(src, '.wav')}-pad${beforeS}-${afterS}.wav`);
  execFileSync('sox', [src, '-b', '16', '-c', '1', '-r', '48000', out, 'pad', String(beforeS), String(afterS)]);
  return out;
}

export function silenceWav(dir: string, seconds: number): string {
  return writeWav(path.join(dir, `silence-${seconds}s.wav`), new Float32Array(Math.round(48_000 * seconds)), 48_000);
}

/** Speech spoken by espeak-ng (22.05 kHz), e.g. to make a clip with exactly known speech. */
export function espeakWav(dir: string, text: string): string {
  const out = path.join(dir, `espeak-${text.length}.wav`);
  execFileSync('espeak-ng', ['-w', out, text]);
  return out;
}

export interface Span {
  startMs: number;
  endMs: number;
}

/** Where the speech is, by 10 ms frame energy: frames within `rangeDb` of the loud end of the clip
 *  (its 95th-percentile frame) count as speech, and islands closer than `mergeGapMs` are joined. */
export function energySpeechSpans(samples: Float32Array, rate: number, { rangeDb = 35, mergeGapMs = 300 } = {}): Span[] {
  const frame = Math.round(rate / 100);
  const levels: number[] = [];
  for (let at = 0; at + frame <= samples.length; at += frame) {
    let sum = 0;
    for (let i = at; i < at + frame; i++) sum += samples[i]! ** 2;
    levels.push(10 * Math.log10(sum / frame + 1e-12));
  }
  const loud = [...levels].sort((a, b) => a - b)[Math.floor(levels.length * 0.95)]!;
  const spans: Span[] = [];
  levels.forEach((db, i) => {
    if (db < loud - rangeDb) return;
    const last = spans.at(-1);
    if (last && i * 10 - last.endMs <= mergeGapMs) last.endMs = (i + 1) * 10;
    else spans.push({ startMs: i * 10, endMs: (i + 1) * 10 });
  });
  return spans;
}

/** Clips (paths) and silences (seconds) joined in order into one 16-bit mono 48 kHz WAV, e.g. a
 *  fake microphone's loop: a question, then time for the answer. Made with sox. */
export function joinClips(dir: string, name: string, parts: Array<string | number>): string {
  const pieces = parts.map((part, i) => {
    const piece = path.join(dir, `${name}-${i}.wav`);
    // sox joins only files of one rate and layout: every piece is made 48 kHz mono first.
    if (typeof part === 'string') execFileSync('sox', [part, '-r', '48000', '-c', '1', '-b', '16', piece]);
    else execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', piece, 'trim', '0', String(part)]);
    return piece;
  });
  const out = path.join(dir, `${name}.wav`);
  execFileSync('sox', [...pieces, out]);
  return out;
}
