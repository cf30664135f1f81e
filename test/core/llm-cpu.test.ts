import { describe, expect, it } from 'vitest';
import { cpuThreads, speedReport } from '../../src/core/llm-cpu';

describe('cpuThreads', () => {
  it('is single-threaded without cross-origin isolation', () => {
    expect(cpuThreads({ isolated: false, cores: 16 })).toBe(1);
  });
  it('uses half the cores when isolated, at most 8', () => {
    expect(cpuThreads({ isolated: true, cores: 4 })).toBe(2);
    expect(cpuThreads({ isolated: true, cores: 12 })).toBe(6);
    expect(cpuThreads({ isolated: true, cores: 64 })).toBe(8);
  });
  it('stays single-threaded on 2 cores or fewer, or an unknown count', () => {
    expect(cpuThreads({ isolated: true, cores: 2 })).toBe(1);
    expect(cpuThreads({ isolated: true, cores: 1 })).toBe(1);
    expect(cpuThreads({ isolated: true, cores: Number.NaN })).toBe(1);
  });
});

describe('speedReport', () => {
  it('measures time to first token and the decode rate after it', () => {
    expect(speedReport({ startedAt: 100, firstTokenAt: 150, endedAt: 1150, tokens: 21 })).toEqual({
      ttftMs: 50,
      tokensPerSecond: 20,
    });
  });
  it('has no rate with a single token, and nothing without tokens', () => {
    expect(speedReport({ startedAt: 0, firstTokenAt: 30, endedAt: 30, tokens: 1 })).toEqual({
      ttftMs: 30,
      tokensPerSecond: null,
    });
    expect(speedReport({ startedAt: 0, firstTokenAt: null, endedAt: 90, tokens: 0 })).toEqual({
      ttftMs: null,
      tokensPerSecond: null,
    });
  });
  it('rounds the rate to one decimal', () => {
    expect(speedReport({ startedAt: 0, firstTokenAt: 0, endedAt: 3000, tokens: 11 }).tokensPerSecond).toBe(3.3);
  });
});
