// Kokoro through kokoro-js on the app's transformers.js (deduped to v4) in Node, on the random-weight
// test/tiny-random-kokoro, whose graph makes 600 samples per token at 24 kHz: the model and tokenizer
// are read from a (fake-indexeddb) model store through configureTransformers, exactly as in the
// worker; and the store-backed "kokoro-voices" cache that kokoro-js reads in browsers.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KokoroTTS } from 'kokoro-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { download } from '../../../src/downloads/downloader';
import { installKokoroVoiceCaches, KokoroVoiceCacheStorage, voiceOfUrl } from '../../../src/engines/tts/kokoro-voices-cache';
import { ModelStore } from '../../../src/store/model-store';
import { configureTransformers } from '../../../src/engines/shared/transformers-env';
import { kokoroFromPretrained } from '../../../src/engines/tts/tts-service';
import { kokoroVoices } from '../../../src/catalog/tts-voices';
import { modelById } from '../../support/all-models';
import { start, type Mirror } from '../../support/mirror';
import { modelsDir } from '../../support/paths';
import { freshDbName } from '../../support/fixture-models';

const MODEL = modelById('test-kokoro-fp32');
const HUB_VOICE = (name: string) => `https://huggingface.co/onnx-community/Kokoro-82M-v1.0-ONNX/resolve/main/voices/${name}.bin`;

let mirror: Mirror;
let store: ModelStore;
let tts: KokoroTTS;

beforeAll(async () => {
  mirror = await start();
  store = await ModelStore.open(freshDbName());
  await download(MODEL, { store, source: mirror.url, storage: null });
  // configureTransformers reads the worker's self.crossOriginIsolated.
  (globalThis as { self?: unknown }).self ??= globalThis;
  configureTransformers(store);
  tts = await kokoroFromPretrained(MODEL.repo, { dtype: 'fp32', device: 'cpu', revision: 'main' });
}, 60_000);
afterAll(async () => {
  store.close();
  await mirror.close();
});

/** Token count kokoro-js gives the model for a text (phonemes, then the tokenizer, $ pads included). */
async function tokensOf(text: string): Promise<number> {
  const { TextSplitterStream } = await import('kokoro-js');
  const oneChunk = new TextSplitterStream();
  oneChunk.push(text);
  oneChunk.close(); // without close() the splitter waits for more text after the last sentence
  for await (const { phonemes } of tts.stream(oneChunk, { voice: 'af_heart' })) {
    return (tts.tokenizer(phonemes, { truncation: true }).input_ids as { dims: number[] }).dims.at(-1)!;
  }
  throw new Error('no chunk');
}

describe('kokoro-js on the model store (test/tiny-random-kokoro)', () => {
  it('loaded the model from the store alone: nothing was fetched from the network', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    await tts.generate('Hello.', { voice: 'af_heart' });
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });

  it('makes N x 600 samples at 24 kHz for N tokens, and a longer text gives longer audio', async () => {
    const hello = await tts.generate('Hello world.', { voice: 'af_heart' });
    expect(hello.sampling_rate).toBe(24000);
    expect(hello.audio).toHaveLength(16 * 600);
    expect(await tokensOf('Hello world.')).toBe(16);
    const ids = tts.tokenizer('həlˈoʊ wˈɜːld. ðə kˈɪʧən lˈaɪts ɑːɹ ˈɑn.', { truncation: true }).input_ids as Parameters<
      KokoroTTS['generate_from_ids']
    >[0];
    const n = (ids as unknown as { dims: number[] }).dims.at(-1)!;
    expect(n).toBeGreaterThan(30);
    expect((await tts.generate_from_ids(ids, { voice: 'bf_emma' })).audio).toHaveLength(n * 600);
    const long = await tts.generate('Hello world. The kitchen lights are on and the front door is locked.', { voice: 'bf_emma' });
    expect(long.audio.length % 600).toBe(0);
    expect(long.audio.length).toBeGreaterThan(3 * hello.audio.length);
    const peak = (long.audio as Float32Array).reduce((m, x) => Math.max(m, Math.abs(x)), 0);
    expect(peak).toBeGreaterThan(0.1);
  });

  it('speaks faster at a higher speed', async () => {
    const fast = await tts.generate('Hello world.', { voice: 'af_heart', speed: 2 });
    expect(fast.audio).toHaveLength(16 * 300);
  });
});

describe('the store-backed kokoro-voices cache', () => {
  it('answers kokoro-js hub URL with the voice stored for the loaded model, byte for byte', async () => {
    const storage = new KokoroVoiceCacheStorage(store, () => MODEL);
    const cache = await storage.open('kokoro-voices');
    for (const name of ['af_heart', 'bf_emma']) {
      const answer = await cache.match(HUB_VOICE(name));
      const stored = readFileSync(path.join(modelsDir, MODEL.repo, 'voices', `${name}.bin`));
      expect(Buffer.compare(Buffer.from(await answer!.arrayBuffer()), stored), name).toBe(0);
    }
    expect(await cache.match(HUB_VOICE('am_michael'))).toBeUndefined();
    expect(await cache.match('https://huggingface.co/test/tiny-random-kokoro/resolve/main/config.json')).toBeUndefined();
    await expect(storage.open('transformers-cache')).rejects.toThrow(/No cache/);
  });

  it('answers nothing before a model is loaded and never keeps a copy', async () => {
    let loaded: typeof MODEL | null = null;
    const storage = new KokoroVoiceCacheStorage(store, () => loaded);
    const cache = await storage.open('kokoro-voices');
    expect(await cache.match(HUB_VOICE('af_heart'))).toBeUndefined();
    await cache.put();
    expect(await cache.match(HUB_VOICE('af_heart'))).toBeUndefined();
    loaded = MODEL;
    expect((await cache.match(new Request(HUB_VOICE('af_heart'))))?.headers.get('content-length')).toBe('522240');
  });

  it('becomes the global `caches` while installed, and the undo restores what was there', async () => {
    const scope: { caches?: unknown } = {};
    const undo = installKokoroVoiceCaches(new KokoroVoiceCacheStorage(store, () => MODEL), scope);
    const cache = await (scope.caches as KokoroVoiceCacheStorage).open('kokoro-voices');
    expect(await cache.match(HUB_VOICE('bf_emma'))).toBeDefined();
    undo();
    expect('caches' in scope).toBe(false);
  });

  it('reads voice names from URLs and lists the model voices with their accent', () => {
    expect(voiceOfUrl(HUB_VOICE('af_heart'))).toBe('af_heart');
    expect(voiceOfUrl('https://x/voices/readme.md')).toBeNull();
    expect(kokoroVoices(MODEL)).toEqual([
      { id: 'af_heart', language: 'en-US', name: 'Heart', gender: 'female' },
      { id: 'bf_emma', language: 'en-GB', name: 'Emma', gender: 'female' },
    ]);
  });
});
