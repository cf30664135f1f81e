// The real openWakeWord models (shared/models) on onnxruntime-web's wasm backend in Node, fed the
// way the speech worker feeds them: 512-sample frames, speech with a second of silence around it.
import 'fake-indexeddb/auto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web/webgpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { FRAME_SAMPLES, SPEECH_RATE } from '../../../src/core/speech-events';
import { HEAD_EMBEDDINGS, WAKE_STEP_SAMPLES } from '../../../src/core/wake-features';
import { catalogById } from '../../../src/catalog/catalog';
import { FileWriter } from '../../../src/store/file-writer';
import { pipeInto } from '../../../src/store/ingest';
import { ModelStore } from '../../../src/store/model-store';
import { loadWakeWord, WakeWordDetector } from '../../../src/engines/speech/wake-word';
import { audioDir, modelsDir } from '../../support/paths';
import { freshDbName } from '../../support/fixture-models';
import { parseWav } from '../../../src/core/wav';

const OWW = path.join(modelsDir, 'dscripka', 'openWakeWord');
const HEADS = ['hey_mycroft_v0.1.onnx', 'alexa_v0.1.onnx', 'hey_jarvis_v0.1.onnx'] as const;
type Head = (typeof HEADS)[number];

// Node-only: the app points ORT at its own hashed wasm files (a page URL, useless here) and lets ORT
// pick threads; in Node the package's own files load from node_modules, and the threaded start-up
// needs a require() that ESM Node lacks, so run single-threaded.
ort.env.wasm.wasmPaths = path.dirname(fileURLToPath(import.meta.resolve('onnxruntime-web/webgpu'))) + path.sep;
ort.env.wasm.numThreads = 1;

/** 16-bit PCM mono 16 kHz WAV -> -1..1 floats (the app's own reader, src/core/wav.ts). */
async function readWav16k(name: string): Promise<Float32Array> {
  const wav = parseWav(await readFile(path.join(audioDir, name)));
  if (wav.channels !== 1 || wav.sampleRate !== SPEECH_RATE || wav.bitsPerSample !== 16) {
    throw new Error(
      `${name}: expected 16-bit mono ${SPEECH_RATE} Hz, got ${JSON.stringify({ channels: wav.channels, rate: wav.sampleRate, bits: wav.bitsPerSample })}`,
    );
  }
  return wav.samples;
}

const silence = (seconds: number) => new Float32Array(Math.round(seconds * SPEECH_RATE));

function withSilence(clip: Float32Array, seconds = 1): Float32Array {
  const pad = silence(seconds);
  const out = new Float32Array(pad.length * 2 + clip.length);
  out.set(clip, pad.length);
  return out;
}

interface Run {
  scores: number[];
  fired: number;
}

/** Streams audio through the detector in mic-sized frames; every score and detection it reported. */
async function stream(detector: WakeWordDetector, audio: Float32Array): Promise<Run> {
  const run: Run = { scores: [], fired: 0 };
  for (let at = 0; at + FRAME_SAMPLES <= audio.length; at += FRAME_SAMPLES) {
    const score = await detector.push(audio.slice(at, at + FRAME_SAMPLES));
    if (score === null) continue;
    run.scores.push(score);
    if (detector.fired) run.fired++;
  }
  return run;
}

const max = (xs: number[]) => Math.max(...xs);

