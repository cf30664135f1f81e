// The one code path that writes model bytes: network bodies (downloader) and picked files
// (importer) both stream through a FileWriter, which buffers, commits chunks with the hash state,
// and verifies at the end. Two writers must never target the same file at once (the download
// manager and the importer go through one store per page).
import { IntegrityError, StorageError } from '../core/errors';
import type { ModelFile } from '../catalog/types';
import { fileKey, type FileRecord, type Verification } from './db';
import { createResumableSha256, hashBlobs, type ResumableSha256 } from './hasher';
import { currentRecord } from './model-status';
import type { ModelStore } from './model-store';
import { createResumableMd5, type ResumableHash } from './webllm-md5';

/** Commit size for IndexedDB chunks: big enough that IndexedDB overhead stays small (a 2 GB model is
 *  ~1000 commits). A dropped connection or a pause loses nothing received: the bytes held are
 *  committed first; a closed tab loses at most the commit in flight and the bytes held. */
export const FLUSH_BYTES = 2 * 1024 * 1024;

/** Commit size for OPFS files: each commit is a round trip to the store-writes worker, which on
 *  2 loaded cores cost as much as writing the bytes; 8 MiB commits took a 512 MiB download from
 *  0.38x to 0.56x the raw network read (2 MiB: 0.43x/0.38x, 8 MiB: 0.45x/0.56x on 56/537 MB). */
export const FILE_FLUSH_BYTES = 8 * 1024 * 1024;

/** On a slow link 8 MiB is many seconds of download: OPFS commits also happen once bytes have been
 *  held this long, so a closed tab loses about a second of download, whatever the speed. */
export const FILE_FLUSH_MS = 1000;

/** Bytes per stored Blob: a commit is split into records of this size. Chromium copies a small Blob
 *  to the browser process inline, a big one through shared memory, which was slower here (Blob
 *  creation alone: 2 MiB 15-17 MB/s, 128 KiB 41-67 MB/s on the loaded 2-core machine; a 55.6 MB
 *  download through the app 6.2 s median against 7.2 s with 2 MiB Blobs). */
export const BLOB_BYTES = 128 * 1024;

/** `parts` regrouped into Blobs of at most `size` bytes, in order; views are sliced, not copied. */
export function blobsOf(parts: Uint8Array[], size = BLOB_BYTES): Blob[] {
  const blobs: Blob[] = [];
  let group: Uint8Array[] = [];
  let filled = 0;
  for (let part of parts) {
    while (part.byteLength > 0) {
      const take = Math.min(size - filled, part.byteLength);
      group.push(part.subarray(0, take));
      filled += take;
      part = part.subarray(take);
      if (filled === size) {
        // Stream reads are ArrayBuffer-backed; the cast only tells TS they are not SharedArrayBuffer views.
        blobs.push(new Blob(group as BlobPart[]));
        group = [];
        filled = 0;
      }
    }
  }
  if (filled > 0) blobs.push(new Blob(group as BlobPart[]));
  return blobs;
}

export interface FileTarget {
  repo: string;
  revision: string;
  file: ModelFile;
}

/** An IntegrityError worded for size (its built-in message speaks of SHA-256). `atLeast`: the
 *  stream was cut off at the first byte too many, so the real size is unknown. */
export function sizeError(name: string, expectedBytes: number, actualBytes: number, atLeast = false): IntegrityError {
  const e = new IntegrityError(name, `${expectedBytes} bytes`, `${actualBytes} bytes`);
  e.message = `${name} has the wrong size: expected ${expectedBytes} bytes, got ${atLeast ? 'at least ' : ''}${actualBytes}`;
  return e;
}

const freshRecord = (t: FileTarget, inFiles: boolean): FileRecord => ({
  key: fileKey(t.repo, t.revision, t.file.path),
  ...(inFiles ? { bytesIn: 'opfs' as const } : {}),
  repo: t.repo,
  revision: t.revision,
  path: t.file.path,
  expectedBytes: t.file.bytes,
  storedBytes: 0,
  chunkCount: 0,
  hashState: null,
  md5State: null,
  pinnedSha256: null,
  state: 'partial',
  sha256: null,
  verification: null,
  updatedAt: Date.now(),
});

export class FileWriter {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /** When the first byte held now arrived (performance.now()). */
  private pendingSince = 0;
  /** Set after a failed commit: the in-memory hash is then ahead of what was stored. */
  private broken: unknown = null;
  /** The record as it will be once every cut chunk is committed (this.record is what is on disk). */
  private tip: FileRecord;
  /** The one commit allowed in flight: the network keeps filling the next chunk while IndexedDB
   *  writes this one, so a commit costs no read time; waiting for it before cutting the next bounds
   *  memory to two chunks. Never rejects: a failure is kept in `broken`. */
  private inFlight: Promise<void> | null = null;

