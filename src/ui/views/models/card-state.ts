// One model's download state for its card, merged from the download queue (this page's jobs) and
// the store (what is on disk, also from earlier visits).
import { downloadBytes } from '../../../core/model-fit';
import type { ModelEntry } from '../../../catalog/types';
import type { Job } from '../../../downloads/download-manager';
import type { ModelStatus } from '../../../store/model-store';

export type CardState =
  /** The store has not been read yet (just after a load): say so rather than "not downloaded". */
  | { kind: 'checking' }
  | { kind: 'absent' }
  | { kind: 'queued' | 'downloading' | 'paused'; job: Job }
  /** `job` is set when this page ran the download (Resume then continues that job). */
  | { kind: 'failed'; error: Error | string; job?: Job; storedBytes: number; totalBytes: number }
  | { kind: 'partial'; storedBytes: number; totalBytes: number }
  /** Stored files that failed a later check (store/file-check.ts): Repair downloads just those. */
  | { kind: 'damaged'; files: string[]; storedBytes: number; totalBytes: number }
  | { kind: 'ready'; storedBytes: number };

export function cardState(model: ModelEntry, status: ModelStatus | undefined, job: Job | undefined): CardState {
  // WebLLM entries list their fixed files only; their total is the catalog's estimate.
  const totalBytes = Math.max(status?.totalBytes ?? 0, downloadBytes(model));
  const storedBytes = status?.storedBytes ?? 0;
  const active = job?.state === 'queued' || job?.state === 'downloading' || job?.state === 'paused';
  // A job that finished earlier in this session must not hide damage found since.
  if (status?.damagedFiles?.length && !active) return { kind: 'damaged', files: status.damagedFiles, storedBytes, totalBytes };
  if (job) {
    switch (job.state) {
      case 'queued':
      case 'downloading':
      case 'paused':
        return { kind: job.state, job };
      case 'error':
        return { kind: 'failed', error: job.error ?? '', job, storedBytes: job.progress.storedBytes, totalBytes };
      case 'done':
        // The store refresh that follows may still be on its way.
        return { kind: 'ready', storedBytes: Math.max(storedBytes, job.progress.storedBytes) };
    }
  }
  if (!status) return { kind: 'checking' };
  if (status.state === 'ready') return { kind: 'ready', storedBytes };
  if (status.lastError) return { kind: 'failed', error: status.lastError, storedBytes, totalBytes };
  if (status.state === 'partial') return { kind: 'partial', storedBytes, totalBytes };
  return { kind: 'absent' };
}

/** Whether the card holds bytes or a job: such models stay in view even when they cannot run. */
export const hasData = (state: CardState): boolean => state.kind !== 'absent';
