// Chunk-level writes of the model store. Only file-writer.ts (the single ingest path shared by the
// downloader and the importer) calls these; each is one short transaction with no network inside.
import { StorageError, StorageQuotaError } from '../core/errors';
import type { IDBPTransaction } from 'idb';
import { chunkRange, type FileRecord, type ModelsDB, type ModelsDatabase } from './db';

export class FileRecords {
  constructor(private readonly db: ModelsDatabase) {}

  get(key: string): Promise<FileRecord | undefined> {
    return this.db.get('files', key);
  }

  /** Stores `data` as chunks `first`, `first + 1`, … and the record that accounts for them (sizes,
   *  hash state) atomically: after a crash either all are there or none is. */
  commitChunks(record: FileRecord, first: number, data: Blob[]): Promise<void> {
    const size = data.reduce((sum, b) => sum + b.size, 0);
    return write(this.db, ['files', 'chunks'], record.expectedBytes - record.storedBytes + size, (tx) => [
      // A put that throws at once must not leave the requests made before it unwatched.
      ...data.map((blob, i) => attempt(() => tx.objectStore('chunks').put({ data: blob }, [record.key, first + i]))),
      tx.objectStore('files').put(record),
    ]);
  }

  /** Drops every chunk of the file and stores `record` in its place (a restart or a completion). */
  replace(record: FileRecord, dropChunks: boolean): Promise<void> {
    return write(this.db, ['files', 'chunks'], 0, (tx) => [
      ...(dropChunks ? [tx.objectStore('chunks').delete(chunkRange(record.key))] : []),
      tx.objectStore('files').put(record),
    ]);
  }

  deleteFiles(keys: string[]): Promise<void> {
    return write(this.db, ['files', 'chunks'], 0, (tx) =>
      keys.flatMap((k) => [tx.objectStore('chunks').delete(chunkRange(k)), tx.objectStore('files').delete(k)]),
    );
  }

  /** The stored chunks in order, only for re-hashing when a saved hash state cannot be loaded. */
  async chunkBlobs(key: string): Promise<Blob[]> {
    return (await this.db.getAll('chunks', chunkRange(key))).map((c) => c.data);
  }
}

function attempt<T>(request: () => Promise<T>): Promise<T> {
  try {
    return request();
  } catch (e) {
    return Promise.reject(e);
  }
}

type WriteTx = IDBPTransaction<ModelsDB, Array<'files' | 'chunks'>, 'readwrite'>;

async function write(
  db: ModelsDatabase,
  stores: Array<'files' | 'chunks'>,
  neededBytes: number,
  ops: (tx: WriteTx) => Array<Promise<unknown>>,
): Promise<void> {
  const tx = db.transaction(stores, 'readwrite');
  // tx.done rejects as well as the failing request; watch it from the start so neither rejection
  // goes unhandled.
  const done = tx.done.then(
    () => null,
    (e: unknown) => e,
  );
  let failure: unknown = null;
  try {
    await Promise.all(ops(tx));
  } catch (e) {
    failure = e;
    try {
      tx.abort();
    } catch {
      // already finished or aborting
    }
  }
  const txError = await done;
  // Prefer the request's own error: after our abort() the transaction only says 'AbortError'.
  // A quota error wins from either side, since some browsers report it only on the transaction.
  const causes = [failure, txError].filter((e) => e !== null);
  const cause = causes.find((e) => errorName(e) === 'QuotaExceededError') ?? causes[0];
  if (cause !== undefined) throw storageError(cause, neededBytes);
}

const errorName = (e: unknown): string =>
  typeof e === 'object' && e !== null && 'name' in e ? String((e as { name: unknown }).name) : '';

function storageError(cause: unknown, neededBytes: number): Error {
  const name = errorName(cause);
  // Quota failures reach us as a request error or as the transaction's abort error, by browser.
  if (name === 'QuotaExceededError') return new StorageQuotaError(neededBytes, null);
  // Rename transaction aborts: an 'AbortError' from IndexedDB must not look like the person's
  // pause (isAbort) to the downloader, which would then swallow a real storage failure.
  if (name === 'AbortError') return new StorageError('Saving to the model store failed (transaction aborted)', { cause });
  return cause instanceof Error ? cause : new Error(String(cause));
}