  private constructor(
    private readonly store: ModelStore,
    readonly target: FileTarget,
    private record: FileRecord,
    private hash: ResumableSha256 | null,
    /** null: by where the bytes go (FLUSH_BYTES or FILE_FLUSH_BYTES). */
    private readonly flushBytes: number | null,
    /** Only for files whose manifest gives an MD5 (MLC weight shards), hashed alongside the SHA-256. */
    private md5: ResumableHash | null = null,
  ) {
    this.tip = record;
  }

  static async open(store: ModelStore, target: FileTarget, flushBytes: number | null = null): Promise<FileWriter> {
    const stored = await store.records.get(fileKey(target.repo, target.revision, target.file.path));
    const record = currentRecord(stored, target.file);
    if (record?.state === 'done') return new FileWriter(store, target, record, null, flushBytes);
    const freshMd5 = () => (target.file.md5 ? createResumableMd5() : null);
    if (!record || record.storedBytes === 0 || !(await store.records.bytesPresent(record))) {
      const writer = new FileWriter(
        store,
        target,
        freshRecord(target, await store.records.usesFiles()),
        await createResumableSha256(),
        flushBytes,
        await freshMd5(),
      );
      if (stored) await writer.restart(); // stale or lost bytes, or another version of the file
      return writer;
    }
    // A saved state from another hash-wasm build (after an app update), or none (the MD5 of a file
    // begun before its manifest was known): re-read the stored bytes once.
    const resume = async <H extends ResumableHash>(
      create: (s?: Uint8Array | null) => Promise<H>,
      state: Uint8Array | null | undefined,
    ) => {
      try {
        if (state) return await create(state);
      } catch {
        // fall through to re-hashing
      }
      const hash = await create();
      await hashBlobs(hash, [await store.records.storedBlob(record)]);
      return hash;
    };
    const hash = await resume(createResumableSha256, record.hashState);
    const md5 = target.file.md5 ? await resume(createResumableMd5, record.md5State) : null;
    const tail = await store.records.unrecordedTail(record);
    if (!tail) return new FileWriter(store, target, record, hash, flushBytes, md5);
    // Bytes the worker wrote after the last record (the tab closed with a commit in flight): written
    // in order, so they continue the stream the hash state stops at. Kept, not fetched again; a
    // power cut that tore them fails the file's SHA-256 at the end like any other bad byte.
    await hashBlobs(hash, [tail]);
    if (md5) await hashBlobs(md5, [tail]);
    const recovered: FileRecord = {
      ...record,
      storedBytes: record.storedBytes + tail.size,
      hashState: hash.save(),
      md5State: md5?.save() ?? null,
      updatedAt: Date.now(),
    };
    await store.records.replace(recovered, false);
    return new FileWriter(store, target, recovered, hash, flushBytes, md5);
  }

  get name(): string {
    return `${this.target.repo}/${this.target.file.path}`;
  }
  get done(): boolean {
    return this.record.state === 'done';
  }
  /** Bytes committed to disk. */
  get storedBytes(): number {
    return this.record.storedBytes;
  }
  /** Bytes received, committed, being committed or still buffered. */
  get receivedBytes(): number {
    return this.tip.storedBytes + this.pendingBytes;
  }

  /** True when the server now pins another hash than the one the stored bytes were fetched under. */
  pinConflicts(sha256: string | null): boolean {
    return sha256 !== null && this.record.pinnedSha256 !== null && this.record.pinnedSha256 !== sha256;
  }

  /** Remembers the server's hash (persisted with the next commit) when the catalog has none. */
  pin(sha256: string | null): void {
    if (this.target.file.sha256 === null && sha256 !== null) {
      this.record = { ...this.record, pinnedSha256: sha256 };
      this.tip = { ...this.tip, pinnedSha256: sha256 };
    }
  }

