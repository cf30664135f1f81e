import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { IntegrityError, isAbort, ModelSourceError, NetworkError, StorageQuotaError } from '../../src/core/errors';
import type { ModelEntry } from '../../src/catalog/types';
import { download, type DownloadProgress } from '../../src/downloads/downloader';
import { ModelStore } from '../../src/store/model-store';
import { BLOB_BYTES, FLUSH_BYTES } from '../../src/store/file-writer';
import { startRangeServer, type RangeServer } from '../support/range-server';
import {
  bertFull,
  bertQuant,
  blobSha256,
  bytesOf,
  fileEntry,
  freshDbName,
  MODEL_ONNX_SHA256,
  REPO,
  serverFiles,
  sha256,
} from '../support/fixture-models';

const FULL_TOTAL = 513 + 466081 + 4036814;
const SMALL_FILES = 513 + 466081; // config.json + tokenizer.json, fetched before model.onnx
/** A 2 MiB commit is stored as 16 Blobs. */
const CHUNKS_PER_COMMIT = FLUSH_BYTES / BLOB_BYTES;

let server: RangeServer;
let served: Record<string, Uint8Array>;
let store: ModelStore;
let dbName: string;

beforeAll(async () => {
  served = serverFiles();
  server = await startRangeServer(served);
});
afterAll(() => server.close());
beforeEach(async () => {
  for (const k of Object.keys(server.faults)) delete server.faults[k as keyof typeof server.faults];
  server.headers.clear();
  server.requests.length = 0;
  dbName = freshDbName();
  store = await ModelStore.open(dbName);
});
afterEach(() => {
  vi.restoreAllMocks();
  store.close();
});

/** No automatic resume unless a test asks for it: most tests look at one failure. */
const run = (model: ModelEntry, extra: Partial<Parameters<typeof download>[1]> = {}) =>
  download(model, { store, source: server.url, storage: null, retries: 0, ...extra });

const failure = (p: Promise<unknown>): Promise<Error> =>
  p.then(
    () => {
      throw new Error('expected the download to fail');
    },
    (e: unknown) => e as Error,
  );

