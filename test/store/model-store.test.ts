import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IntegrityError, ModelNotStoredError, StorageQuotaError } from '../../src/core/errors';
import type { ModelEntry } from '../../src/catalog/types';
import { fileKey } from '../../src/store/db';
import { BLOB_BYTES, blobsOf, FileWriter } from '../../src/store/file-writer';
import { pipeInto } from '../../src/store/ingest';
import { ModelStore } from '../../src/store/model-store';
import {
  bertFull,
  bertQuant,
  blobSha256,
  bytesOf,
  freshDbName,
  MODEL_ONNX_SHA256,
  REPO,
  sha256,
} from '../support/fixture-models';

const MiB = 1024 * 1024;
const open: ModelStore[] = [];
const openStore = async (name = freshDbName()) => {
  const store = await ModelStore.open(name);
  open.push(store);
  return store;
};
afterEach(() => {
  vi.restoreAllMocks();
  open.splice(0).forEach((s) => s.close());
});

const target = (model: ModelEntry, i: number) => ({ repo: model.repo, revision: 'main', file: model.files[i]! });

/** Stores every file through the one ingest path, then marks the model ready. */
async function storeModel(store: ModelStore, model: ModelEntry): Promise<void> {
  for (let i = 0; i < model.files.length; i++) {
    const writer = await FileWriter.open(store, target(model, i), MiB);
    if (writer.done) continue;
    await pipeInto(writer, new Blob([bytesOf(model.files[i]!.path)]).stream());
    await writer.finish();
  }
  expect(await store.markReady(model)).toBe(true);
}

describe('ModelStore basics', () => {
  it('reports absent models and refuses to read what it does not hold', async () => {
    const store = await openStore();
    const model = bertFull();
    expect(await store.status(model)).toEqual({ state: 'absent', storedBytes: 0, totalBytes: 513 + 466081 + 4036814 });
    const all = await store.statuses([model, bertQuant()]);
    expect([...all.values()].map((s) => s.state)).toEqual(['absent', 'absent']);
    await expect(store.readFile(REPO, 'onnx/model.onnx')).rejects.toBeInstanceOf(ModelNotStoredError);
    expect(await store.hasFile(REPO, 'onnx/model.onnx')).toBe(false);
  });

  it('hands back exactly the verified bytes, assembled from several chunks', async () => {
    const store = await openStore();
    const model = bertFull();
    await storeModel(store, model);
    const status = await store.status(model);
    expect(status).toEqual({ state: 'ready', storedBytes: 4503408, totalBytes: 4503408 });
    const blob = await store.readFile(REPO, 'onnx/model.onnx');
    expect(blob.size).toBe(4036814);
    expect(await blobSha256(blob)).toBe(MODEL_ONNX_SHA256);
    expect(await store.hasFile(REPO, 'config.json', 'main')).toBe(true);
    expect(await store.hasFile(REPO, 'config.json', 'other-revision')).toBe(false);
    expect(await store.modelBytesStored()).toBe(4503408);
  });

  it('never marks a half model ready, and demotes a ready model whose file vanished', async () => {
    const store = await openStore();
    const model = bertFull();
    const writer = await FileWriter.open(store, target(model, 0));
    await pipeInto(writer, new Blob([bytesOf('config.json')]).stream());
    await writer.finish();
    expect(await store.markReady(model)).toBe(false);
    expect((await store.status(model)).state).toBe('absent');

    await storeModel(store, model);
    await store.records.deleteFiles([fileKey(REPO, 'main', 'tokenizer.json')]);
    const status = await store.status(model);
    expect(status.state).toBe('partial');
    expect(status.storedBytes).toBe(513 + 4036814);
  });

  it('keeps a licence acceptance across reopening and across deleting the model', async () => {
    const name = freshDbName();
    let store = await openStore(name);
    const model = bertFull();
    expect(await store.licenceAccepted(model.id)).toBe(false);
    await store.acceptLicence(model.id);
    store.close();
    store = await openStore(name);
    expect(await store.licenceAccepted(model.id)).toBe(true);
    await storeModel(store, model);
    await store.deleteModel(model, [model]);
    expect(await store.licenceAccepted(model.id)).toBe(true);
    expect((await store.status(model)).state).toBe('absent');
  });

  it('shares one copy of a repo file between models and keeps it while another model needs it', async () => {
    const store = await openStore();
    const full = bertFull();
    const quant = bertQuant();
    await storeModel(store, full);
    await storeModel(store, quant);
    // config.json + tokenizer.json once, plus both weight files
    expect(await store.modelBytesStored()).toBe(513 + 466081 + 4036814 + 1106989);

    await store.deleteModel(full, [full, quant]);
    expect((await store.status(full)).state).toBe('absent');
    expect((await store.status(quant)).state).toBe('ready');
    expect(await blobSha256(await store.readFile(REPO, 'tokenizer.json'))).toBe(sha256(bytesOf('tokenizer.json')));
    await expect(store.readFile(REPO, 'onnx/model.onnx')).rejects.toBeInstanceOf(ModelNotStoredError);
    expect(await store.modelBytesStored()).toBe(513 + 466081 + 1106989);

    await store.deleteModel(quant, [full, quant]);
    expect(await store.modelBytesStored()).toBe(0);
    await expect(store.readFile(REPO, 'config.json')).rejects.toBeInstanceOf(ModelNotStoredError);
  });

  it('erases everything', async () => {
    const store = await openStore();
    await storeModel(store, bertQuant());
    await store.acceptLicence('bert-q8');
    await store.eraseAll();
    expect(await store.modelBytesStored()).toBe(0);
    expect(await store.licenceAccepted('bert-q8')).toBe(false);
    expect((await store.status(bertQuant())).state).toBe('absent');
  });

  it('ignores a stored file once the catalog describes another version of it', async () => {
    const store = await openStore();
    const model = bertQuant();
    await storeModel(store, model);
    const changed = { ...model, files: model.files.map((f, i) => (i === 0 ? { ...f, sha256: 'f'.repeat(64) } : f)) };
    const status = await store.status(changed);
    expect(status.state).toBe('partial');
    expect(status.storedBytes).toBe(466081 + 1106989);
  });
});

