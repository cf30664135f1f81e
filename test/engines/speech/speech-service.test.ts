// The speech services in Node: the real Silero file goes into a (fake) IndexedDB model store through
// the one ingest path, the VAD worker's service loads it from there, and findSpeech runs the same VAD
// and segmenter as listening over a whole recording; the Whisper worker's service refuses work
// before a model is loaded.
import 'fake-indexeddb/auto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { describe, expect, it, vi } from 'vitest';
import { CATALOG } from '../../../src/catalog/catalog';
import { FileWriter } from '../../../src/store/file-writer';
import { pipeInto } from '../../../src/store/ingest';
import { ModelStore } from '../../../src/store/model-store';
import { SpeechService } from '../../../src/engines/speech/speech-service';
import { ListenService } from '../../../src/engines/speech/listen-service';
import { audioDir, modelsDir } from '../../support/paths';
import { energySpeechSpans, readWav16k } from '../../support/speech-audio';

vi.mock('onnxruntime-web/webgpu', () => import('onnxruntime-web'));
// Node's ONNX Runtime files, not the app's self-hosted URLs (the service keeps paths set before it).
ort.env.wasm.wasmPaths = path.dirname(fileURLToPath(import.meta.resolve('onnxruntime-web'))) + path.sep;
// configureTransformers reads the worker global's crossOriginIsolated.
vi.stubGlobal('self', globalThis);

const VAD = CATALOG.find((m) => m.id === 'silero-vad-v6')!;

async function storeVad(): Promise<void> {
  const store = await ModelStore.open();
  const file = VAD.files[0]!;
  const writer = await FileWriter.open(store, { repo: VAD.repo, revision: 'main', file }, 1024 * 1024);
  if (!writer.done) {
    await pipeInto(writer, new Blob([fs.readFileSync(path.join(modelsDir, VAD.repo, file.path))]).stream());
    await writer.finish();
  }
  expect(await store.markReady(VAD)).toBe(true);
  store.close();
}

describe('ListenService and SpeechService', () => {
  it("findSpeech: the stored VAD finds jfk.wav's speech where its energy is, and nothing in silence", async () => {
    await storeVad();
    const service = new ListenService();
    await service.loadVad(VAD);
    const jfk = readWav16k(path.join(audioDir, 'jfk.wav'));
    const padded = new Float32Array(jfk.length + 3 * 16_000);
    padded.set(jfk, 16_000);
    const found = await service.findSpeech(padded);
    const truth = energySpeechSpans(padded, 16_000, { rangeDb: 20, mergeGapMs: 640 });
    expect(found.length).toBe(truth.length);
    found.forEach((seg, i) => {
      expect(Math.abs(seg.startMs - truth[i]!.startMs), JSON.stringify({ found, truth })).toBeLessThanOrEqual(300);
      expect(Math.abs(seg.endMs - truth[i]!.endMs), JSON.stringify({ found, truth })).toBeLessThanOrEqual(300);
    });
    expect(await service.findSpeech(new Float32Array(5 * 16_000))).toEqual([]);
  }, 60_000);

  it('refuses buffer calls before a model is loaded', async () => {
    await expect(new ListenService().findSpeech(new Float32Array(512))).rejects.toThrow('No voice activity model is loaded');
    await expect(new SpeechService().transcribe(new Float32Array(512), 'en')).rejects.toThrow(
      'No speech recognition model is loaded',
    );
  });
});
