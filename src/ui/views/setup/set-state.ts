// The setup screen's picture of the chosen set: each item's state and one combined progress over
// all of its downloads. Signals of the model store in, plain numbers out.
import { catalogById } from '../../../catalog/catalog';
import type { ModelEntry } from '../../../catalog/types';
import { downloadBytes } from '../../../core/model-fit';
import type { SetupPick } from '../../../core/setup-plan';
import type { Job } from '../../../downloads/download-manager';
import type { ModelStatus } from '../../../store/model-store';

export type ItemState = 'builtin' | 'waiting' | 'downloading' | 'paused' | 'failed' | 'ready';

export interface SetItem {
  pick: SetupPick;
  model: ModelEntry | null;
  state: ItemState;
  storedBytes: number;
  totalBytes: number;
  bytesPerSecond: number;
  error?: Error;
}

export interface SetProgress {
  items: SetItem[];
  storedBytes: number;
  totalBytes: number;
  bytesPerSecond: number;
  /** Every model of the set is stored. */
  ready: boolean;
  /** Something is queued or downloading. */
  running: boolean;
  /** Nothing running, and at least one download paused. */
  paused: boolean;
  failed: SetItem[];
}

export function setProgress(
  picks: readonly SetupPick[],
  statuses: ReadonlyMap<string, ModelStatus>,
  jobs: ReadonlyMap<string, Job>,
): SetProgress {
  const items = picks.map((pick): SetItem => {
    const model = pick.modelId ? (catalogById(pick.modelId) ?? null) : null;
    if (!model) return { pick, model, state: 'builtin', storedBytes: 0, totalBytes: 0, bytesPerSecond: 0 };
    const status = statuses.get(model.id);
    const job = jobs.get(model.id);
    // WebLLM builds learn their real size once the file list is resolved: the job knows it first.
    const total = Math.max(job?.progress.totalBytes ?? 0, status?.totalBytes ?? 0) || downloadBytes(model);
    if (status?.state === 'ready')
      return { pick, model, state: 'ready', storedBytes: total, totalBytes: total, bytesPerSecond: 0 };
    const stored = job ? job.progress.storedBytes : (status?.storedBytes ?? 0);
    const base = { pick, model, storedBytes: Math.min(stored, total), totalBytes: total, bytesPerSecond: 0 };
    if (!job)
      return {
        ...base,
        state: status?.lastError ? 'failed' : 'waiting',
        ...(status?.lastError ? { error: status.lastError } : {}),
      };
    switch (job.state) {
      case 'downloading':
        return { ...base, state: 'downloading', bytesPerSecond: job.progress.bytesPerSecond };
      case 'queued':
        return { ...base, state: 'waiting' };
      case 'paused':
        return { ...base, state: 'paused' };
      case 'error':
        return { ...base, state: 'failed', ...(job.error ? { error: job.error } : {}) };
      case 'done':
        return { ...base, state: 'ready', storedBytes: total };
    }
  });
  const models = items.filter((i) => i.model);
  return {
    items,
    storedBytes: models.reduce((s, i) => s + i.storedBytes, 0),
    totalBytes: models.reduce((s, i) => s + i.totalBytes, 0),
    bytesPerSecond: models.reduce((s, i) => s + i.bytesPerSecond, 0),
    ready: models.every((i) => i.state === 'ready'),
    running: models.some((i) => i.state === 'downloading' || (i.state === 'waiting' && jobs.has(i.model!.id))),
    paused: models.some((i) => i.state === 'paused') && !models.some((i) => i.state === 'downloading'),
    failed: models.filter((i) => i.state === 'failed'),
  };
}
