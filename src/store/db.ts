// The 'hearth-models' IndexedDB schema. Compiles in both the page and worker bundles: it uses only
// indexedDB/IDBKeyRange (through idb), which both contexts have.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ErrorRecord } from '../core/error-record';
import type { ModelFile } from '../catalog/types';

export const MODELS_DB_NAME = 'hearth-models';
export const MODELS_DB_VERSION = 1;

/** How a stored file was checked: against the catalog hash, against a hash the server pinned
 *  (LFS X-Linked-Etag/ETag, used when the catalog has none), against the MD5 the model's own manifest
 *  gives (MLC shards), or not at all. */
export type Verification = 'catalog' | 'pinned' | 'manifest' | 'none';

export interface FileRecord {
  /** fileKey(repo, revision, path): one record per repo file, shared by every model that lists it. */
  key: string;
  repo: string;
  revision: string;
  path: string;
  expectedBytes: number;
  storedBytes: number;
  /** Where the bytes are: 'opfs', one file in the private file system (model-files.ts); absent, in
   *  IndexedDB as chunks numbered 0..chunkCount-1 under [key, index] (browsers without OPFS sync
   *  writes, and files stored before it was used). */
  bytesIn?: 'opfs';
  /** IndexedDB chunks only; 0 for OPFS files. */
  chunkCount: number;
  /** hash-wasm SHA-256 state after exactly `storedBytes`; written in the same transaction as the
   *  chunk it covers, so a resume after a reload continues hashing without re-reading bytes. */
  hashState: Uint8Array | null;
  /** The hash this file must end with when the catalog has none (pinned from the first response). */
  pinnedSha256: string | null;
  state: 'partial' | 'done';
  /** hash-wasm MD5 state after `storedBytes`, for files whose manifest gives an MD5 (absent otherwise). */
  md5State?: Uint8Array | null;
  /** Set when state is 'done'. */
  sha256: string | null;
  /** Set when state is 'done' and the file was checked against a manifest MD5. */
  md5?: string | null;
  verification: Verification | null;
  updatedAt: number;
  /** Set when a later read found the stored bytes no longer hash to `sha256` (see file-check.ts):
   *  the file is kept out of use until a repair downloads it again. */
  damaged?: { at: number; sha256: string } | null;
}

export interface ChunkRecord {
  // A Blob, not an ArrayBuffer: Chromium keeps IDB blobs on disk, and a Blob assembled from them
  // for the runtime is not copied into memory.
  data: Blob;
}

export interface ModelRecord {
  id: string;
  /** undefined: nothing requested (the record may only hold a licence acceptance). */
  state?: 'partial' | 'ready';
  licenceAcceptedAt: number | null;
  readyAt: number | null;
  /** The last failure, as a record that the UI turns back into its named error after a reload. */
  lastError: ErrorRecord | null;
  /** WebLLM builds: the whole file list, learned from the repo's tensor-cache.json at download
   *  time (the catalog lists only the fixed files). */
  files?: ModelFile[];
}

export interface ModelsDB extends DBSchema {
  files: { key: string; value: FileRecord };
  chunks: { key: [string, number]; value: ChunkRecord };
  models: { key: string; value: ModelRecord };
}

export type ModelsDatabase = IDBPDatabase<ModelsDB>;

export const fileKey = (repo: string, revision: string, path: string): string => `${repo}@${revision}/${path}`;

/** Every chunk of one file, in index order. */
export const chunkRange = (key: string): IDBKeyRange => IDBKeyRange.bound([key, 0], [key, Infinity]);

export function openModelsDB(name = MODELS_DB_NAME): Promise<ModelsDatabase> {
  return openDB<ModelsDB>(name, MODELS_DB_VERSION, {
    upgrade(db, oldVersion) {
      // Upgrade ladder: each step takes the previous version to the next; never edit a past step.
      if (oldVersion < 1) {
        db.createObjectStore('files', { keyPath: 'key' });
        db.createObjectStore('chunks');
        db.createObjectStore('models', { keyPath: 'id' });
      }
    },
    blocking(_current, _next, event) {
      // Another tab wants a newer schema: step aside instead of blocking its upgrade forever.
      (event.target as IDBDatabase | null)?.close();
    },
  });
}

export const newModelRecord = (id: string): ModelRecord => ({
  id,
  licenceAcceptedAt: null,
  readyAt: null,
  lastError: null,
});
