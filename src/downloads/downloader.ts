// Resumable, verified download of one catalog model into the model store, one file at a time.
// Runs in the page or a worker (fetch, IndexedDB and navigator.storage exist in both).
import {
  BlockedByPolicyError,
  isAbort,
  ModelNotStoredError,
  ModelSourceError,
  NetworkError,
  StorageQuotaError,
} from '../core/errors';
import { toErrorRecord } from '../core/error-record';
import { fileUrl } from '../core/model-url';
import { judgeRangeAnswer, planRange } from '../core/transfer-math';
import type { ModelEntry } from '../catalog/types';
import { fileKey, type Verification } from '../store/db';
import { ProgressReporter, type DownloadProgress } from './download-progress';
import { withFileLock } from '../store/file-lock';
import { FileWriter } from '../store/file-writer';
import { sha256FromEtag } from '../store/hasher';
import { pipeInto } from '../store/ingest';
import { currentRecord, revisionOf } from '../store/model-status';
import { mlcLibDownloadUrl, mlcLibPath, resolveFileSizes, resolveMlcFiles } from './mlc-files';
import { needsResolving, type ModelStore } from '../store/model-store';

export type { DownloadPhase, DownloadProgress } from './download-progress';

export type StorageEstimator = { estimate(): Promise<{ quota?: number; usage?: number }> };

export interface DownloadOptions {
  store: ModelStore;
  /** Model source base URL, e.g. https://huggingface.co or a mirror. */
  source: string;
  signal?: AbortSignal;
  onProgress?: (p: DownloadProgress) => void;
  fetch?: typeof fetch;
  /** Defaults to navigator.storage; null skips the free-space check. */
  storage?: StorageEstimator | null;
  /** Whether the context's Content-Security-Policy refuses `url` (the page passes its own check):
   *  asked before a request, so a refusal is named as one instead of as a dropped connection. */
  blockedByPolicy?: (url: string) => boolean;
  /** Dropped connections in a row, with no byte stored in between, that are resumed (a Range from
   *  the bytes stored) before the download fails with NetworkError. Default DROP_RETRIES. */
  retries?: number;
  /** Wait before the nth retry in a row (1-based); default retryDelayMs. */
  retryDelay?: (attempt: number) => number;
}

/** A cut connection is common on phones: resumed at once a few times before the person is asked. */
export const DROP_RETRIES = 4;
export const retryDelayMs = (attempt: number): number => Math.min(4000, 250 * 2 ** (attempt - 1));

export interface DownloadResult {
  modelId: string;
  /** Bytes fetched over the network in this run. */
  fetchedBytes: number;
  files: Array<{ path: string; resumedFrom: number; fetchedBytes: number; verification: Verification }>;
}

export async function download(entry: ModelEntry, opts: DownloadOptions): Promise<DownloadResult> {
  const { store, signal } = opts;
  const revision = revisionOf(entry);
  let model = entry;
  const result: DownloadResult = { modelId: model.id, fetchedBytes: 0, files: [] };
  try {
    signal?.throwIfAborted();
    // Before anything is asked of the source: a source the page may not reach is said so at once.
    const first = entry.files[0];
    if (first && opts.blockedByPolicy?.(fileUrl(opts.source, entry.repo, first.path, revision))) {
      throw new BlockedByPolicyError(fileUrl(opts.source, entry.repo, first.path, revision));
    }
    model = await withAllFiles(entry, opts);
    const progress = new ProgressReporter(model, opts.onProgress);
    progress.enter('checking', null);
    const stored = await Promise.all(
      model.files.map(async (f) => currentRecord(await store.records.get(fileKey(model.repo, revision, f.path)), f)),
    );
    stored.forEach((r, i) => progress.setFileBytes(i, r?.storedBytes ?? 0));
    const needed = model.files.reduce(
      (sum, f, i) => (stored[i]?.state === 'done' ? sum : sum + f.bytes - (stored[i]?.storedBytes ?? 0)),
      0,
    );
    await checkFreeSpace(needed, opts.storage === undefined ? defaultStorage() : opts.storage);
    if (stored.some((r) => r?.state !== 'done')) {
      await store.updateModel(model.id, (r) => {
        r.state = 'partial';
        r.lastError = null;
      });
    }
    for (const [index, file] of model.files.entries()) {
      if (stored[index]?.state === 'done') continue;
      signal?.throwIfAborted();
      const key = fileKey(model.repo, revision, file.path);
      const done = await withFileLock(`${store.name}/${key}`, () => downloadFile(model, index, opts, progress), signal);
      if (done) result.files.push(done);
    }
    if (!(await store.markReady(model)))
      throw new ModelNotStoredError(`${model.name}: a file that vanished from the store during the download`);
    result.fetchedBytes = progress.fetchedBytes;
    progress.enter('ready', null);
    return result;
  } catch (e) {
    // A pause is not a failure; anything else is kept so the model list can explain it later.
    if (!isAbort(e)) await store.updateModel(model.id, (r) => void (r.lastError = toErrorRecord(e))).catch(() => {});
    throw e;
  }
}

/** The whole file list with sizes (a WebLLM build's shards, sizes the catalog cannot state): from
 *  its record once resolved, else from the source (kept). */
async function withAllFiles(model: ModelEntry, opts: DownloadOptions): Promise<ModelEntry> {
  if (!needsResolving(model)) return model;
  const known = await opts.store.resolved(model);
  if (known !== model && known.files !== model.files) return known;
  const resolve = model.webllm ? resolveMlcFiles : resolveFileSizes;
  const files = await resolve(model, opts.source, opts.fetch ?? fetch, opts.signal);
  await opts.store.updateModel(model.id, (r) => void (r.files = files));
  return { ...model, files };
}

type FileResult = DownloadResult['files'][number];

