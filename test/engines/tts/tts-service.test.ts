// The tts engine in Node on the random-weight Kokoro test model (plumbing, not voice quality), read
// from a (fake-indexeddb) model store as in the worker. Node runs transformers.js on its CPU backend,
// so the Kokoro factory maps the engine's device to 'cpu'; the rest is the worker's code. Replacing
// the model (another catalog entry, or the same on another device) frees the one it replaces.
import 'fake-indexeddb/auto';
import type { KokoroTTS } from 'kokoro-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_MODELS } from '../../../src/catalog/test-models';
import type { ModelEntry } from '../../../src/catalog/types';
import { NoModelLoadedError, UnknownVoiceError } from '../../../src/core/errors';
import { download } from '../../../src/downloads/downloader';
import { dtypeFor } from '../../../src/engines/shared/transformers-env';
import { kokoroFromPretrained, TtsService } from '../../../src/engines/tts/tts-service';
import { ModelStore } from '../../../src/store/model-store';
import { freshDbName } from '../../support/fixture-models';
import { start, type Mirror } from '../../support/mirror';

const KOKORO = TEST_MODELS.find((m) => m.id === 'test-kokoro-fp32')!;
// A second catalog entry over the same stored files: "another model" without a second download.
const KOKORO_AGAIN: ModelEntry = { ...KOKORO, id: 'test-kokoro-fp32-again', name: 'Test: Kokoro, second entry' };

let mirror: Mirror;
let dbName: string;
const made: Array<{ id: string; dispose: ReturnType<typeof vi.fn> }> = [];

beforeAll(async () => {
  mirror = await start();
  dbName = freshDbName();
  const store = await ModelStore.open(dbName);
  await download(KOKORO, { store, source: mirror.url, storage: null });
  store.close();
  (globalThis as { self?: unknown }).self ??= globalThis; // configureTransformers reads the worker global
}, 60_000);
afterAll(async () => {
  await mirror.close();
});

function service(): TtsService {
  return new TtsService(
    undefined,
    () => ModelStore.open(dbName),
    async (model) => {
      const tts: KokoroTTS = await kokoroFromPretrained(model.repo, {
        dtype: dtypeFor(model.quantization),
        device: 'cpu',
        revision: 'main',
      });
      // The real dispose runs; the spy only counts the calls.
      const dispose = vi.fn(tts.model.dispose.bind(tts.model));
      tts.model.dispose = dispose;
      made.push({ id: model.id, dispose });
      return tts;
    },
  );
}

describe('TtsService with Kokoro', () => {
  it('speaks with the loaded model, and replacing it frees the model it replaces', async () => {
    const tts = service();
    await expect(tts.speak({ text: 'Hi.', engine: KOKORO.id, voice: 'af_heart', speed: 1 })).rejects.toBeInstanceOf(
      NoModelLoadedError,
    );
    expect(await tts.loadKokoro(KOKORO)).toMatchObject({ engine: KOKORO.id, device: 'wasm' });
    const audio = await tts.speak({ text: 'Hello world.', engine: KOKORO.id, voice: 'af_heart', speed: 1 });
    expect(audio.sampleRate).toBe(24000);
    expect(audio.samples.length).toBe(16 * 600);
    await expect(tts.speak({ text: 'Hi.', engine: KOKORO.id, voice: 'am_nobody', speed: 1 })).rejects.toBeInstanceOf(
      UnknownVoiceError,
    );

    await tts.loadKokoro(KOKORO); // the same model again: nothing reloads, nothing is freed
    expect(made).toHaveLength(1);

    await tts.loadKokoro(KOKORO_AGAIN);
    expect(made.map((m) => m.id)).toEqual([KOKORO.id, KOKORO_AGAIN.id]);
    expect(made[0]!.dispose).toHaveBeenCalledTimes(1);
    expect(made[1]!.dispose).not.toHaveBeenCalled();
    // The page names the model it loaded: asking the replaced one is an error, not a silent reload.
    await expect(tts.speak({ text: 'Hi.', engine: KOKORO.id, voice: 'af_heart', speed: 1 })).rejects.toBeInstanceOf(
      NoModelLoadedError,
    );
    expect(
      (await tts.speak({ text: 'Hi.', engine: KOKORO_AGAIN.id, voice: 'af_heart', speed: 1 })).samples.length,
    ).toBeGreaterThan(0);

    // The same model on another device is a replacement too (in Node there is no GPU: it lands on wasm).
    expect(await tts.loadKokoro(KOKORO_AGAIN, 'webgpu')).toMatchObject({ device: 'wasm' });
    expect(made[1]!.dispose).toHaveBeenCalledTimes(1);

    await tts.unloadKokoro();
    expect(made[2]!.dispose).toHaveBeenCalledTimes(1);
  }, 60_000);
});
