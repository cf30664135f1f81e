// Whisper's word error rate on the shared clips, for each real Whisper model in a models folder
// (BENCH_MODELS, default ../shared/models). The fixtures hold none (the test Whisper has random
// weights), so normally this reports "skipped" and passes. The clips go to transformers.js directly
// (voice-direct, in the app page, the app's ONNX Runtime files), not through the app: the app reaches
// Whisper only from the microphone, where VAD would cut the longer clips into several turns, and its
// store accepts only the catalog's pinned files, not whatever weights a folder holds.
import fs from 'node:fs';
import path from 'node:path';
import * as mirrorServer from '../test/support/mirror';
import { useMirror } from '../test/support/app-page';
import { audioDir, modelsDir } from '../test/support/paths';
import { readWav16k } from '../test/support/speech-audio';
import { wordErrorRate, wordErrors, type WordErrors } from '../src/core/word-error-rate';
import { appAsset } from './direct-bundle';
import { directStt, loadVoiceDirect, unloadVoiceDirect } from './voice-direct-driver';
import { findWhisperModels, type WhisperFolder } from './voice-wer-models';
import type { Servers } from './servers';
import { withSession } from './session';

export const WER_PATH =
  'transformers.js automatic-speech-recognition directly (greedy), in the app page on its ONNX Runtime wasm';

export interface WerClip {
  file: string;
  reference: string;
  hypothesis: string;
  errors: WordErrors;
  wer: number;
  audioMs: number;
  ms: number;
}

export interface WerModel extends WhisperFolder {
  /** Pooled over the clips: all errors over all reference words. */
  wer: number;
  /** Transcription time over audio time, all clips together. */
  rtf: number;
  clips: WerClip[];
}

export interface WerResult {
  folder: string;
  path: string;
  /** Set when nothing was measured: why. */
  skipped: string | null;
  passedOver: string[];
  models: WerModel[];
}

export const werFolder = (): string => path.resolve(process.env.BENCH_MODELS ?? modelsDir);

interface Clip {
  file: string;
  reference: string;
}

/** transcripts.tsv rows with a checked reference, WAV only (the .flac is the same speech as its .wav). */
export function werClips(): Clip[] {
  const [header, ...rows] = fs
    .readFileSync(path.join(audioDir, 'transcripts.tsv'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split('\t'));
  const at = (name: string) => header!.indexOf(name);
  return rows
    .map((r) => ({ file: r[at('file')] ?? '', reference: r[at('reference_transcript')] ?? '' }))
    .filter((c) => c.file.endsWith('.wav') && c.reference && !c.reference.startsWith('(') && !/not verified/.test(c.reference));
}

export async function measureWer(servers: Servers, folder = werFolder(), search = findWhisperModels(folder)): Promise<WerResult> {
  const { found, passed } = search;
  const result: WerResult = { folder, path: WER_PATH, skipped: null, passedOver: passed, models: [] };
  if (!found.length) return { ...result, skipped: `skipped: no real Whisper weights in ${folder}` };
  const clips = werClips().map((c) => ({ ...c, audio: readWav16k(path.join(audioDir, c.file)) }));
  const mirror = await mirrorServer.start({ root: folder });
  try {
    return await withSession(servers, async ({ page }) => {
      await useMirror(page, servers.app.url, mirror.url); // the page's CSP must allow this mirror too
      for (const model of found) {
        await loadVoiceDirect(page, {
          mirrorUrl: mirror.url,
          whisper: { repo: model.repo, dtype: model.dtype },
          ort: {
            wasm: appAsset(servers.appDir, /^ort-wasm-simd-threaded\.asyncify-.*\.wasm$/),
            mjs: appAsset(servers.appDir, /^ort-wasm-simd-threaded\.asyncify-.*\.mjs$/),
          },
        });
        try {
          const measured: WerClip[] = [];
          for (const clip of clips) {
            const heard = await directStt(page, clip.audio, model.multilingual ? 'en' : null);
            const errors = wordErrors(clip.reference, heard.text);
            measured.push({
              file: clip.file,
              reference: clip.reference,
              hypothesis: heard.text,
              errors,
              wer: wordErrorRate(errors),
              audioMs: clip.audio.length / 16,
              ms: heard.ms,
            });
          }
          result.models.push({
            ...model,
            clips: measured,
            wer: wordErrorRate(measured.map((c) => c.errors)),
            rtf: measured.reduce((n, c) => n + c.ms, 0) / measured.reduce((n, c) => n + c.audioMs, 0),
          });
        } finally {
          await unloadVoiceDirect(page);
        }
      }
      return result;
    });
  } finally {
    await mirror.close();
  }
}
