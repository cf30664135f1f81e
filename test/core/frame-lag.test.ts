import { describe, expect, it } from 'vitest';
import { FrameLag } from '../../src/core/frame-lag';

describe('FrameLag', () => {
  it('frames decided as they arrive in real time have no lag', () => {
    const lag = new FrameLag();
    for (let i = 1; i <= 10; i++) {
      lag.arrived(1000 + i * 32, i * 32);
      expect(lag.decided(1000 + i * 32 + 1, i * 32)).toBe(1);
    }
    expect(lag.takeMax()).toBe(1);
    expect(lag.takeMax()).toBe(0);
  });

  it('a worker that was busy: frames queued behind the work show how late they were decided', () => {
    const lag = new FrameLag();
    lag.arrived(1032, 32);
    lag.decided(1032, 32);
    // 300 ms of other work: the next frames arrive in a burst and are decided late.
    for (let i = 2; i <= 11; i++) lag.arrived(1352, i * 32);
    expect(lag.decided(1353, 64)).toBe(1353 - 1000 - 64);
    expect(lag.decided(1354, 11 * 32)).toBe(1354 - 1000 - 352);
    expect(lag.takeMax()).toBe(289);
  });

  it('the earliest arrival sets the clock: a late first frame is corrected by later ones', () => {
    const lag = new FrameLag();
    lag.arrived(1100, 32); // delivered 68 ms late
    expect(lag.decided(1100, 32)).toBe(0);
    lag.arrived(1064, 64); // on time
    expect(lag.decided(1070, 64)).toBe(6);
  });
});
