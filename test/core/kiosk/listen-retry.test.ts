import { describe, expect, it } from 'vitest';
import { keeperStep, retryDelay, RETRY_STEPS_MS, type ListenKeeperState } from '../../../src/core/kiosk/listen-retry';

describe('listening kept on a kiosk', () => {
  it('retries at once, then with growing pauses that stop growing', () => {
    let state: ListenKeeperState = { attempt: 0 };
    const delays: (number | null)[] = [];
    for (let i = 0; i < 7; i++) {
      const step = keeperStep(state, { type: 'stopped' });
      delays.push(step.retryInMs);
      state = step.state;
    }
    expect(delays).toEqual([0, 2_000, 5_000, 15_000, 30_000, 30_000, 30_000]);
    expect(retryDelay(-1)).toBe(RETRY_STEPS_MS[0]);
  });

  it('starts counting again once listening runs, and retries at once when devices change', () => {
    const tried = keeperStep({ attempt: 4 }, { type: 'listening' });
    expect(tried).toEqual({ state: { attempt: 0 }, retryInMs: null });
    expect(keeperStep({ attempt: 3 }, { type: 'devices-changed' })).toEqual({ state: { attempt: 3 }, retryInMs: 0 });
    expect(keeperStep(tried.state, { type: 'stopped' }).retryInMs).toBe(0);
  });
});
