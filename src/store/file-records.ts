// Byte-level writes of the model store. Only file-writer.ts (the single ingest path shared by the
// downloader and the importer) calls these; each is one short transaction with no network inside.
import { StorageError, StorageQuotaError } from '../core/errors';
import type { IDBPTransaction } from 'idb';
import { chunkRange, type FileRecord, type ModelsDB, type ModelsDatabase } from './db';
import { errorName, readModelFile, removeAllModelFiles, removeModelFiles, type ModelFileWrites } from './model-files';

export class FileRecords {
  #usesFiles: Promise<boolean> | null = null;

  /** `writes`: the port that writes OPFS files (the page's store-writes worker); without one, new
   *  files are stored as IndexedDB chunks. */
  constructor(
    private readonly db: ModelsDatabase,
    private readonly writes: ModelFileWrites | null = null,
  ) {}

  get(key: string): Promise<FileRecord | undefined> {
    return this.db.get('files', key);
  }

  /** Whether new files go to OPFS (asked once: it may start the writing worker). */
  usesFiles(): Promise<boolean> {
    return (this.#usesFiles ??= this.writes ? this.writes.usable().catch(() => false) : Promise.resolve(false));
  }

  /** Writes `parts` at `offset` of the record's OPFS file, then stores the record that accounts for
   *  them. The bytes are written before the record says so: after a crash, the record's storedBytes
   *  and hash state still describe a prefix of the file (bytes past it are kept by a resume, see
   *  FileWriter.open). */
  async commitBytes(record: FileRecord, offset: number, parts: Uint8Array[]): Promise<void> {
    if (!this.writes) throw new StorageError('No writer for model files');
    try {
      await this.writes.writeAt(this.db.name, record.key, offset, parts);
    } catch (e) {
      // Said as the bytes the file still needs, as for IndexedDB chunks: the person frees that much.
      throw e instanceof StorageQuotaError ? new StorageQuotaError(record.expectedBytes - offset, null) : e;
    }
    // Relaxed: a record lost to a power cut only makes a resume start earlier in the file.
    await write(this.db, ['files'], 0, (tx) => [tx.objectStore('files').put(record)], 'relaxed');
  }

  /** Whether the bytes a resumable record counts are still there (an OPFS file can be lost alone). */
  async bytesPresent(record: FileRecord): Promise<boolean> {
    if (record.bytesIn !== 'opfs') return true;
    return ((await readModelFile(this.db.name, record.key))?.size ?? -1) >= record.storedBytes;
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

  /** Drops every stored byte of the file and stores `record` in its place (a restart or a completion). */
  async replace(record: FileRecord, dropBytes: boolean): Promise<void> {
    await write(this.db, ['files', 'chunks'], 0, (tx) => [
      ...(dropBytes ? [tx.objectStore('chunks').delete(chunkRange(record.key))] : []),
      tx.objectStore('files').put(record),
    ]);
    if (dropBytes) await this.removeBytes([record.key]);
  }

  /** The records go first: bytes no record counts are never read, whatever happens between. */
  async deleteFiles(keys: string[]): Promise<void> {
    await write(this.db, ['files', 'chunks'], 0, (tx) =>
      keys.flatMap((k) => [tx.objectStore('chunks').delete(chunkRange(k)), tx.objectStore('files').delete(k)]),
    );
    await this.removeBytes(keys);
  }

  /** Bytes of the record's OPFS file past what the record counts (up to the file's size), or null. */
  async unrecordedTail(record: FileRecord): Promise<Blob | null> {
    if (record.bytesIn !== 'opfs') return null;
    const file = await readModelFile(this.db.name, record.key);
    const end = Math.min(file?.size ?? 0, record.expectedBytes);
    return file && end > record.storedBytes ? file.slice(record.storedBytes, end) : null;
  }

  /** The writer is done with the file (finished, failed or paused): its handle may close. */
  async release(key: string): Promise<void> {
    await this.writes?.release(this.db.name, key);
  }

  /** Erase everything: every OPFS file of the store. */
  async removeAllBytes(): Promise<void> {
    await (this.writes ? this.writes.removeAll(this.db.name) : removeAllModelFiles(this.db.name));
  }

  private async removeBytes(keys: string[]): Promise<void> {
    await (this.writes ? this.writes.remove(this.db.name, keys) : removeModelFiles(this.db.name, keys));
  }

  /** The record's stored bytes as one Blob, read from disk lazily (shorter than storedBytes only when
   *  bytes vanished underneath: callers compare sizes). */
  async storedBlob(record: FileRecord): Promise<Blob> {
    if (record.bytesIn === 'opfs')
      return (await readModelFile(this.db.name, record.key))?.slice(0, record.storedBytes) ?? new Blob([]);
    return new Blob((await this.db.getAll('chunks', chunkRange(record.key))).map((c) => c.data));
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
  durability: IDBTransactionDurability = 'default',
): Promise<void> {
  const tx = db.transaction(stores, 'readwrite', { durability });
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

function storageError(cause: unknown, neededBytes: number): Error {
  const name = errorName(cause);
  // Quota failures reach us as a request error or as the transaction's abort error, by browser.
  if (name === 'QuotaExceededError') return new StorageQuotaError(neededBytes, null);
  // Rename transaction aborts: an 'AbortError' from IndexedDB must not look like the person's
  // pause (isAbort) to the downloader, which would then swallow a real storage failure.
  if (name === 'AbortError') return new StorageError('Saving to the model store failed (transaction aborted)', { cause });
  return cause instanceof Error ? cause : new Error(String(cause));
}
