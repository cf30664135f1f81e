import { describe, expect, it } from 'vitest';
import { backoffDelay, refusalFromCode, transportProblem } from '../../../src/core/devices/connection-status';

describe('connection status', () => {
  it('reads CONNACK refusals of MQTT 3.1.1 and 5', () => {
    expect(refusalFromCode(4)).toMatchObject({ problem: 'bad-credentials', retry: false });
    expect(refusalFromCode(134)).toMatchObject({ problem: 'bad-credentials', retry: false });
    expect(refusalFromCode(5)).toMatchObject({ problem: 'not-authorized', retry: false });
    expect(refusalFromCode(3)).toMatchObject({ problem: 'broker-unavailable', retry: true });
    expect(refusalFromCode(0)).toBeUndefined();
  });

  it('names transport failures with the address', () => {
    expect(transportProblem({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 'ws://127.0.0.1:1')).toEqual({
      problem: 'unreachable',
      message: expect.stringContaining('ws://127.0.0.1:1 (ECONNREFUSED)'),
    });
    expect(transportProblem({ message: 'connack timeout' }, 'ws://x')).toMatchObject({ problem: 'timeout' });
  });

  it('backs off exponentially to a cap, with bounded jitter', () => {
    const backoff = { initialMs: 500, maxMs: 30_000, factor: 2 };
    expect([1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, backoff, 0.5))).toEqual([500, 1000, 2000, 4000, 30_000]);
    expect(backoffDelay(1, backoff, 0)).toBe(400);
    expect(backoffDelay(1, backoff, 0.999999)).toBe(600);
  });
});