describe('blobsOf', () => {
  it('regroups uneven reads into Blobs of the set size, in order, the last one short', async () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
    const reads = [bytes.subarray(0, 7), bytes.subarray(7, 300), bytes.subarray(300, 301), bytes.subarray(301)];
    const blobs = blobsOf(reads, 128);
    expect(blobs.map((b) => b.size)).toEqual([128, 128, 128, 128, 128, 128, 128, 104]);
    expect(new Uint8Array(await new Blob(blobs).arrayBuffer())).toEqual(bytes);
    expect(blobsOf([], 128)).toEqual([]);
  });
});

describe('FileWriter (the one ingest path)', () => {
  it('resumes hashing from the saved state after a reload, without re-reading stored bytes', async () => {
    const name = freshDbName();
    let store = await openStore(name);
    const model = bertFull();
    const bytes = bytesOf('onnx/model.onnx');
    const first = await FileWriter.open(store, target(model, 2), MiB);
    await first.write(bytes.subarray(0, 1_500_000)); // one 1 MiB chunk committed, the rest buffered
    await first.flush();
    expect(first.storedBytes).toBe(1_500_000);
    store.close();

    store = await openStore(name);
    const reread = vi.spyOn(store.records, 'storedBlob');
    const second = await FileWriter.open(store, target(model, 2), MiB);
    expect(second.storedBytes).toBe(1_500_000);
    await pipeInto(second, new Blob([bytes.subarray(1_500_000)]).stream());
    expect(await second.finish()).toBe('catalog');
    expect(reread).not.toHaveBeenCalled();
    expect(await blobSha256(await store.readFile(REPO, 'onnx/model.onnx'))).toBe(MODEL_ONNX_SHA256);
  });

  it('reads on while a chunk commits, with at most one commit in flight', async () => {
    const store = await openStore();
    const model = bertFull();
    const bytes = bytesOf('onnx/model.onnx');
    const commit = store.records.commitChunks.bind(store.records);
    const gates: Array<() => void> = [];
    vi.spyOn(store.records, 'commitChunks').mockImplementation(async (...args) => {
      await new Promise<void>((open) => gates.push(open));
      return commit(...args);
    });
    const writer = await FileWriter.open(store, target(model, 2), MiB);
    await writer.write(bytes.subarray(0, MiB)); // cut and handed to IndexedDB, not waited for
    expect(gates.length).toBe(1);
    expect(writer.storedBytes).toBe(0);
    expect(writer.receivedBytes).toBe(MiB);
    let second = false;
    const writing = writer.write(bytes.subarray(MiB, 2 * MiB)).then(() => (second = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(second).toBe(false); // the second chunk waits for the first: memory stays at two chunks
    gates.shift()!();
    await writing;
    expect(writer.storedBytes).toBe(MiB);
    const flushing = writer.flush();
    await vi.waitFor(() => expect(gates.length).toBe(1));
    gates.shift()!();
    await flushing;
    expect(writer.storedBytes).toBe(2 * MiB);
    expect((await store.records.get(fileKey(REPO, 'main', 'onnx/model.onnx')))!.chunkCount).toBe((2 * MiB) / BLOB_BYTES);
  });

  it('re-hashes the stored chunks when the saved state is unusable', async () => {
    const store = await openStore();
    const model = bertFull();
    const bytes = bytesOf('onnx/model.onnx');
    const first = await FileWriter.open(store, target(model, 2), MiB);
    await first.write(bytes.subarray(0, 2_000_000));
    await first.flush();
    const key = fileKey(REPO, 'main', 'onnx/model.onnx');
    const record = (await store.records.get(key))!;
    await store.records.replace({ ...record, hashState: new Uint8Array([9, 9, 9]) }, false);

    const reread = vi.spyOn(store.records, 'storedBlob');
    const second = await FileWriter.open(store, target(model, 2), MiB);
    expect(reread).toHaveBeenCalledOnce();
    await pipeInto(second, new Blob([bytes.subarray(2_000_000)]).stream());
    expect(await second.finish()).toBe('catalog');
  });

  it('deletes the file and names it when the hash does not match', async () => {
    const store = await openStore();
    const model = bertFull();
    const bad = bytesOf('config.json').slice();
    bad[100]! ^= 1;
    const writer = await FileWriter.open(store, target(model, 0));
    await pipeInto(writer, new Blob([bad]).stream());
    const error = await writer.finish().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as Error).message).toContain(`${REPO}/config.json failed its SHA-256 check`);
    expect(await store.records.get(fileKey(REPO, 'main', 'config.json'))).toBeUndefined();
    expect(await store.modelBytesStored()).toBe(0);
  });

  it('refuses more bytes than the catalog size and drops what it had', async () => {
    const store = await openStore();
    const model = bertFull();
    const writer = await FileWriter.open(store, target(model, 0), 100);
    const tooLong = new Uint8Array(600);
    const error = await pipeInto(writer, new Blob([tooLong]).stream()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as Error).message).toMatch(/config\.json has the wrong size: expected 513 bytes, got at least 600/);
    expect(await store.modelBytesStored()).toBe(0);
  });

  it('turns a QuotaExceededError thrown by a write into StorageQuotaError, committing nothing half', async () => {
    const store = await openStore();
    const model = bertFull();
    const bytes = bytesOf('onnx/model.onnx');
    const writer = await FileWriter.open(store, target(model, 2), MiB);
    await writer.write(bytes.subarray(0, MiB)); // first chunk commits
    await writer.flush();
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'chunks') throw new DOMException('disk full', 'QuotaExceededError');
      return put.apply(this, args);
    });
    // The chunk's commit runs while the next bytes arrive: its failure surfaces at the next write or flush.
    await writer.write(bytes.subarray(MiB, 2 * MiB));
    const error = await writer.flush().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageQuotaError);
    expect((error as StorageQuotaError).neededBytes).toBe(4036814 - MiB);
    const record = (await store.records.get(fileKey(REPO, 'main', 'onnx/model.onnx')))!;
    expect(record.storedBytes).toBe(MiB);
    expect(record.chunkCount).toBe(MiB / BLOB_BYTES);
    expect((await store.records.storedBlob(record)).size).toBe(MiB);
    await expect(writer.flush()).rejects.toBeInstanceOf(StorageQuotaError); // the writer stays broken
  });

  it('recognises quota failures that only show as the transaction aborting', async () => {
    const store = await openStore();
    const model = bertFull();
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      const request = put.apply(this, args);
      if (this.name === 'chunks') {
        // Chromium's pattern: requests fail with AbortError, the transaction carries the quota error.
        const tx = this.transaction as unknown as { _abort(name: string): void };
        queueMicrotask(() => tx._abort('QuotaExceededError'));
      }
      return request;
    });
    const writer = await FileWriter.open(store, target(model, 0));
    await writer.write(bytesOf('config.json'));
    await expect(writer.flush()).rejects.toBeInstanceOf(StorageQuotaError);
    vi.restoreAllMocks();
    expect(await store.records.get(fileKey(REPO, 'main', 'config.json'))).toBeUndefined();
  });
});
