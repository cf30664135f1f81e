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

/** Commit size: big enough that IndexedDB overhead stays small (a 2 GB model is ~1000 chunks),
 *  small enough that a dropped connection loses at most this much of a mobile download. */
export const FLUSH_BYTES = 2 * 1024 * 1024;

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

const freshRecord = (t: FileTarget): FileRecord => ({
  key: fileKey(t.repo, t.revision, t.file.path),
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
  /** Set after a failed commit: the in-memory hash is then ahead of what was stored. */
  private broken: unknown = null;

  private constructor(
    private readonly store: ModelStore,
    readonly target: FileTarget,
    private record: FileRecord,
    private hash: ResumableSha256 | null,
    private readonly flushBytes: number,
    /** Only for files whose manifest gives an MD5 (MLC weight shards), hashed alongside the SHA-256. */
    private md5: ResumableHash | null = null,
  ) {}

  static async open(store: ModelStore, target: FileTarget, flushBytes = FLUSH_BYTES): Promise<FileWriter> {
    const stored = await store.records.get(fileKey(target.repo, target.revision, target.file.path));
    const record = currentRecord(stored, target.file);
    if (record?.state === 'done') return new FileWriter(store, target, record, null, flushBytes);
    const freshMd5 = () => (target.file.md5 ? createResumableMd5() : null);
    if (!record || record.storedBytes === 0) {
      const writer = new FileWriter(
        store,
        target,
        freshRecord(target),
        await createResumableSha256(),
        flushBytes,
        await freshMd5(),
      );
      if (stored) await writer.restart(); // stale bytes of another version of the file
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
      await hashBlobs(hash, await store.records.chunkBlobs(record.key));
      return hash;
    };
    const hash = await resume(createResumableSha256, record.hashState);
    const md5 = target.file.md5 ? await resume(createResumableMd5, record.md5State) : null;
    return new FileWriter(store, target, record, hash, flushBytes, md5);
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
  /** Bytes received, committed or still buffered. */
  get receivedBytes(): number {
    return this.record.storedBytes + this.pendingBytes;
  }

  /** True when the server now pins another hash than the one the stored bytes were fetched under. */
  pinConflicts(sha256: string | null): boolean {
    return sha256 !== null && this.record.pinnedSha256 !== null && this.record.pinnedSha256 !== sha256;
  }

  /** Remembers the server's hash (persisted with the next commit) when the catalog has none. */
  pin(sha256: string | null): void {
    if (this.target.file.sha256 === null && sha256 !== null) this.record = { ...this.record, pinnedSha256: sha256 };
  }

  /** Drops every stored byte of the file and starts hashing afresh. */
  async restart(): Promise<void> {
    this.pending = [];
    this.pendingBytes = 0;
    this.broken = null;
    this.record = freshRecord(this.target);
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
    this.pending.push(bytes);
    this.pendingBytes += bytes.byteLength;
    if (this.pendingBytes >= this.flushBytes) await this.flush();
  }

  /** Commits buffered bytes as one chunk, with the hash state covering them, in one transaction. */
  async flush(): Promise<void> {
    if (this.broken) throw this.broken;
    if (this.pendingBytes === 0 || !this.hash) return;
    for (const part of this.pending) {
      this.hash.update(part);
      this.md5?.update(part);
    }
    const next: FileRecord = {
      ...this.record,
      storedBytes: this.record.storedBytes + this.pendingBytes,
      chunkCount: this.record.chunkCount + 1,
      hashState: this.hash.save(),
      md5State: this.md5?.save() ?? null,
      updatedAt: Date.now(),
    };
    try {
      // Stream reads are ArrayBuffer-backed; the cast only tells TS they are not SharedArrayBuffer views.
      await this.store.records.commitChunk(next, this.record.chunkCount, new Blob(this.pending as BlobPart[]));
    } catch (e) {
      this.broken = e;
      throw e;
    }
    this.record = next;
    this.pending = [];
    this.pendingBytes = 0;
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
    await this.store.records.replace(this.record, false);
    return verification;
  }

  private async discard(): Promise<void> {
    this.pending = [];
    this.pendingBytes = 0;
    this.hash = null;
    this.md5 = null;
    this.broken = new StorageError(`${this.name} was discarded`);
    await this.store.records.deleteFiles([this.record.key]);
    this.record = freshRecord(this.target);
  }
}
