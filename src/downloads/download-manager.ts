// Page-side queue of model downloads, independent of any UI framework: commands go in
// (start/pause/cancel/resume), immutable snapshots come out through subscribe().
import { isAbort } from '../core/errors';
import { totalBytes, type ModelEntry } from '../catalog/types';
import { download as runDownload, type DownloadOptions, type DownloadProgress, type DownloadResult } from './downloader';
import type { ModelStore } from '../store/model-store';

export type JobState = 'queued' | 'downloading' | 'paused' | 'error' | 'done';

export interface Job {
  modelId: string;
  state: JobState;
  progress: DownloadProgress;
  error?: Error;
}

export type JobsListener = (jobs: Map<string, Job>) => void;

export interface PersistentStorage {
  persist(): Promise<boolean>;
}

export interface DownloadManagerOptions {
  store: ModelStore;
  /** The current model source setting, read when each download starts. */
  source: () => string;
  /** The whole catalog: a cancel must keep files another model shares. */
  models: () => ModelEntry[];
  /** Two at once keeps one slow host from stalling everything without splitting bandwidth thinly. */
  maxConcurrent?: number;
  /** Defaults to navigator.storage; null skips the request. */
  storage?: PersistentStorage | null;
  /** Passed to the downloader (tests use a loopback fetch or an estimate stub). */
  downloadOptions?: Partial<Pick<DownloadOptions, 'fetch' | 'storage' | 'blockedByPolicy'>>;
  download?: (model: ModelEntry, opts: DownloadOptions) => Promise<DownloadResult>;
}

interface Run {
  controller: AbortController;
  /** Settles after the downloader flushed what it had: a new run of the model waits for it. */
  settled: Promise<void>;
  intent: 'run' | 'pause' | 'cancel';
}

export class DownloadManager {
  private readonly jobs = new Map<string, Job>();
  private readonly entries = new Map<string, ModelEntry>();
  private readonly runs = new Map<string, Run>();
  private queue: string[] = [];
  private readonly listeners = new Set<JobsListener>();
  private persistRequested = false;

  constructor(private readonly opts: DownloadManagerOptions) {}

  start(model: ModelEntry): void {
    const job = this.jobs.get(model.id);
    if (job && (job.state === 'queued' || job.state === 'downloading')) return;
    this.entries.set(model.id, model);
    this.set(model.id, { state: 'queued', progress: job?.progress ?? idleProgress(model), error: undefined });
    this.queue.push(model.id);
    this.pump();
  }

  resume(id: string): void {
    const model = this.entries.get(id);
    const state = this.jobs.get(id)?.state;
    if (model && (state === 'paused' || state === 'error')) this.start(model);
  }

  /** Stops the download; bytes received so far stay stored for resume(). */
  pause(id: string): void {
    const state = this.jobs.get(id)?.state;
    if (state !== 'queued' && state !== 'downloading') return;
    this.queue = this.queue.filter((q) => q !== id);
    const run = this.runs.get(id);
    if (run) {
      run.intent = 'pause';
      run.controller.abort();
    }
    this.set(id, { state: 'paused' });
  }

  /** Stops the download and deletes its partial bytes (files shared with a stored model stay). */
  async cancel(id: string): Promise<void> {
    const model = this.entries.get(id);
    if (!model) return;
    this.queue = this.queue.filter((q) => q !== id);
    const run = this.runs.get(id);
    if (run) {
      run.intent = 'cancel';
      run.controller.abort();
      await run.settled;
    }
    if (this.jobs.get(id)?.state !== 'done') await this.opts.store.deleteModel(model, this.opts.models());
    this.jobs.delete(id);
    this.emit();
  }

  subscribe(listener: JobsListener): () => void {
    this.listeners.add(listener);
    listener(this.snapshot());
    return () => void this.listeners.delete(listener);
  }

  snapshot(): Map<string, Job> {
    return new Map(this.jobs);
  }

  private pump(): void {
    const max = this.opts.maxConcurrent ?? 2;
    while (this.runs.size < max && this.queue.length > 0) this.launch(this.queue.shift()!);
  }

  private launch(id: string): void {
    const model = this.entries.get(id)!;
    this.requestPersistence();
    // A paused run may still be flushing its last bytes: two writers on one file would interleave.
    const previous = this.runs.get(id)?.settled ?? Promise.resolve();
    const run: Run = { controller: new AbortController(), settled: Promise.resolve(), intent: 'run' };
    this.runs.set(id, run);
    this.set(id, { state: 'downloading' });
    const download = this.opts.download ?? runDownload;
    const onProgress = (progress: DownloadProgress) => {
      if (run.intent === 'run') this.set(id, { progress });
    };
    run.settled = previous
      .then(() =>
        download(model, {
          ...this.opts.downloadOptions,
          store: this.opts.store,
          source: this.opts.source(),
          signal: run.controller.signal,
          onProgress,
        }),
      )
      .then(
        () =>
          this.set(id, {
            state: 'done',
            progress: { ...this.jobs.get(id)!.progress, phase: 'ready', etaSeconds: 0, bytesPerSecond: 0 },
          }),
        (e: unknown) => {
          if (run.intent !== 'run' && isAbort(e)) return; // pause/cancel already set the state
          this.set(id, { state: 'error', error: e instanceof Error ? e : new Error(String(e)) });
        },
      )
      .finally(() => {
        if (this.runs.get(id) === run) this.runs.delete(id);
        this.pump();
      });
  }

  /** Asked once, on the first download: persistent storage keeps the browser from evicting
   *  gigabytes of weights under storage pressure. Refusal is fine; the download goes on. */
  private requestPersistence(): void {
    if (this.persistRequested) return;
    this.persistRequested = true;
    const storage = this.opts.storage === undefined ? defaultStorage() : this.opts.storage;
    storage?.persist().catch(() => {});
  }

  private set(id: string, change: Partial<Omit<Job, 'modelId'>>): void {
    const prev = this.jobs.get(id);
    const model = this.entries.get(id)!;
    this.jobs.set(id, { modelId: id, state: 'queued', progress: idleProgress(model), ...prev, ...change });
    this.emit();
  }

  private emit(): void {
    const snap = this.snapshot();
    for (const l of this.listeners) {
      try {
        l(snap);
      } catch (e) {
        console.error('download listener failed', e); // one broken view must not stop the queue
      }
    }
  }
}

const idleProgress = (model: ModelEntry): DownloadProgress => ({
  modelId: model.id,
  file: null,
  storedBytes: 0,
  totalBytes: totalBytes(model),
  fetchedBytes: 0,
  bytesPerSecond: 0,
  etaSeconds: null,
  phase: 'checking',
});

function defaultStorage(): PersistentStorage | null {
  return typeof navigator !== 'undefined' && 'storage' in navigator ? navigator.storage : null;
}
