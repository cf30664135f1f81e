// MLC weight shards are checked against the md5sum their tensor-cache.json gives (the only published
// check of those bytes), across a resume too; a source that pins a SHA-256 is still checked by both.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IntegrityError, NetworkError } from '../../src/core/errors';
import { catalogById } from '../../src/catalog/catalog';
import { download } from '../../src/downloads/downloader';
import { MLC_LIB_REPO } from '../../src/downloads/mlc-files';
import { ModelStore } from '../../src/store/model-store';
import { createResumableMd5, md5Of } from '../../src/store/webllm-md5';
import { startRangeServer, type RangeServer } from '../support/range-server';
import { freshDbName } from '../support/fixture-models';

const entry = catalogById('smollm2-360m-instruct-q4f32-webllm')!;
const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 37 + seed) & 0xff);
const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');
const text = (s: string) => new TextEncoder().encode(s);
const shards = [bytes(70_000, 5), bytes(30_000, 6)];
const tensorCache = (sums: string[]) =>
  text(
    JSON.stringify({
      records: shards.map((b, i) => ({
        dataPath: `params_shard_${i}.bin`,
        format: 'raw-shard',
        nbytes: b.length,
        md5sum: sums[i],
        records: [],
      })),
    }),
  );

let server: RangeServer;
let files: Record<string, Uint8Array>;
beforeAll(async () => {
  files = {
    [`${entry.repo}/mlc-chat-config.json`]: text('{"tokenizer_files":["tokenizer.json"]}'),
    [`${entry.repo}/tensor-cache.json`]: tensorCache(shards.map(md5)),
    [`${entry.repo}/tokenizer.json`]: text('{"model":{}}'),
    [`${entry.repo}/params_shard_0.bin`]: shards[0]!,
    [`${entry.repo}/params_shard_1.bin`]: shards[1]!,
    [`${MLC_LIB_REPO}/web-llm-models/v0_2_86/base/${entry.webllm!.modelLib}`]: Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
  };
  server = await startRangeServer(files);
});
afterAll(() => server.close());
beforeEach(() => {
  for (const k of Object.keys(server.faults)) delete server.faults[k as keyof typeof server.faults];
  server.headers.clear();
});

const run = (store: ModelStore) => download(entry, { store, source: server.url, storage: null, retries: 0 });

describe('MLC shard verification', () => {
  it('checks every shard against its md5sum and says so in the status', async () => {
    const store = await ModelStore.open(freshDbName());
    const result = await run(store);
    const byPath = new Map(result.files.map((f) => [f.path, f.verification]));
    expect(byPath.get('params_shard_0.bin')).toBe('manifest');
    expect(byPath.get('params_shard_1.bin')).toBe('manifest');
    expect(byPath.get('tokenizer.json')).toBe('none'); // nothing published for the fixed files
    const status = await store.status(entry);
    expect(status.state).toBe('ready');
    expect(status.manifestFiles).toEqual(['params_shard_0.bin', 'params_shard_1.bin']);
    store.close();
  });

  it('keeps the MD5 state across a dropped connection and verifies the resumed shard', async () => {
    const store = await ModelStore.open(freshDbName());
    server.faults.dropAfterBytes = 50_000; // the small files pass; shard 0 (70 kB) breaks
    await expect(run(store)).rejects.toBeInstanceOf(NetworkError);
    delete server.faults.dropAfterBytes;
    const result = await run(store);
    expect(result.files.find((f) => f.path === 'params_shard_0.bin')).toMatchObject({
      resumedFrom: 50_000,
      verification: 'manifest',
    });
    expect((await store.status(entry)).state).toBe('ready');
    store.close();
  });

  it('rejects a shard whose bytes do not match its md5sum and keeps none of them', async () => {
    const store = await ModelStore.open(freshDbName());
    const good = files[`${entry.repo}/tensor-cache.json`]!;
    files[`${entry.repo}/tensor-cache.json`] = tensorCache([md5(shards[0]!), md5(bytes(30_000, 99))]);
    try {
      const failure = await run(store).then(
        () => new Error('expected an IntegrityError'),
        (e: unknown) => e as Error,
      );
      expect(failure).toBeInstanceOf(IntegrityError);
      expect(failure.message).toMatch(/params_shard_1\.bin failed its MD5 check/);
      expect((await store.status(entry)).state).toBe('partial');
      expect(await store.hasFile(entry.repo, 'params_shard_1.bin')).toBe(false);
    } finally {
      files[`${entry.repo}/tensor-cache.json`] = good;
      store.close();
    }
  });

  it('resumable MD5 matches a one-shot digest, and only 32-hex md5sums are taken', async () => {
    const whole = bytes(10_000, 1);
    const first = await createResumableMd5();
    first.update(whole.subarray(0, 4_000));
    const second = await createResumableMd5(first.save());
    second.update(whole.subarray(4_000));
    expect(second.digestHex()).toBe(md5(whole));
    expect(md5Of('D41D8CD98F00B204E9800998ECF8427E')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Of('not-a-hash')).toBeNull();
    expect(md5Of(42)).toBeNull();
  });
});
