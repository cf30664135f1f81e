// The store-backed CacheStorage that WebLLM reads through: unit behaviour, then the real web-llm 0.2.86
// code paths (tvmjs's ArtifactCache via hasModelInCache, deleteModelAllInfoInCache, and MLCEngine's
// reload up to the point where it needs a real TVM runtime) with `caches` pointed at the store.
import { deleteModelAllInfoInCache, hasModelInCache, MLCEngine } from '@mlc-ai/web-llm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ModelNotStoredError } from '../../../src/core/errors';
import { fileKey } from '../../../src/store/db';
import { mlcLibPath } from '../../../src/downloads/mlc-files';
import { installStoreCaches, StoreCacheStorage } from '../../../src/engines/llm/webllm-cache';
import { engineFileUrl, engineLibUrl, webllmAppConfig } from '../../../src/engines/llm/webllm-config';
import { fakeMlcStore, type FakeMlcStore } from '../../support/webllm-fixture';

let f: FakeMlcStore;
let storage: StoreCacheStorage;
let restore: (() => void) | null = null;
const modelId = () => f.model.webllm!.modelId;
const url = (path: string) => engineFileUrl(f.model, path);

beforeAll(async () => {
  f = await fakeMlcStore();
  storage = new StoreCacheStorage(f.store, [f.model]);
});
afterAll(() => f.close());
afterEach(() => {
  restore?.();
  restore = null;
  vi.restoreAllMocks();
});

describe('store-backed CacheStorage', () => {
  it('answers a stored file with its bytes and type, and misses what is not stored', async () => {
    const cache = await storage.open('webllm/model');
    const config = await cache.match(new Request(url('mlc-chat-config.json')));
    expect(config?.headers.get('content-type')).toBe('application/json');
    expect((await config!.json()).tokenizer_files).toEqual(['tokenizer.json']);
    const lib = await cache.match(engineLibUrl(f.model));
    expect(lib?.headers.get('content-type')).toBe('application/wasm');
    expect(new Uint8Array(await lib!.arrayBuffer()).subarray(0, 4)).toEqual(Uint8Array.from([0, 0x61, 0x73, 0x6d]));
    expect(await cache.match(url('params_shard_9.bin'))).toBeUndefined();
    expect(await cache.match('https://example.com/not/a/model/file')).toBeUndefined();
  });

  it('add() never downloads: it resolves only for stored files', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const cache = await storage.open('webllm/wasm');
    await expect(cache.add(url('params_shard_0.bin'))).resolves.toBeUndefined();
    await expect(cache.add(new Request(url('params_shard_9.bin')))).rejects.toBeInstanceOf(ModelNotStoredError);
    await expect(cache.put(url('params_shard_9.bin'))).rejects.toBeInstanceOf(ModelNotStoredError);
    await expect(cache.addAll([url('tokenizer.json'), url('nope.json')])).rejects.toBeInstanceOf(ModelNotStoredError);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('keys() names every stored file of the model, the shards and the library included', async () => {
    const keys = (await (await storage.open('webllm/model')).keys()).map((r) => r.url);
    expect(keys.sort()).toEqual(
      [
        'mlc-chat-config.json',
        'params_shard_0.bin',
        'params_shard_1.bin',
        'tensor-cache.json',
        'tokenizer.json',
        mlcLibPath(f.model.webllm!.modelLib),
      ]
        .map(url)
        .sort(),
    );
    expect(await (await storage.open('x')).keys(url('tokenizer.json'))).toHaveLength(1);
  });

  it('delete() keeps the store intact (deleting goes through the Models view)', async () => {
    const cache = await storage.open('webllm/model');
    expect(await cache.delete()).toBe(false);
    expect(await storage.delete('webllm/model')).toBe(false);
    expect((await f.store.status(f.model)).state).toBe('ready');
  });

  it('installs as the global `caches` and puts back what was there', () => {
    const scope: { caches?: unknown } = { caches: 'original' };
    const undo = installStoreCaches(storage, scope);
    expect(scope.caches).toBe(storage);
    undo();
    expect(scope.caches).toBe('original');
  });
});

describe("web-llm's own cache code reads the store", () => {
  it('hasModelInCache sees the tensor cache and every shard; a missing shard makes it false', async () => {
    restore = installStoreCaches(storage);
    const appConfig = webllmAppConfig(f.model);
    expect(await hasModelInCache(modelId(), appConfig)).toBe(true);

    const other = await fakeMlcStore();
    try {
      await other.store.records.deleteFiles([fileKey(other.model.repo, 'main', 'params_shard_1.bin')]);
      restore();
      restore = installStoreCaches(new StoreCacheStorage(other.store, [other.model]));
      expect(await hasModelInCache(modelId(), appConfig)).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('deleteModelAllInfoInCache leaves every stored file in place', async () => {
    restore = installStoreCaches(storage);
    await deleteModelAllInfoInCache(modelId(), webllmAppConfig(f.model));
    expect((await f.store.status(f.model)).state).toBe('ready');
    expect(await hasModelInCache(modelId(), webllmAppConfig(f.model))).toBe(true);
  });

  it('MLCEngine.reload takes the chat config and the model library from the store, never the network', async () => {
    const seen: string[] = [];
    const match = storage.cache.match.bind(storage.cache);
    vi.spyOn(storage.cache, 'match').mockImplementation(async (r) => {
      seen.push(typeof r === 'string' ? r : (r as Request).url);
      return match(r);
    });
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    vi.stubGlobal('location', { origin: 'http://app.test', href: 'http://app.test/' });
    restore = installStoreCaches(storage);
    const engine = new MLCEngine({ appConfig: webllmAppConfig(f.model), logLevel: 'SILENT' });
    // After these two files web-llm instantiates the library with tvmjs, whose Node branch needs
    // CommonJS globals: the furthest the real engine gets without a browser and a GPU.
    const failure = await engine.reload(modelId()).then(
      () => null,
      (e: unknown) => e as Error,
    );
    vi.unstubAllGlobals();
    expect(failure?.message).toMatch(/__dirname/);
    expect(new Set(seen)).toEqual(new Set([url('mlc-chat-config.json'), engineLibUrl(f.model)]));
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('MLCEngine.reload fails with ModelNotStoredError when a file is missing, instead of downloading it', async () => {
    const other = await fakeMlcStore();
    try {
      await other.store.records.deleteFiles([fileKey(other.model.repo, 'main', mlcLibPath(other.model.webllm!.modelLib))]);
      const fetchSpy = vi.spyOn(globalThis, 'fetch');
      vi.stubGlobal('location', { origin: 'http://app.test', href: 'http://app.test/' });
      restore = installStoreCaches(new StoreCacheStorage(other.store, [other.model]));
      const engine = new MLCEngine({ appConfig: webllmAppConfig(other.model), logLevel: 'SILENT' });
      await expect(engine.reload(modelId())).rejects.toBeInstanceOf(ModelNotStoredError);
      vi.unstubAllGlobals();
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      await other.close();
    }
  });
});
