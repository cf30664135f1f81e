import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ModelSourceError, NetworkError } from '../../src/core/errors';
import type { ModelEntry } from '../../src/catalog/types';
import { DownloadManager, type Job, type DownloadManagerOptions } from '../../src/downloads/download-manager';
import type { DownloadOptions, DownloadResult } from '../../src/downloads/downloader';
import { ModelStore } from '../../src/store/model-store';
import { startRangeServer, type RangeServer } from '../support/range-server';
import { bertFull, bertQuant, blobSha256, bytesOf, freshDbName, REPO, serverFiles, sha256 } from '../support/fixture-models';

const SMALL_FILES = 513 + 466081;
const catalog = (): ModelEntry[] => [bertFull(), bertQuant()];

let server: RangeServer;
let store: ModelStore;
beforeAll(async () => {
  server = await startRangeServer(serverFiles());
});
afterAll(() => server.close());
beforeEach(async () => {
  for (const k of Object.keys(server.faults)) delete server.faults[k as keyof typeof server.faults];
  server.requests.length = 0;
  store = await ModelStore.open(freshDbName());
});
afterEach(() => store.close());

const manager = (extra: Partial<DownloadManagerOptions> = {}) =>
  new DownloadManager({
    store,
    source: () => server.url,
    models: catalog,
    storage: null,
    downloadOptions: { storage: null },
    ...extra,
  });

const stateOf = (m: DownloadManager, id: string) => m.snapshot().get(id)?.state;
const until = (m: DownloadManager, id: string, state: Job['state']) =>
  vi.waitFor(() => expect(stateOf(m, id)).toBe(state), { timeout: 5000, interval: 10 });
/** The server stalls model.onnx after `bytes`; wait until they have surely arrived. */
async function stalledInModelOnnx(): Promise<void> {
  await vi.waitFor(() => expect(server.requests.some((r) => r.path.endsWith('/onnx/model.onnx'))).toBe(true), { timeout: 5000 });
  await new Promise((r) => setTimeout(r, 300));
}