  /** Drops every stored byte of the file and starts hashing afresh. */
  async restart(): Promise<void> {
    await this.settle();
    this.pending = [];
    this.pendingBytes = 0;
    this.broken = null;
    this.record = freshRecord(this.target, await this.store.records.usesFiles());
    this.tip = this.record;
    this.hash = await createResumableSha256();
    this.md5 = this.target.file.md5 ? await createResumableMd5() : null;
    await this.store.records.replace(this.record, true);
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.broken) throw this.broken;
    const received = this.receivedBytes + bytes.byteLength;
    if (received > this.target.file.bytes) {
      await this.discard();
      throw sizeError(this.name, this.target.file.bytes, received, true);
    }
    // Hashed as it arrives, so the work is spread over the reads instead of stalling one of them.
    this.hash?.update(bytes);
    this.md5?.update(bytes);
    if (this.pendingBytes === 0) this.pendingSince = performance.now();
    this.pending.push(bytes);
    this.pendingBytes += bytes.byteLength;
    if (this.pendingBytes >= this.flushAt() || (this.inFiles() && performance.now() - this.pendingSince >= FILE_FLUSH_MS))
      await this.cut();
  }

  private inFiles(): boolean {
    return this.tip.bytesIn === 'opfs';
  }

  private flushAt(): number {
    return this.flushBytes ?? (this.inFiles() ? FILE_FLUSH_BYTES : FLUSH_BYTES);
  }

  /** Commits everything buffered and waits until it is on disk. */
  async flush(): Promise<void> {
    if (this.broken) throw this.broken;
    await this.cut();
    await this.settle();
    if (this.broken) throw this.broken;
  }

  /** Turns the buffered bytes into the next chunk, with the hash state covering them, and starts
   *  committing it in one transaction once the previous commit is done. Does not wait for it. */
  private async cut(): Promise<void> {
    if (this.pendingBytes === 0 || !this.hash) return;
    const parts = this.pending;
    const data = this.tip.bytesIn === 'opfs' ? null : blobsOf(parts);
    const offset = this.tip.storedBytes;
    const next: FileRecord = {
      ...this.tip,
      storedBytes: this.tip.storedBytes + this.pendingBytes,
      chunkCount: this.tip.chunkCount + (data?.length ?? 0),
      hashState: this.hash.save(),
      md5State: this.md5?.save() ?? null,
      updatedAt: Date.now(),
    };
    this.pending = [];
    this.pendingBytes = 0;
    await this.settle();
    if (this.broken) throw this.broken;
    this.tip = next;
    const commit = data
      ? this.store.records.commitChunks(next, next.chunkCount - data.length, data)
      : this.store.records.commitBytes(next, offset, parts);
    this.inFlight = commit.then(
      () => {
        if (this.tip.chunkCount >= next.chunkCount) this.record = next;
      },
      (e: unknown) => {
        this.broken = e;
      },
    );
  }

  /** Waits for the commit in flight, if any. */
  private async settle(): Promise<void> {
    while (this.inFlight) {
      const current = this.inFlight;
      await current;
      if (this.inFlight === current) this.inFlight = null;
    }
  }

  /** Checks size and hash; on success the file is 'done', on a mismatch its bytes are deleted. */
  async finish(): Promise<Verification> {
    if (this.done) return this.record.verification ?? 'none';
    await this.flush();
    const { bytes, sha256 } = this.target.file;
    if (this.record.storedBytes !== bytes) {
      const stored = this.record.storedBytes;
      await this.discard();
      throw sizeError(this.name, bytes, stored);
    }
    const actual = this.hash!.digestHex();
    const expected = sha256 ?? this.record.pinnedSha256;
    if (expected !== null && actual !== expected) {
      await this.discard();
      throw new IntegrityError(this.name, expected, actual);
    }
    const md5 = this.md5?.digestHex() ?? null;
    const expectedMd5 = this.target.file.md5 ?? null;
    if (expectedMd5 !== null && md5 !== expectedMd5) {
      await this.discard();
      const e = new IntegrityError(this.name, expectedMd5, md5 ?? '');
      e.message = `${this.name} failed its MD5 check (expected ${expectedMd5.slice(0, 12)}…, got ${(md5 ?? '').slice(0, 12)}…)`;
      throw e;
    }
    const verification: Verification = sha256 ? 'catalog' : expected ? 'pinned' : expectedMd5 ? 'manifest' : 'none';
    this.record = {
      ...this.record,
      state: 'done',
      sha256: actual,
      md5,
      verification,
      hashState: null,
      md5State: null,
      updatedAt: Date.now(),
    };
    this.tip = this.record;
    await this.store.records.replace(this.record, false);
    return verification;
  }

  /** Done with the file, whatever happened: waits for the commit in flight and lets its handle go
   *  (an OPFS file is locked while open). Never throws: the outcome was already reported. */
  async close(): Promise<void> {
    await this.settle();
    await this.store.records.release(this.record.key).catch(() => {});
  }

  private async discard(): Promise<void> {
    await this.settle();
    this.pending = [];
    this.pendingBytes = 0;
    this.hash = null;
    this.md5 = null;
    this.broken = new StorageError(`${this.name} was discarded`);
    await this.store.records.deleteFiles([this.record.key]);
    this.record = freshRecord(this.target, this.record.bytesIn === 'opfs');
    this.tip = this.record;
  }
}
