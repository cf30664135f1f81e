import { describe, expect, it } from 'vitest';
import {
  etaSeconds,
  formatBytes,
  formatEta,
  formatRate,
  judgeRangeAnswer,
  parseContentRange,
  planRange,
  RateMeter,
  Throttle,
} from '../../src/core/transfer-math';

describe('parseContentRange', () => {
  it('reads start, end and total', () => {
    expect(parseContentRange('bytes 100-199/1000')).toEqual({ start: 100, end: 199, total: 1000 });
    expect(parseContentRange('BYTES 0-0/1')).toEqual({ start: 0, end: 0, total: 1 });
  });
  it('accepts an unknown total', () => {
    expect(parseContentRange('bytes 5-9/*')).toEqual({ start: 5, end: 9, total: null });
  });
  it('rejects malformed or impossible ranges', () => {
    for (const bad of [null, undefined, '', 'bytes */1000', 'bytes 10-5/100', 'bytes 0-100/100', 'items 0-1/2', 'bytes 1-2']) {
      expect(parseContentRange(bad)).toBeNull();
    }
  });
});

describe('planRange', () => {
  it('asks for everything, the rest, or nothing', () => {
    expect(planRange(0, 100)).toEqual({ kind: 'full' });
    expect(planRange(40, 100)).toEqual({ kind: 'resume', start: 40, header: 'bytes=40-' });
    expect(planRange(100, 100)).toEqual({ kind: 'complete' });
    expect(planRange(120, 100)).toEqual({ kind: 'complete' });
  });
});

describe('judgeRangeAnswer', () => {
  const resume = planRange(40, 100);
  it('appends a 206 that starts where the stored bytes end', () => {
    expect(judgeRangeAnswer(resume, 206, 'bytes 40-99/100', 100)).toEqual({ action: 'append', start: 40 });
    expect(judgeRangeAnswer(resume, 206, 'bytes 40-99/*', 100)).toEqual({ action: 'append', start: 40 });
  });
  it('restarts when a range request gets the whole file (200)', () => {
    expect(judgeRangeAnswer(resume, 200, null, 100)).toEqual({ action: 'restart' });
  });
  it('appends a plain 200 from byte 0 when nothing was stored', () => {
    expect(judgeRangeAnswer(planRange(0, 100), 200, null, 100)).toEqual({ action: 'append', start: 0 });
  });
  it('rejects a 206 at another offset, of another size, or without Content-Range', () => {
    expect(judgeRangeAnswer(resume, 206, 'bytes 0-99/100', 100)).toMatchObject({
      action: 'reject',
      reason: expect.stringContaining('asked for byte 40'),
    });
    expect(judgeRangeAnswer(resume, 206, 'bytes 40-119/120', 100)).toMatchObject({
      action: 'reject',
      reason: expect.stringContaining('120 bytes'),
    });
    expect(judgeRangeAnswer(resume, 206, null, 100).action).toBe('reject');
    expect(judgeRangeAnswer(resume, 304, null, 100).action).toBe('reject');
  });
});

describe('RateMeter', () => {
  it('converges on a steady rate', () => {
    const meter = new RateMeter();
    for (let t = 0; t <= 10_000; t += 250) meter.add(250_000, t); // 1 MB/s
    expect(meter.bytesPerSecond()).toBeCloseTo(1_000_000, -3);
  });
  it('uses the first read only to start the clock', () => {
    const meter = new RateMeter();
    meter.add(50_000_000, 0);
    expect(meter.bytesPerSecond()).toBe(0);
    meter.add(100_000, 1000);
    expect(meter.bytesPerSecond()).toBeCloseTo(100_000);
  });
  it('pools reads that arrive closer together than the sample interval', () => {
    const meter = new RateMeter(3000, 200);
    meter.add(0, 0);
    for (let t = 10; t <= 200; t += 10) meter.add(10_000, t); // 20 reads, 200 kB in 200 ms
    expect(meter.bytesPerSecond()).toBeCloseTo(1_000_000, -3);
  });
  it('follows a change of speed smoothly, not at once', () => {
    const meter = new RateMeter(3000);
    let t = 0;
    for (; t <= 10_000; t += 500) meter.add(500_000, t); // 1 MB/s
    meter.add(50_000, (t += 500)); // drops to 100 kB/s
    const afterOne = meter.bytesPerSecond();
    expect(afterOne).toBeLessThan(1_000_000);
    expect(afterOne).toBeGreaterThan(500_000);
    for (let i = 0; i < 60; i++) meter.add(50_000, (t += 500));
    expect(Math.abs(meter.bytesPerSecond() - 100_000)).toBeLessThan(1000); // within 1% after 10 half-lives
  });
});

describe('etaSeconds', () => {
  it('rounds up, is 0 when done and null while the speed is unknown', () => {
    expect(etaSeconds(1_000_001, 1_000_000)).toBe(2);
    expect(etaSeconds(0, 0)).toBe(0);
    expect(etaSeconds(10, 0)).toBeNull();
    expect(etaSeconds(10, Number.NaN)).toBeNull();
  });
});

describe('Throttle', () => {
  it('lets one event through per interval unless forced', () => {
    const throttle = new Throttle(100);
    const passed = [0, 30, 99, 100, 150, 201].filter((t) => throttle.ready(t));
    expect(passed).toEqual([0, 100, 201]);
    expect(throttle.ready(210, true)).toBe(true);
    expect(throttle.ready(250)).toBe(false);
  });
});

describe('formatting', () => {
  it('formats bytes in decimal units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1.00 kB');
    expect(formatBytes(4_036_814)).toBe('4.04 MB');
    expect(formatBytes(19_715_447)).toBe('19.7 MB');
    expect(formatBytes(123_456_789)).toBe('123 MB');
    expect(formatBytes(1.5e9)).toBe('1.50 GB');
    expect(formatBytes(-1)).toBe('–');
    expect(formatBytes(Number.NaN)).toBe('–');
    expect(formatRate(2_500_000)).toBe('2.50 MB/s');
  });
  it('formats an ETA', () => {
    expect(formatEta(null)).toBe('–');
    expect(formatEta(0.2)).toBe('1 s');
    expect(formatEta(45)).toBe('45 s');
    expect(formatEta(61)).toBe('2 min');
    expect(formatEta(3900)).toBe('1 h 05 min');
  });
});
