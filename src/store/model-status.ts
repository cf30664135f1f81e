// What a model's stored files add up to. Pure: the store reads the records, this judges them.
import { totalBytes, type ModelEntry, type ModelFile } from '../catalog/types';
import { fromErrorRecord } from '../core/error-record';
import { fileKey, type FileRecord, type ModelRecord } from './db';

export interface ModelStatus {
  state: 'absent' | 'partial' | 'ready';
  /** Bytes of this model's files on disk (files shared with another model count here too). */
  storedBytes: number;
  totalBytes: number;
  /** The last failure, rebuilt as its named error class (IntegrityError, StorageQuotaError, ...). */
  lastError?: Error;
  /** Files accepted without any hash (no catalog hash, no pinned ETag): the UI should say so. */
  unverifiedFiles?: string[];
  /** Files checked against the server's LFS hash because the catalog has none. */
  pinnedFiles?: string[];
  /** Files checked only against the MD5 in the model's own manifest (MLC weight shards). */
  manifestFiles?: string[];
  /** Files whose stored bytes failed a later check (file-check.ts): the model is not ready until a
   *  repair downloads them again. */
  damagedFiles?: string[];
}

export const revisionOf = (model: Pick<ModelEntry, 'revision'>): string => model.revision ?? 'main';

export const modelFileKeys = (model: ModelEntry): string[] =>
  model.files.map((f) => fileKey(model.repo, revisionOf(model), f.path));

/** The record if it still describes this catalog file. A catalog update can change a file at the
 *  same revision ('main' moves): stored bytes of another size or hash are then worth nothing. */
export function currentRecord(record: FileRecord | undefined, file: ModelFile): FileRecord | undefined {
  // bytes 0: a WebLLM fixed file before its build's list is resolved, whose size nothing states yet.
  if (!record || (file.bytes > 0 && record.expectedBytes !== file.bytes)) return undefined;
  if (record.state === 'done' && file.sha256 && record.sha256 !== file.sha256) return undefined;
  if (record.state === 'done' && file.md5 && record.md5 && record.md5 !== file.md5) return undefined;
  return record;
}

export function computeStatus(
  model: ModelEntry,
  files: Array<FileRecord | undefined>,
  record: ModelRecord | undefined,
): ModelStatus {
  let storedBytes = 0;
  let allDone = true;
  const unverified: string[] = [];
  const pinned: string[] = [];
  const manifest: string[] = [];
  const damaged: string[] = [];
  model.files.forEach((f, i) => {
    const rec = currentRecord(files[i], f);
    storedBytes += Math.min(rec?.storedBytes ?? 0, f.bytes || (rec?.expectedBytes ?? 0));
    if (rec?.damaged) damaged.push(f.path);
    if (rec?.state !== 'done' || rec.damaged) allDone = false;
    else if (rec.verification === 'none') unverified.push(f.path);
    else if (rec.verification === 'pinned') pinned.push(f.path);
    else if (rec.verification === 'manifest') manifest.push(f.path);
  });
  // 'ready' needs both the record (written only after the last file verified) and the files
  // themselves: a file deleted underneath (shared-file cleanup, eviction) demotes it to 'partial'.
  const state = record?.state === 'ready' && allDone ? 'ready' : record?.state ? 'partial' : 'absent';
  const status: ModelStatus = { state, storedBytes, totalBytes: totalBytes(model) };
  if (record?.lastError) status.lastError = fromErrorRecord(record.lastError);
  if (unverified.length) status.unverifiedFiles = unverified;
  if (pinned.length) status.pinnedFiles = pinned;
  if (manifest.length) status.manifestFiles = manifest;
  if (damaged.length) status.damagedFiles = damaged;
  return status;
}
