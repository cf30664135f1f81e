// A WebLLM (MLC) build through the store: the download resolves its whole file list (fixed files by
// HEAD, weight shards from tensor-cache.json, the model library from the mirror's copy of MLC's
// library repo), stores every file once, is ready only when all are, and deletes them all.
// The repo here is a small synthetic one with MLC's layout: it proves the store, not a model.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/catalog/catalog';
import type { ModelEntry } from '../../src/catalog/types';
import { download } from '../../src/downloads/downloader';
import { MLC_LIB_REPO, mlcLibDownloadUrl, mlcLibPath, shardsFromTensorCache } from '../../src/downloads/mlc-files';
import { ModelStore } from '../../src/store/model-store';
import { startRangeServer, type RangeServer } from '../support/range-server';
import { freshDbName } from '../support/fixture-models';

const entry = CATALOG.find((m) => m.id === 'qwen2.5-0.5b-instruct-q4f32-webllm')!;
const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
const text = (s: string) => new TextEncoder().encode(s);
const shards = [bytes(70_000, 1), bytes(50_000, 2)];
const tensorCache = {
  metadata: {},
  records: shards.map((b, i) => ({ dataPath: `params_shard_${i}.bin`, format: 'raw-shard', nbytes: b.length, records: [] })),
};
const lib = bytes(30_000, 3);

let server: RangeServer;
beforeAll(async () => {
  server = await startRangeServer({
    [`${entry.repo}/mlc-chat-config.json`]: text('{"conv_template":"qwen2"}'),
    [`${entry.repo}/tensor-cache.json`]: text(JSON.stringify(tensorCache)),
    [`${entry.repo}/tokenizer.json`]: text('{"model":{}}'),
    [`${entry.repo}/params_shard_0.bin`]: shards[0]!,
    [`${entry.repo}/params_shard_1.bin`]: shards[1]!,
    [`${MLC_LIB_REPO}/web-llm-models/v0_2_86/base/${entry.webllm!.modelLib}`]: lib,
  });
});
afterAll(() => server.close());

describe('WebLLM builds in the store', () => {
  it('downloads every file the build needs, is ready only then, and deletes them all', async () => {
    const store = await ModelStore.open(freshDbName());
    expect((await store.status(entry)).state).toBe('absent');
    const result = await download(entry, { store, source: server.url, storage: null });
    expect(result.files.map((f) => f.path)).toEqual([
      'mlc-chat-config.json',
      'tensor-cache.json',
      'tokenizer.json',
      'params_shard_0.bin',
      'params_shard_1.bin',
      mlcLibPath(entry.webllm!.modelLib),
    ]);
    const status = await store.status(entry);
    expect(status.state).toBe('ready');
    const total = 120_000 + 30_000 + 25 + JSON.stringify(tensorCache).length + 12;
    expect(status.totalBytes).toBe(total);
    expect(status.storedBytes).toBe(total);
    expect(new Uint8Array(await (await store.readFile(entry.repo, 'params_shard_1.bin')).arrayBuffer())).toEqual(shards[1]);
    expect(new Uint8Array(await (await store.readFile(entry.repo, mlcLibPath(entry.webllm!.modelLib))).arrayBuffer())).toEqual(
      lib,
    );

    // A second run fetches nothing more.
    const before = server.bytesSent();
    await download(entry, { store, source: server.url, storage: null });
    expect(server.bytesSent()).toBe(before);

    await store.deleteModel(entry, [...CATALOG]);
    expect((await store.status(entry)).state).toBe('absent');
    expect(await store.modelBytesStored()).toBe(0);
    store.close();
  });

  it('a shard missing on the source leaves the model not ready', async () => {
    const store = await ModelStore.open(freshDbName());
    const broken: ModelEntry = { ...entry, id: 'broken-mlc', repo: 'mlc-ai/missing-MLC' };
    await expect(download(broken, { store, source: server.url, storage: null })).rejects.toThrow(/404/);
    expect((await store.status(broken)).state).not.toBe('ready');
    store.close();
  });

  it('reads shard lists strictly and finds the library on MLC’s host or the mirror', () => {
    expect(shardsFromTensorCache(tensorCache).map((f) => [f.path, f.bytes])).toEqual([
      ['params_shard_0.bin', 70_000],
      ['params_shard_1.bin', 50_000],
    ]);
    expect(() => shardsFromTensorCache({ records: [] })).toThrow(/no weight shards/);
    expect(() => shardsFromTensorCache({ records: [{ dataPath: '../../etc/passwd', nbytes: 1 }] })).toThrow(/unsafe/);
    expect(() => shardsFromTensorCache({ records: [{ dataPath: 'a.bin' }] })).toThrow(/no size/);
    expect(mlcLibDownloadUrl('https://huggingface.co', 'X.wasm')).toBe(
      'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base/X.wasm',
    );
    expect(mlcLibDownloadUrl('http://mirror.lan:8080', 'X.wasm')).toBe(
      'http://mirror.lan:8080/mlc-ai/binary-mlc-llm-libs/resolve/main/web-llm-models/v0_2_86/base/X.wasm',
    );
  });
});
