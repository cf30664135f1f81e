// The setup screen's one progress over the whole set, from the model store's statuses and the
// download queue's jobs (pure data in, numbers out).
import { describe, expect, it } from 'vitest';
import { registerModels } from '../../../src/catalog/catalog';
import { TEST_MODELS } from '../../../src/catalog/test-models';
import type { SetupPick } from '../../../src/core/setup-plan';
import type { Job } from '../../../src/downloads/download-manager';
import type { ModelStatus } from '../../../src/store/model-store';
import { setProgress } from '../../../src/ui/views/setup/set-state';

registerModels(TEST_MODELS);

const pick = (task: SetupPick['task'], modelId: string | null): SetupPick => ({
  task,
  modelId,
  bytes: 0,
  memoryBytes: 0,
  why: [],
});
const PICKS = [pick('llm', 'test-stories260k-wllama'), pick('vad', 'silero-vad-v6'), pick('tts', null)];
const job = (
  modelId: string,
  state: Job['state'],
  storedBytes: number,
  totalBytes: number,
  bytesPerSecond = 0,
  error?: Error,
): Job => ({
  modelId,
  state,
  progress: {
    modelId,
    file: null,
    storedBytes,
    totalBytes,
    fetchedBytes: storedBytes,
    bytesPerSecond,
    etaSeconds: null,
    phase: 'downloading',
  },
  ...(error ? { error } : {}),
});
const status = (state: ModelStatus['state'], storedBytes: number, totalBytes: number): ModelStatus => ({
  state,
  storedBytes,
  totalBytes,
});

describe('setProgress', () => {
  it('adds every model of the set into one bar; the built-in voice adds nothing', () => {
    const p = setProgress(
      PICKS,
      new Map([['silero-vad-v6', status('ready', 2327524, 2327524)]]),
      new Map([['test-stories260k-wllama', job('test-stories260k-wllama', 'downloading', 500_000, 1185376, 1e6)]]),
    );
    expect(p.totalBytes).toBe(1185376 + 2327524);
    expect(p.storedBytes).toBe(500_000 + 2327524);
    expect(p.bytesPerSecond).toBe(1e6);
    expect(p.items.map((i) => i.state)).toEqual(['downloading', 'ready', 'builtin']);
    expect(p).toMatchObject({ ready: false, running: true, paused: false, failed: [] });
  });

  it('paused once nothing runs and something is paused; a failure is listed with its error', () => {
    const paused = setProgress(
      PICKS,
      new Map(),
      new Map([['test-stories260k-wllama', job('test-stories260k-wllama', 'paused', 10, 1185376)]]),
    );
    expect(paused).toMatchObject({ running: false, paused: true });
    const failed = setProgress(
      PICKS,
      new Map(),
      new Map([['silero-vad-v6', job('silero-vad-v6', 'error', 5, 2327524, 0, new Error('boom'))]]),
    );
    expect(failed.failed.map((i) => i.error?.message)).toEqual(['boom']);
  });

  it('ready when every model is stored', () => {
    const p = setProgress(
      PICKS,
      new Map([
        ['silero-vad-v6', status('ready', 2327524, 2327524)],
        ['test-stories260k-wllama', status('ready', 1185376, 1185376)],
      ]),
      new Map(),
    );
    expect(p.ready).toBe(true);
    expect(p.storedBytes).toBe(p.totalBytes);
  });
});
