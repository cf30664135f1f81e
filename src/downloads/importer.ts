// Model-pack import: files the person picked (a hub-style folder, or single files) go through the
// same FileWriter path as downloads, so they are chunked, hashed and verified the same way.
import { IntegrityError } from '../core/errors';
import type { ModelEntry } from '../catalog/types';
import { fileKey } from '../store/db';
import { withFileLock } from '../store/file-lock';
import { FileWriter, sizeError, type FileTarget } from '../store/file-writer';
import { pipeInto } from '../store/ingest';
import { currentRecord, revisionOf } from '../store/model-status';
import { mlcLibPath } from './mlc-files';
import { matchPack, type PackFile } from './pack-match';
import { needsResolving, type ModelStore } from '../store/model-store';
import { filesFromPack } from './webllm-pack';

export type { PackFile } from './pack-match';

export interface ImportReport {
  /** Models that are ready after the import (and had at least one file in the pack). */
  imported: string[];
  rejected: Array<{ path: string; reason: string }>;
  /** Models with some files in the pack but not all: what is still absent. */
  missing: Array<{ modelId: string; files: string[] }>;
  /** Picked files that belong to no catalog model (READMEs, .gitattributes, ...). */
  unmatched: string[];
}

export async function importPack(files: PackFile[], catalog: ModelEntry[], store: ModelStore): Promise<ImportReport> {
  // A WebLLM build's shards and library are known only from its tensor-cache.json, and sizes the
  // catalog cannot state from the picked files: learn the whole list from the pack first (when a
  // download has not already), so those files match too.
  for (const model of catalog) {
    if (!needsResolving(model) || (await store.resolved(model)).files !== model.files) continue;
    const list = await filesFromPack(model, files);
    if (list) await store.updateModel(model.id, (r) => void (r.files = list));
  }
  const models = await Promise.all(catalog.map((m) => store.resolved(m)));
  const plan = matchPack(files, models);
  const report: ImportReport = { imported: [], rejected: [...plan.rejected], missing: [], unmatched: plan.unmatched };
  const accepted = new Set<PackFile>();
  const failures = new Map<PackFile, string>();
  const touched = new Set(plan.touched);

  for (const { key, target, uploads, modelIds, byNameOnly } of plan.targets) {
    for (const upload of uploads) {
      // Same lock as the downloader: a download of this file may be running in this or another tab.
      const outcome = await withFileLock(`${store.name}/${key}`, () => ingest(store, target, upload.file));
      if (outcome === 'stored' || outcome === 'present') {
        accepted.add(upload);
        // An already-stored file says nothing about a bare-named pick, which was never hashed.
        if (outcome === 'stored' || !byNameOnly) modelIds.forEach((id) => touched.add(id));
        break;
      }
      if (!failures.has(upload)) failures.set(upload, outcome.reason);
    }
  }
  for (const [upload, reason] of failures) {
    if (!accepted.has(upload)) report.rejected.push({ path: upload.relativePath, reason });
  }

  for (const model of models.filter((m) => touched.has(m.id))) {
    if (await store.markReady(model)) {
      report.imported.push(model.id);
      continue;
    }
    const status = await store.status(model);
    const absent: string[] = [];
    for (const f of model.files) {
      const record = currentRecord(await store.records.get(fileKey(model.repo, revisionOf(model), f.path)), f);
      if (record?.state !== 'done') absent.push(f.path);
    }
    // A WebLLM build whose list is still unknown lacks at least its library (or a readable tensor cache).
    if (model.webllm && model.files === catalog.find((m) => m.id === model.id)?.files)
      absent.push(mlcLibPath(model.webllm.modelLib));
    report.missing.push({ modelId: model.id, files: absent });
    // Some files verified: show the model as partial so a download can fetch just the rest.
    if (status.state === 'absent' && absent.length < model.files.length) {
      await store.updateModel(model.id, (r) => void (r.state = 'partial'));
    }
  }
  return report;
}

/** Stores one picked file as one catalog file, or says why not. */
async function ingest(store: ModelStore, original: FileTarget, blob: Blob): Promise<'stored' | 'present' | { reason: string }> {
  // A WebLLM fixed file before its build is resolved has no known size: the picked file's own counts,
  // unless the store already holds it (opening a writer of another size would drop the stored copy).
  let target = original;
  if (original.file.bytes === 0) {
    const stored = await store.records.get(fileKey(original.repo, original.revision, original.file.path));
    if (stored?.state === 'done') return 'present';
    target = { ...original, file: { ...original.file, bytes: blob.size } };
  }
  const writer = await FileWriter.open(store, target);
  if (writer.done) return 'present'; // already verified: the picked copy adds nothing
  if (blob.size !== target.file.bytes) return { reason: sizeError(writer.name, target.file.bytes, blob.size).message };
  // A picked file is whole: any partial download of it is replaced, not appended to.
  if (writer.storedBytes > 0) await writer.restart();
  try {
    await pipeInto(writer, blob.stream());
    await writer.finish();
    return 'stored';
  } catch (e) {
    if (e instanceof IntegrityError) return { reason: e.message };
    throw e;
  } finally {
    await writer.close();
  }
}
