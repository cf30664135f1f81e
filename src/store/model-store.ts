// The verified model store: what is on disk, what is ready, and the only way runtimes read weights.
// Part of both the page and the worker bundles (it uses nothing beyond IndexedDB and Blob).
import { ModelNotStoredError } from '../core/errors';
import type { ModelEntry } from '../catalog/types';
import { fileKey, MODELS_DB_NAME, newModelRecord, openModelsDB, type ModelRecord, type ModelsDatabase } from './db';
import { computeStatus, modelFileKeys, type ModelStatus } from './model-status';
import { FileRecords } from './file-records';
import { checkStoredBytes, checkStoredFile } from './file-check';
import type { ModelFileWrites } from './model-files';

export type { ModelStatus } from './model-status';

export class ModelStore {
  /** Chunk-level writes, for the one ingest path (file-writer.ts); nothing else should use them. */
  readonly records: FileRecords;

  private constructor(
    private readonly db: ModelsDatabase,
    writes: ModelFileWrites | null,
  ) {
    this.records = new FileRecords(db, writes);
  }

  /** The database name: stores of different names never share files or locks. */
  get name(): string {
    return this.db.name;
  }

  /** `writes`: how new model bytes reach OPFS (the page passes its store-writes worker); a store
   *  opened without it (the model workers, which only read) stores new files in IndexedDB. */
  static async open(dbName = MODELS_DB_NAME, writes: ModelFileWrites | null = null): Promise<ModelStore> {
    return new ModelStore(await openModelsDB(dbName), writes);
  }

  async status(model: ModelEntry): Promise<ModelStatus> {
    const tx = this.db.transaction(['files', 'models']);
    const record = await tx.objectStore('models').get(model.id);
    const concrete = withResolvedFiles(model, record);
    const files = await Promise.all(modelFileKeys(concrete).map((k) => tx.objectStore('files').get(k)));
    const status = computeStatus(concrete, files, record);
    // Fixed files alone are not a WebLLM build: without its resolved list nothing says the rest is here.
    return status.state === 'ready' && unresolved(model, record) ? { ...status, state: 'partial' } : status;
  }

  /** The model with every file it needs: for a WebLLM build or sizes the source states, the list
   *  its download resolved. */
  async resolved(model: ModelEntry): Promise<ModelEntry> {
    return needsResolving(model) ? withResolvedFiles(model, await this.db.get('models', model.id)) : model;
  }

  async statuses(models: ModelEntry[]): Promise<Map<string, ModelStatus>> {
    const entries = await Promise.all(models.map(async (m) => [m.id, await this.status(m)] as const));
    return new Map(entries);
  }

  /** A verified file as one Blob over its stored bytes (read from disk lazily). */
  async readFile(repo: string, path: string, revision = 'main'): Promise<Blob> {
    const record = await this.records.get(fileKey(repo, revision, path));
    if (record?.state !== 'done') throw new ModelNotStoredError(`${repo}/${path}`);
    const blob = await this.records.storedBlob(record);
    // A short blob means bytes vanished underneath (eviction, a half-finished delete): never hand
    // a runtime a truncated weight file.
    if (blob.size !== record.expectedBytes) throw new ModelNotStoredError(`${repo}/${path} (incomplete)`);
    await checkStoredBytes(this.db, record, blob); // why here: file-check.ts
    return blob;
  }

  async hasFile(repo: string, path: string, revision = 'main'): Promise<boolean> {
    const record = await this.db.get('files', fileKey(repo, revision, path));
    return record?.state === 'done' && !record.damaged;
  }

  /** "Check files": hashes every stored file of the model again; returns the paths found damaged. */
  async checkFiles(entry: ModelEntry): Promise<string[]> {
    const model = await this.resolved(entry);
    const revision = model.revision ?? 'main';
    const damaged: string[] = [];
    for (const f of model.files) {
      if ((await checkStoredFile(this.db, this.records, fileKey(model.repo, revision, f.path))) === 'damaged')
        damaged.push(f.path);
    }
    return damaged;
  }