/** A WebLLM library comes from where MLC publishes it, or the mirror's copy, for the source in use now
 *  (not the one of the run that resolved the list: the person may have switched to a mirror since). */
function downloadUrl(model: ModelEntry, path: string, source: string): string {
  const lib = model.webllm?.modelLib;
  if (lib && path === mlcLibPath(lib)) return mlcLibDownloadUrl(source, lib);
  return fileUrl(source, model.repo, path, revisionOf(model));
}

/** One file, under its lock. null when another download finished it while this one waited. */
async function downloadFile(
  model: ModelEntry,
  index: number,
  opts: DownloadOptions,
  progress: ProgressReporter,
): Promise<FileResult | null> {
  const file = model.files[index]!;
  const revision = revisionOf(model);
  const writer = await FileWriter.open(opts.store, { repo: model.repo, revision, file });
  if (writer.done) {
    progress.setFileBytes(index, file.bytes);
    return null;
  }
  const resumedFrom = writer.storedBytes;
  const before = progress.fetchedBytes;
  try {
    progress.enter('downloading', file.path);
    await fetchInto(writer, index, downloadUrl(model, file.path, opts.source), opts, progress);
    progress.enter('verifying', file.path);
    const verification = await writer.finish();
    return { path: file.path, resumedFrom, fetchedBytes: progress.fetchedBytes - before, verification };
  } finally {
    await writer.close();
  }
}

/** Fetches the file's missing bytes into `writer`, resuming with a Range from what is stored after a
 *  dropped connection (the bytes received before the drop are committed by pipeInto first). */
async function fetchInto(
  writer: FileWriter,
  index: number,
  url: string,
  opts: DownloadOptions,
  progress: ProgressReporter,
): Promise<void> {
  const retries = opts.retries ?? DROP_RETRIES;
  // Restarts: only after the server proved the stored bytes useless (416 on a resume, or a different
  // pinned hash), so a second one would mean it refuses every range.
  let restarts = 0;
  let dropsInARow = 0;
  for (;;) {
    const stored = writer.storedBytes;
    try {
      if ((await fetchOnce(writer, index, url, opts, progress)) === 'done') return;
      if (++restarts >= 2) throw new ModelSourceError(url, 416, 'the server refused every byte range');
    } catch (e) {
      if (!(e instanceof NetworkError) || opts.signal?.aborted) throw e;
      dropsInARow = writer.storedBytes > stored ? 1 : dropsInARow + 1;
      if (dropsInARow > retries) throw e;
      await sleep((opts.retryDelay ?? retryDelayMs)(dropsInARow), opts.signal);
    }
  }
}

async function fetchOnce(
  writer: FileWriter,
  index: number,
  url: string,
  opts: DownloadOptions,
  progress: ProgressReporter,
): Promise<'done' | 'restarted'> {
  const { bytes, sha256 } = writer.target.file;
  const plan = planRange(writer.storedBytes, bytes);
  if (plan.kind === 'complete') return 'done';
  const response = await request(url, plan.kind === 'resume' ? plan.header : null, opts);
  const pinned = sha256 === null ? sha256FromEtag(response.headers.get('x-linked-etag') ?? response.headers.get('etag')) : null;
  if (plan.kind === 'resume' && (response.status === 416 || writer.pinConflicts(pinned))) {
    await response.body?.cancel().catch(() => {});
    await writer.restart();
    progress.setFileBytes(index, 0);
    return 'restarted';
  }
  if (response.status !== 200 && response.status !== 206) {
    await response.body?.cancel().catch(() => {});
    throw new ModelSourceError(url, response.status);
  }
  const answer = judgeRangeAnswer(plan, response.status, response.headers.get('content-range'), bytes);
  if (answer.action === 'reject' || !response.body) {
    await response.body?.cancel().catch(() => {});
    throw new ModelSourceError(url, response.status, answer.action === 'reject' ? answer.reason : 'empty body');
  }
  if (answer.action === 'restart') {
    await writer.restart();
    progress.setFileBytes(index, 0);
  }
  writer.pin(pinned);
  await pipeInto(writer, response.body, {
    onBytes: (n) => progress.fetched(index, writer.receivedBytes, n),
    readError: (cause) => new NetworkError(url, cause),
  });
  return 'done';
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

async function request(url: string, range: string | null, opts: DownloadOptions): Promise<Response> {
  const fetchFn = opts.fetch ?? fetch;
  if (opts.blockedByPolicy?.(url)) throw new BlockedByPolicyError(url);
  try {
    return await fetchFn(url, {
      headers: range ? { Range: range } : {},
      signal: opts.signal,
      // Weights go to IndexedDB; letting the HTTP cache keep a second copy would double the disk use.
      cache: 'no-store',
    });
  } catch (e) {
    if (isAbort(e)) throw e;
    // A stricter policy sent only as a header is seen once the browser has refused a request.
    if (opts.blockedByPolicy) {
      await new Promise((resolve) => setTimeout(resolve, 0)); // the violation event is queued after the failure
      if (opts.blockedByPolicy(url)) throw new BlockedByPolicyError(url);
    }
    throw new NetworkError(url, e);
  }
}

function defaultStorage(): StorageEstimator | null {
  // navigator.storage is missing outside secure contexts (and navigator itself in Node before 21).
  return typeof navigator !== 'undefined' && 'storage' in navigator ? navigator.storage : null;
}

async function checkFreeSpace(neededBytes: number, storage: StorageEstimator | null): Promise<void> {
  if (neededBytes <= 0 || !storage) return;
  const { quota, usage } = await storage.estimate();
  if (quota === undefined || usage === undefined) return;
  const available = Math.max(0, quota - usage);
  if (available < neededBytes) throw new StorageQuotaError(neededBytes, available);
}