describe('download', () => {
  it('fetches, verifies and readies a model, reporting throttled progress', async () => {
    const events: DownloadProgress[] = [];
    const estimate = vi.fn(async () => ({ quota: 10e9, usage: 1e6 }));
    const started = performance.now();
    const result = await run(bertFull(), { onProgress: (p) => events.push(p), storage: { estimate } });
    const elapsedMs = performance.now() - started;

    expect(estimate).toHaveBeenCalledOnce();
    expect(result.fetchedBytes).toBe(FULL_TOTAL);
    expect(result.files.map((f) => [f.path, f.resumedFrom, f.fetchedBytes, f.verification])).toEqual([
      ['config.json', 0, 513, 'catalog'],
      ['tokenizer.json', 0, 466081, 'catalog'],
      ['onnx/model.onnx', 0, 4036814, 'catalog'],
    ]);
    expect(await store.status(bertFull())).toEqual({ state: 'ready', storedBytes: FULL_TOTAL, totalBytes: FULL_TOTAL });
    expect(await blobSha256(await store.readFile(REPO, 'onnx/model.onnx'))).toBe(MODEL_ONNX_SHA256);
    expect(server.requests.every((r) => r.range === null && r.status === 200)).toBe(true);

    expect(events[0]).toMatchObject({ modelId: 'bert-fp32', phase: 'checking', storedBytes: 0, totalBytes: FULL_TOTAL });
    expect(events.at(-1)).toMatchObject({ phase: 'ready', storedBytes: FULL_TOTAL, fetchedBytes: FULL_TOTAL, etaSeconds: 0 });
    const phases = events.map((e) => e.phase).filter((p, i, all) => p !== all[i - 1]);
    expect(phases).toEqual([
      'checking',
      'downloading',
      'verifying',
      'downloading',
      'verifying',
      'downloading',
      'verifying',
      'ready',
    ]);
    const stored = events.map((e) => e.storedBytes);
    expect(stored).toEqual([...stored].sort((a, b) => a - b)); // never goes backwards
    // Throttled: the forced phase changes (8) and at most one timed update per 100 ms get through,
    // not one per network read, however long the download took on this machine.
    expect(events.length).toBeLessThanOrEqual(8 + Math.ceil(elapsedMs / 100) + 1);
  });

  it('keeps the bytes of a dropped connection and resumes with a Range request', async () => {
    server.faults.dropAfterBytes = 3_000_000;
    const first = await failure(run(bertFull()));
    expect(first).toBeInstanceOf(NetworkError);
    expect((first as NetworkError).url).toBe(`${server.url}/${REPO}/resolve/main/onnx/model.onnx`);
    const partial = await store.status(bertFull());
    expect(partial.state).toBe('partial');
    expect(partial.storedBytes).toBe(SMALL_FILES + 3_000_000); // the 2 MiB chunk and the flushed tail
    // the failure survives as its named error, fields and all
    expect(partial.lastError).toBeInstanceOf(NetworkError);
    expect((partial.lastError as NetworkError).url).toBe(`${server.url}/${REPO}/resolve/main/onnx/model.onnx`);
    expect(partial.lastError?.message).toMatch(/Network failure while fetching .*model\.onnx/);

    // A reload between the two runs: the hash state comes back from IndexedDB with the chunks.
    store.close();
    store = await ModelStore.open(dbName);
    delete server.faults.dropAfterBytes;
    server.requests.length = 0;
    const reread = vi.spyOn(store.records, 'storedBlob');
    const second = await run(bertFull());

    expect(server.requests.map((r) => [r.range, r.status])).toEqual([['bytes=3000000-', 206]]);
    expect(second.fetchedBytes).toBe(4036814 - 3_000_000);
    expect(second.fetchedBytes).toBeLessThan(FULL_TOTAL);
    expect(second.files).toEqual([
      { path: 'onnx/model.onnx', resumedFrom: 3_000_000, fetchedBytes: 1_036_814, verification: 'catalog' },
    ]);
    expect(reread).not.toHaveBeenCalled();
    const status = await store.status(bertFull());
    expect(status).toEqual({ state: 'ready', storedBytes: FULL_TOTAL, totalBytes: FULL_TOTAL });
    expect(await blobSha256(await store.readFile(REPO, 'onnx/model.onnx'))).toBe(MODEL_ONNX_SHA256);
  });

  it('resumes a dropped connection by itself from the bytes stored, refetching none of them', async () => {
    server.faults.dropAfterBytes = 1_500_000; // every response: the file takes three requests
    const delays: number[] = [];
    const result = await run(bertFull(), { retries: 2, retryDelay: (n) => (delays.push(n), 1) });
    const modelRequests = server.requests.filter((r) => r.path.endsWith('model.onnx'));
    expect(modelRequests.map((r) => r.range)).toEqual([null, 'bytes=1500000-', 'bytes=3000000-']);
    expect(delays).toEqual([1, 1]); // each drop followed stored progress: the count starts again
    expect(result.fetchedBytes).toBe(FULL_TOTAL);
    expect(server.bytesSent()).toBe(FULL_TOTAL); // not one byte fetched twice
    expect(await store.status(bertFull())).toEqual({ state: 'ready', storedBytes: FULL_TOTAL, totalBytes: FULL_TOTAL });
    expect(await blobSha256(await store.readFile(REPO, 'onnx/model.onnx'))).toBe(MODEL_ONNX_SHA256);
  });

  it('gives up after the set number of drops in a row that stored nothing', async () => {
    server.faults.dropAfterBytes = 0;
    const delays: number[] = [];
    const error = await failure(run(bertFull(), { retries: 3, retryDelay: (n) => (delays.push(n), 1) }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(delays).toEqual([1, 2, 3]);
    expect(server.requests.length).toBe(4);
    expect((await store.status(bertFull())).lastError).toBeInstanceOf(NetworkError);
  });

  it('starts a file over when the server ignores Range and answers 200', async () => {
    server.faults.dropAfterBytes = 1_000_000;
    await failure(run(bertFull()));
    server.faults = Object.assign(server.faults, { dropAfterBytes: undefined, ignoreRange: true });
    server.requests.length = 0;
    const result = await run(bertFull());
    expect(server.requests.map((r) => [r.range, r.status])).toEqual([['bytes=1000000-', 200]]);
    expect(result.files[0]).toMatchObject({ path: 'onnx/model.onnx', resumedFrom: 1_000_000, fetchedBytes: 4036814 });
    expect(await blobSha256(await store.readFile(REPO, 'onnx/model.onnx'))).toBe(MODEL_ONNX_SHA256);
    expect(await store.modelBytesStored()).toBe(FULL_TOTAL); // the old 1 MB did not stay behind
  });

  it('rejects corrupted bytes, deletes that file and leaves the model unready', async () => {
    server.faults.corrupt = true;
    const error = await failure(run(bertQuant()));
    expect(error).toBeInstanceOf(IntegrityError);
    expect(error.message).toContain(`${REPO}/config.json failed its SHA-256 check`);
    expect((error as IntegrityError).expected).toBe(sha256(bytesOf('config.json')));
    const status = await store.status(bertQuant());
    expect(status.state).toBe('partial');
    expect(status.storedBytes).toBe(0);
    expect(status.lastError).toBeInstanceOf(IntegrityError);
    expect(status.lastError).toMatchObject({ file: (error as IntegrityError).file, message: error.message });
    await expect(store.readFile(REPO, 'config.json')).rejects.toThrow(/not in the model store/);

    delete server.faults.corrupt;
    const result = await run(bertQuant());
    expect(result.fetchedBytes).toBe(513 + 466081 + 1106989);
    const ready = await store.status(bertQuant());
    expect(ready.state).toBe('ready');
    expect(ready.lastError).toBeUndefined();
  });

  it('rejects a file longer than the catalog says', async () => {
    server.faults.extraBytes = 10;
    const error = await failure(run(bertQuant()));
    expect(error).toBeInstanceOf(IntegrityError);
    expect(error.message).toBe(`${REPO}/config.json has the wrong size: expected 513 bytes, got at least 523`);
    expect(await store.modelBytesStored()).toBe(0);
  });

  it('reports HTTP errors as ModelSourceError with the status', async () => {
    server.faults.status = 500;
    const error = await failure(run(bertQuant()));
    expect(error).toBeInstanceOf(ModelSourceError);
    expect((error as ModelSourceError).status).toBe(500);
    expect(error.message).toContain('answered 500');
    server.faults.status = 404;
    expect(((await failure(run(bertQuant()))) as ModelSourceError).status).toBe(404);
    expect(await store.modelBytesStored()).toBe(0);
  });

  it('reports an unreachable source as NetworkError', async () => {
    const error = await failure(download(bertQuant(), { store, source: 'http://127.0.0.1:9', storage: null }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('refuses to start when the free space is too small, before any request', async () => {
    const error = await failure(run(bertFull(), { storage: { estimate: async () => ({ quota: 5_000_000, usage: 1_000_000 }) } }));
    expect(error).toBeInstanceOf(StorageQuotaError);
    expect(error).toMatchObject({ neededBytes: FULL_TOTAL, availableBytes: 4_000_000 });
    expect(server.requests).toHaveLength(0);
    const status = await store.status(bertFull());
    expect(status.state).toBe('absent');
    expect(status.lastError).toBeInstanceOf(StorageQuotaError);
    expect(status.lastError).toMatchObject({ neededBytes: FULL_TOTAL, availableBytes: 4_000_000 });
  });

  it('checks only the bytes still missing against the free space', async () => {
    await run(bertFull());
    server.requests.length = 0;
    // bert-q8 shares two files: it needs only model_quantized.onnx
    const estimate = async () => ({ quota: 1106989 + 10, usage: 0 });
    const result = await run(bertQuant(), { storage: { estimate } });
    expect(result.fetchedBytes).toBe(1106989);
    expect(server.requests.map((r) => r.path)).toEqual([`/${REPO}/resolve/main/onnx/model_quantized.onnx`]);
  });

  it('turns a QuotaExceededError while writing into StorageQuotaError and stays partial', async () => {
    const put = IDBObjectStore.prototype.put;
    let refused = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      // The small files and model.onnx's first commit (2 MiB plus the rest of the read that crossed
      // it: at most one Blob more) fit; nothing after it does.
      const key = args[1] as [string, number] | undefined;
      if (this.name === 'chunks' && key?.[0].endsWith('model.onnx') && key[1] > CHUNKS_PER_COMMIT) {
        refused++;
        throw new DOMException('disk full', 'QuotaExceededError');
      }
      return put.apply(this, args);
    });
    const error = await failure(run(bertFull()));
    expect(error).toBeInstanceOf(StorageQuotaError);
    const status = await store.status(bertFull());
    expect(status.state).toBe('partial');
    expect(status.storedBytes - SMALL_FILES).toBeGreaterThanOrEqual(2 * 1024 * 1024);
    expect(status.storedBytes - SMALL_FILES).toBeLessThan(2 * 1024 * 1024 + 256 * 1024);
    expect(refused).toBeGreaterThan(0);
    expect(status.lastError).toBeInstanceOf(StorageQuotaError);
    expect(status.lastError?.message).toMatch(/Not enough storage/);
  });

  it('rethrows an abort after saving what arrived, without recording an error', async () => {
    server.faults.stallAfterBytes = 700_000;
    const controller = new AbortController();
    const pending = failure(run(bertFull(), { signal: controller.signal }));
    // The server stalls after 700 kB of model.onnx; give the loopback time to deliver them.
    await vi.waitFor(() => expect(server.requests.some((r) => r.path.endsWith('model.onnx'))).toBe(true));
    await new Promise((r) => setTimeout(r, 300));
    controller.abort();
    const error = await pending;
    expect(isAbort(error)).toBe(true);
    const status = await store.status(bertFull());
    expect(status).toEqual({ state: 'partial', storedBytes: SMALL_FILES + 700_000, totalBytes: FULL_TOTAL });

    delete server.faults.stallAfterBytes;
    const result = await run(bertFull());
    expect(result.fetchedBytes).toBe(4036814 - 700_000);
    expect((await store.status(bertFull())).state).toBe('ready');
  });

  it('starts over after a 416 on resume, and rejects a source file shorter than the catalog says', async () => {
    server.faults.dropAfterBytes = 300_000;
    await failure(run(bertQuant()));
    expect((await store.status(bertQuant())).storedBytes).toBe(513 + 300_000);
    delete server.faults.dropAfterBytes;
    const original = served[`${REPO}/tokenizer.json`]!;
    served[`${REPO}/tokenizer.json`] = original.subarray(0, 200_000); // the source now has a shorter file
    server.requests.length = 0;
    try {
      const error = await failure(run(bertQuant()));
      expect(server.requests.map((r) => [r.range, r.status])).toEqual([
        ['bytes=300000-', 416],
        [null, 200],
      ]);
      expect(error).toBeInstanceOf(IntegrityError);
      expect(error.message).toBe(`${REPO}/tokenizer.json has the wrong size: expected 466081 bytes, got 200000`);
      expect((await store.status(bertQuant())).storedBytes).toBe(513);
    } finally {
      served[`${REPO}/tokenizer.json`] = original;
    }
  });

  it('does nothing over the network for a model already stored', async () => {
    await run(bertQuant());
    server.requests.length = 0;
    const again = await run(bertQuant());
    expect(again.fetchedBytes).toBe(0);
    expect(again.files).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });
});

describe('download without a catalog hash', () => {
  const unhashed = (): ModelEntry => ({ ...bertQuant(), id: 'bert-unhashed', files: [fileEntry('vocab.txt', false)] });
  const vocabKey = `${REPO}/vocab.txt`;
  const vocabSha = sha256(bytesOf('vocab.txt'));

  it('pins the LFS hash from X-Linked-Etag and says so in the status', async () => {
    server.headers.set(vocabKey, { 'X-Linked-Etag': `"${vocabSha}"`, ETag: '"0123456789abcdef0123456789abcdef01234567"' });
    const result = await run(unhashed());
    expect(result.files[0]!.verification).toBe('pinned');
    const status = await store.status(unhashed());
    expect(status.state).toBe('ready');
    expect(status.pinnedFiles).toEqual(['vocab.txt']);
    expect(status.unverifiedFiles).toBeUndefined();
  });

  it('falls back to a sha256 ETag, and fails when the bytes do not match it', async () => {
    server.headers.set(vocabKey, { ETag: `"${'ab'.repeat(32)}"` });
    const error = await failure(run(unhashed()));
    expect(error).toBeInstanceOf(IntegrityError);
    expect(error.message).toContain(`${REPO}/vocab.txt failed its SHA-256 check (expected abababababab…`);
    expect((await store.status(unhashed())).state).toBe('partial');
  });

  it('accepts a file with no hash anywhere but marks it unverified', async () => {
    const result = await run(unhashed());
    expect(result.files[0]!.verification).toBe('none');
    const status = await store.status(unhashed());
    expect(status.state).toBe('ready');
    expect(status.unverifiedFiles).toEqual(['vocab.txt']);
  });

  it('starts over when the pinned hash changed between two runs', async () => {
    server.headers.set(vocabKey, { 'X-Linked-Etag': `"${'cd'.repeat(32)}"` });
    server.faults.dropAfterBytes = 100_000;
    await failure(run(unhashed()));
    expect((await store.status(unhashed())).storedBytes).toBe(100_000);
    delete server.faults.dropAfterBytes;
    server.headers.set(vocabKey, { 'X-Linked-Etag': `"${vocabSha}"` });
    server.requests.length = 0;
    const result = await run(unhashed());
    // the resume was answered under another hash: the stored bytes are from another file version
    expect(server.requests.map((r) => [r.range, r.status])).toEqual([
      ['bytes=100000-', 206],
      [null, 200],
    ]);
    expect(result.files[0]).toMatchObject({ verification: 'pinned', fetchedBytes: 231508 });
  });
});

describe('download without catalog sizes (multilingual-e5-small is listed this way)', () => {
  const PATHS = ['config.json', 'tokenizer.json', 'onnx/model_quantized.onnx'];
  const sizeless = (): ModelEntry => ({
    ...bertQuant(),
    id: 'bert-sizeless',
    approxBytes: 2e6,
    files: PATHS.map((path) => ({ path, bytes: 0, sha256: null })),
  });
  const realBytes = PATHS.reduce((sum, p) => sum + bytesOf(p).length, 0);
  const pinAll = (shaOf = (p: string) => sha256(bytesOf(p))) => {
    for (const p of PATHS) server.headers.set(`${REPO}/${p}`, { 'X-Linked-Etag': `"${shaOf(p)}"` });
  };

  it('asks the source for each size, pins each hash, and keeps the list it resolved', async () => {
    pinAll();
    const result = await run(sizeless());
    expect(server.requests.filter((r) => r.method === 'HEAD').map((r) => r.path.split('/resolve/main/')[1])).toEqual(PATHS);
    expect(result.fetchedBytes).toBe(realBytes);
    expect(result.files.map((f) => f.verification)).toEqual(['pinned', 'pinned', 'pinned']);
    const status = await store.status(sizeless());
    expect(status).toMatchObject({ state: 'ready', storedBytes: realBytes, totalBytes: realBytes });
    expect(status.pinnedFiles).toEqual(PATHS);
    expect((await store.resolved(sizeless())).files.map((f) => f.bytes)).toEqual(PATHS.map((p) => bytesOf(p).length));

    // Stored: nothing is asked again, not even the sizes.
    server.requests.length = 0;
    expect((await run(sizeless())).fetchedBytes).toBe(0);
    expect(server.requests).toHaveLength(0);
  });

  it('is never ready on bytes that do not match the hash the source stated', async () => {
    pinAll((p) => (p === 'tokenizer.json' ? 'ab'.repeat(32) : sha256(bytesOf(p))));
    expect(await failure(run(sizeless()))).toBeInstanceOf(IntegrityError);
    expect((await store.status(sizeless())).state).not.toBe('ready');
  });

  it('says which file the source gave no size for', async () => {
    server.faults.status = 404;
    const error = await failure(run(sizeless()));
    expect(error).toBeInstanceOf(ModelSourceError);
    expect((error as ModelSourceError).message).toContain('config.json');
    expect((await store.status(sizeless())).state).toBe('absent');
  });
});
