import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { StoredFileDamagedError } from '../../src/core/errors';
import type { ModelEntry } from '../../src/catalog/types';
import { fileKey, openModelsDB } from '../../src/store/db';
import { FileWriter } from '../../src/store/file-writer';
import { pipeInto } from '../../src/store/ingest';
import { ModelStore } from '../../src/store/model-store';
import { bertFull, blobSha256, bytesOf, freshDbName, MODEL_ONNX_SHA256, REPO } from '../support/fixture-models';

const MiB = 1024 * 1024;
const open: ModelStore[] = [];
afterEach(() => open.splice(0).forEach((s) => s.close()));

async function storedModel(): Promise<{ store: ModelStore; model: ModelEntry; dbName: string }> {
  const dbName = freshDbName();
  const store = await ModelStore.open(dbName);
  open.push(store);
  const model = bertFull();
  for (const file of model.files) {
    const writer = await FileWriter.open(store, { repo: model.repo, revision: 'main', file }, MiB);
    await pipeInto(writer, new Blob([bytesOf(file.path)]).stream());
    await writer.finish();
  }
  expect(await store.markReady(model)).toBe(true);
  return { store, model, dbName };
}

/** Inverts one byte of one stored chunk, straight in IndexedDB (what a disk error would do). */
async function flipByte(dbName: string, path: string, chunk: number, offset: number): Promise<void> {
  const db = await openModelsDB(dbName);
  const key: [string, number] = [fileKey(REPO, 'main', path), chunk];
  const bytes = new Uint8Array(await (await db.get('chunks', key))!.data.arrayBuffer());
  bytes[offset] = bytes[offset]! ^ 0xff;
  await db.put('chunks', { data: new Blob([bytes]) }, key);
  db.close();
}

describe('stored files checked again when read', () => {
  it('a flipped byte is found on read, named, and keeps the model from being ready', async () => {
    const { store, model, dbName } = await storedModel();
    await flipByte(dbName, 'onnx/model.onnx', 22, 116_416); // byte 3,000,000 (128 KiB chunks): deep in the weights, no format error would show it
    const failure = await store.readFile(REPO, 'onnx/model.onnx').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StoredFileDamagedError);
    expect((failure as StoredFileDamagedError).path).toBe('onnx/model.onnx');
    expect((failure as Error).message).toContain('onnx/model.onnx');
    const status = await store.status(model);
    expect(status.state).toBe('partial');
    expect(status.damagedFiles).toEqual(['onnx/model.onnx']);
    expect(await store.hasFile(REPO, 'onnx/model.onnx')).toBe(false);
    // The other files still read.
    expect(await blobSha256(await store.readFile(REPO, 'config.json'))).toHaveLength(64);
  });

  it('"Check files" finds the same damage; discarding drops only the damaged file', async () => {
    const { store, model, dbName } = await storedModel();
    expect(await store.checkFiles(model)).toEqual([]);
    await flipByte(dbName, 'tokenizer.json', 0, 10);
    expect(await store.checkFiles(model)).toEqual(['tokenizer.json']);
    expect(await store.discardDamaged(model)).toEqual(['tokenizer.json']);
    expect(await store.hasFile(REPO, 'tokenizer.json')).toBe(false);
    expect(await blobSha256(await store.readFile(REPO, 'onnx/model.onnx'))).toBe(MODEL_ONNX_SHA256);
    expect((await store.status(model)).damagedFiles).toBeUndefined();
  });
});