  /** Drops the damaged files of a model (and only those), so a download fetches just them again. */
  async discardDamaged(entry: ModelEntry): Promise<string[]> {
    const model = await this.resolved(entry);
    const keys = model.files.map((f) => fileKey(model.repo, model.revision ?? 'main', f.path));
    const records = await Promise.all(keys.map((k) => this.db.get('files', k)));
    const damaged = records.filter((r) => r?.damaged).map((r) => r!.key);
    await this.records.deleteFiles(damaged);
    return records.filter((r) => r?.damaged).map((r) => r!.path);
  }

  /** Frees the model's bytes, except files that another non-absent model also lists. The licence
   *  acceptance survives: deleting weights is not withdrawing consent. */
  async deleteModel(entry: ModelEntry, catalog: ModelEntry[]): Promise<void> {
    const model = await this.resolved(entry);
    const allModels = await Promise.all(catalog.map((m) => this.resolved(m)));
    const mine = new Set(modelFileKeys(model));
    const sharing = allModels.filter((m) => m.id !== model.id && modelFileKeys(m).some((k) => mine.has(k)));
    const statuses = await this.statuses(sharing);
    for (const other of sharing) {
      if (statuses.get(other.id)?.state === 'absent') continue;
      for (const k of modelFileKeys(other)) mine.delete(k);
    }
    await this.records.deleteFiles([...mine]);
    await this.updateModel(model.id, (r) => {
      delete r.state;
      r.readyAt = null;
      r.lastError = null;
    });
  }

  async acceptLicence(id: string): Promise<void> {
    await this.updateModel(id, (r) => {
      r.licenceAcceptedAt ??= Date.now();
    });
  }

  async licenceAccepted(id: string): Promise<boolean> {
    return (await this.db.get('models', id))?.licenceAcceptedAt != null;
  }

  /** Bytes on disk across all models, each shared file counted once. */
  async modelBytesStored(): Promise<number> {
    const files = await this.db.getAll('files');
    return files.reduce((sum, f) => sum + f.storedBytes, 0);
  }

  async eraseAll(): Promise<void> {
    const tx = this.db.transaction(['files', 'chunks', 'models'], 'readwrite');
    await Promise.all([
      tx.objectStore('files').clear(),
      tx.objectStore('chunks').clear(),
      tx.objectStore('models').clear(),
      tx.done,
    ]);
    await this.records.removeAllBytes();
  }

  close(): void {
    this.db.close();
  }

  /** Read-modify-write of one model record in one transaction. */
  async updateModel(id: string, change: (record: ModelRecord) => void): Promise<void> {
    const tx = this.db.transaction('models', 'readwrite');
    const record = (await tx.store.get(id)) ?? newModelRecord(id);
    change(record);
    await Promise.all([tx.store.put(record), tx.done]);
  }

  /** Marks the model ready only if every one of its files is verified, checked in the same
   *  transaction as the write so a half model is never marked ready. */
  async markReady(entry: ModelEntry): Promise<boolean> {
    const tx = this.db.transaction(['files', 'models'], 'readwrite');
    const stored = await tx.objectStore('models').get(entry.id);
    const record = stored ?? newModelRecord(entry.id);
    const model = withResolvedFiles(entry, stored);
    const files = await Promise.all(modelFileKeys(model).map((k) => tx.objectStore('files').get(k)));
    const ready = !unresolved(entry, stored) && files.every((f) => f?.state === 'done');
    if (ready) {
      record.state = 'ready';
      record.readyAt = Date.now();
      record.lastError = null;
      await tx.objectStore('models').put(record);
    }
    await tx.done;
    return ready;
  }
}

/** WebLLM entries list only their fixed files; once a download has resolved the rest (weight shards,
 *  model library), the record holds the whole list. */
/** A WebLLM build (its shards are listed by the source), or an entry with a file whose size the
 *  catalog cannot state: its full file list comes from the download and is kept in its record. */
export const needsResolving = (model: ModelEntry): boolean =>
  model.webllm !== undefined || model.files.some((f) => f.bytes === 0);

export const unresolved = (model: ModelEntry, record: ModelRecord | undefined): boolean =>
  needsResolving(model) && !record?.files?.length;

export function withResolvedFiles(model: ModelEntry, record: ModelRecord | undefined): ModelEntry {
  return needsResolving(model) && record?.files?.length ? { ...model, files: record.files } : model;
}