describe('DownloadManager', () => {
  it('downloads a model and publishes snapshots to subscribers', async () => {
    const m = manager();
    const seen: string[] = [];
    const unsubscribe = m.subscribe((jobs) => {
      const s = jobs.get('bert-q8')?.state;
      if (s && s !== seen.at(-1)) seen.push(s);
    });
    m.start(bertQuant());
    m.start(bertQuant()); // a second start of a running job is ignored
    await until(m, 'bert-q8', 'done');
    expect(seen).toEqual(['queued', 'downloading', 'done']);
    const job = m.snapshot().get('bert-q8')!;
    expect(job.progress).toMatchObject({ phase: 'ready', storedBytes: 1573583, totalBytes: 1573583 });
    expect((await store.status(bertQuant())).state).toBe('ready');
    unsubscribe();
    m.start(bertFull());
    await until(m, 'bert-fp32', 'done');
    expect(seen).toEqual(['queued', 'downloading', 'done']); // no more calls after unsubscribe
    expect(server.requests.filter((r) => r.path.endsWith('config.json'))).toHaveLength(1); // shared file fetched once
  });

  it('runs at most two models at once and asks for persistent storage once', async () => {
    const gates = new Map<string, () => void>();
    const fake = vi.fn(
      (model: ModelEntry, _opts: DownloadOptions) =>
        new Promise<DownloadResult>((resolve) =>
          gates.set(model.id, () => resolve({ modelId: model.id, fetchedBytes: 0, files: [] })),
        ),
    );
    const persist = vi.fn(async () => true);
    const ids = ['a', 'b', 'c'];
    const m = manager({ download: fake, storage: { persist }, source: () => 'https://mirror.example' });
    for (const id of ids) m.start({ ...bertQuant(), id });
    await vi.waitFor(() => expect(fake).toHaveBeenCalledTimes(2));
    expect(ids.map((id) => stateOf(m, id))).toEqual(['downloading', 'downloading', 'queued']);
    expect(fake.mock.calls[0]![1].source).toBe('https://mirror.example');
    gates.get('a')!();
    await until(m, 'a', 'done');
    await vi.waitFor(() => expect(stateOf(m, 'c')).toBe('downloading'));
    gates.get('b')!();
    gates.get('c')!();
    await until(m, 'c', 'done');
    expect(persist).toHaveBeenCalledOnce();
  });

  it('lets two models that share files download together, writing each shared file once', async () => {
    const m = manager();
    m.start(bertFull());
    m.start(bertQuant());
    expect([stateOf(m, 'bert-fp32'), stateOf(m, 'bert-q8')]).toEqual(['downloading', 'downloading']);
    await until(m, 'bert-fp32', 'done');
    await until(m, 'bert-q8', 'done');
    expect(server.requests.filter((r) => r.path.endsWith('/config.json'))).toHaveLength(1);
    expect(server.requests.filter((r) => r.path.endsWith('/tokenizer.json'))).toHaveLength(1);
    expect(await store.modelBytesStored()).toBe(SMALL_FILES + 4036814 + 1106989);
    expect(await blobSha256(await store.readFile(REPO, 'tokenizer.json'))).toBe(sha256(bytesOf('tokenizer.json')));
    expect((await store.status(bertQuant())).state).toBe('ready');
  });

  it('pauses keeping the bytes, and resumes from them', async () => {
    server.faults.stallAfterBytes = 700_000;
    const m = manager();
    m.start(bertFull());
    await stalledInModelOnnx();
    m.pause('bert-fp32');
    expect(stateOf(m, 'bert-fp32')).toBe('paused');
    await vi.waitFor(async () => expect((await store.status(bertFull())).storedBytes).toBe(SMALL_FILES + 700_000));
    expect(stateOf(m, 'bert-fp32')).toBe('paused'); // the abort did not turn into an error

    delete server.faults.stallAfterBytes;
    server.requests.length = 0;
    m.resume('bert-fp32');
    await until(m, 'bert-fp32', 'done');
    expect(server.requests.map((r) => r.range)).toEqual(['bytes=700000-']);
    expect(m.snapshot().get('bert-fp32')!.progress.fetchedBytes).toBe(4036814 - 700_000);
    expect((await store.status(bertFull())).state).toBe('ready');
  });

  it('cancels, deleting partial bytes but not files another stored model uses', async () => {
    const m = manager();
    m.start(bertQuant());
    await until(m, 'bert-q8', 'done');
    server.faults.stallAfterBytes = 700_000;
    m.start(bertFull());
    await stalledInModelOnnx();
    await m.cancel('bert-fp32');
    expect(m.snapshot().has('bert-fp32')).toBe(false);
    expect((await store.status(bertFull())).state).toBe('absent');
    expect((await store.status(bertQuant())).state).toBe('ready');
    expect(await store.modelBytesStored()).toBe(SMALL_FILES + 1106989);
  });

  it('shows errors and retries with the current source on resume', async () => {
    let source = 'http://127.0.0.1:9'; // nothing listens there
    const m = manager({ source: () => source });
    m.start(bertQuant());
    await until(m, 'bert-q8', 'error');
    expect(m.snapshot().get('bert-q8')!.error).toBeInstanceOf(NetworkError);

    source = server.url;
    server.faults.status = 503;
    m.resume('bert-q8');
    await until(m, 'bert-q8', 'error');
    const error = m.snapshot().get('bert-q8')!.error as ModelSourceError;
    expect(error).toBeInstanceOf(ModelSourceError);
    expect(error.url).toBe(`${server.url}/${REPO}/resolve/main/config.json`);

    delete server.faults.status;
    m.resume('bert-q8');
    await until(m, 'bert-q8', 'done');
    expect(m.snapshot().get('bert-q8')!.error).toBeUndefined();
  });
});