describe('WakeWordDetector (real openWakeWord models)', () => {
  const detectors = new Map<Head, WakeWordDetector>();
  const clips = new Map<string, Float32Array>();

  beforeAll(async () => {
    const load = (file: string) => readFile(path.join(OWW, file)).then((b) => new Uint8Array(b).buffer);
    const [mel, embedding] = await Promise.all([load('melspectrogram.onnx'), load('embedding_model.onnx')]);
    for (const head of HEADS) {
      detectors.set(head, await WakeWordDetector.create({ mel, embedding, head: await load(head) }, head));
    }
    for (const name of ['oww_hey_mycroft_test.wav', 'oww_alexa_test.wav', 'jfk.wav']) {
      clips.set(name, withSilence(await readWav16k(name)));
    }
  }, 60_000);

  async function maxScores(audio: Float32Array): Promise<Record<Head, number>> {
    const out = {} as Record<Head, number>;
    for (const head of HEADS) {
      const detector = detectors.get(head)!;
      detector.reset();
      out[head] = max((await stream(detector, audio)).scores);
    }
    return out;
  }

  it('hears "hey Mycroft" in its clip, and only with its own head', async () => {
    const scores = await maxScores(clips.get('oww_hey_mycroft_test.wav')!);
    expect(scores['hey_mycroft_v0.1.onnx']).toBeGreaterThan(0.5);
    expect(scores['alexa_v0.1.onnx']).toBeLessThan(0.1);
    expect(scores['hey_jarvis_v0.1.onnx']).toBeLessThan(0.1);
  }, 60_000);

  it('hears "Alexa" in its clip, and only with its own head', async () => {
    const scores = await maxScores(clips.get('oww_alexa_test.wav')!);
    expect(scores['alexa_v0.1.onnx']).toBeGreaterThan(0.5);
    expect(scores['hey_mycroft_v0.1.onnx']).toBeLessThan(0.1);
    expect(scores['hey_jarvis_v0.1.onnx']).toBeLessThan(0.1);
  }, 60_000);

  it('hears no wake word in 11 s of JFK', async () => {
    const scores = await maxScores(clips.get('jfk.wav')!);
    for (const head of HEADS) expect(scores[head]).toBeLessThan(0.1);
  }, 120_000);

  it('hears no wake word in silence', async () => {
    const scores = await maxScores(silence(3));
    for (const head of HEADS) expect(scores[head]).toBeLessThan(0.1);
  }, 60_000);

  it('scores nothing until 16 embeddings (16 steps of 80 ms) exist, then every step', async () => {
    const detector = detectors.get('alexa_v0.1.onnx')!;
    detector.reset();
    const firstScoreAt: number[] = [];
    const audio = silence(3);
    for (let at = 0; at + FRAME_SAMPLES <= audio.length; at += FRAME_SAMPLES) {
      if ((await detector.push(audio.slice(at, at + FRAME_SAMPLES))) !== null) firstScoreAt.push(at + FRAME_SAMPLES);
    }
    const firstStepEnd = HEAD_EMBEDDINGS * WAKE_STEP_SAMPLES;
    expect(firstScoreAt[0]).toBeGreaterThanOrEqual(firstStepEnd);
    expect(firstScoreAt[0]! - firstStepEnd).toBeLessThan(FRAME_SAMPLES);
    const steps = Math.floor((audio.length - (audio.length % FRAME_SAMPLES)) / WAKE_STEP_SAMPLES);
    expect(firstScoreAt).toHaveLength(steps - HEAD_EMBEDDINGS + 1);
  }, 60_000);

  it('reset() really forgets: the same clip twice gives the same scores', async () => {
    const detector = detectors.get('hey_mycroft_v0.1.onnx')!;
    const clip = clips.get('oww_hey_mycroft_test.wav')!;
    detector.reset();
    // Dirty every buffer first with other speech, so a missed reset would show.
    await stream(detector, clips.get('oww_alexa_test.wav')!);
    detector.reset();
    const first = await stream(detector, clip);
    detector.reset();
    const second = await stream(detector, clip);
    expect(second.scores).toEqual(first.scores);
    expect(max(first.scores)).toBeGreaterThan(0.5);
  }, 60_000);

  it('fires once for one utterance, although several scores pass the threshold', async () => {
    const detector = detectors.get('hey_mycroft_v0.1.onnx')!;
    detector.reset();
    const run = await stream(detector, clips.get('oww_hey_mycroft_test.wav')!);
    expect(run.scores.filter((s) => s >= detector.threshold).length).toBeGreaterThan(1);
    expect(run.fired).toBe(1);
  }, 60_000);

  it('fires again for a second utterance after the cool-down', async () => {
    const detector = detectors.get('alexa_v0.1.onnx')!;
    detector.reset();
    const clip = clips.get('oww_alexa_test.wav')!;
    const twice = new Float32Array(clip.length * 2);
    twice.set(clip);
    twice.set(clip, clip.length);
    expect((await stream(detector, twice)).fired).toBe(2);
  }, 60_000);

  it('pushes made without waiting are scored in order, as if awaited one by one', async () => {
    const detector = detectors.get('alexa_v0.1.onnx')!;
    const clip = clips.get('oww_alexa_test.wav')!;
    detector.reset();
    const awaited = (await stream(detector, clip)).scores;
    detector.reset();
    const pending: Promise<number | null>[] = [];
    for (let at = 0; at + FRAME_SAMPLES <= clip.length; at += FRAME_SAMPLES)
      pending.push(detector.push(clip.slice(at, at + FRAME_SAMPLES)));
    const unawaited = (await Promise.all(pending)).filter((s): s is number => s !== null);
    expect(unawaited).toEqual(awaited);
  }, 60_000);
});

describe('loadWakeWord', () => {
  it('loads a catalog entry from the model store and hears its word', async () => {
    const model = catalogById('oww-hey-mycroft')!;
    const store = await ModelStore.open(freshDbName());
    try {
      for (const file of model.files) {
        const writer = await FileWriter.open(store, { repo: model.repo, revision: 'main', file });
        await pipeInto(writer, new Blob([await readFile(path.join(modelsDir, model.repo, file.path))]).stream());
        await writer.finish();
      }
      expect(await store.markReady(model)).toBe(true);
      const detector = await loadWakeWord(model, store);
      expect(detector.word).toBe('hey Mycroft'); // the catalog's phrase
      const run = await stream(detector, withSilence(await readWav16k('oww_hey_mycroft_test.wav')));
      expect(max(run.scores)).toBeGreaterThan(0.5);
      expect(run.fired).toBe(1);
      await detector.dispose();
    } finally {
      store.close();
    }
  }, 60_000);

  it('refuses a model that is not a wake word', async () => {
    await expect(loadWakeWord(catalogById('silero-vad-v6')!)).rejects.toThrow(/not a wake-word model/);
  });
});
