import { describe, expect, it } from 'vitest';
import { timerTools } from '../../../src/core/tools/builtin-tools';
import {
  cancelTimers,
  FIRED_KEPT,
  keepNewestFired,
  nextClockTime,
  scheduleAt,
  type ScheduledTimer,
} from '../../../src/core/tools/timer-schedule';
import { createToolRegistry } from '../../../src/core/tools/tool-registry';

const T0 = Date.UTC(2026, 11, 6, 8, 0, 0);
const timer = (id: string, dueInS: number, label?: string): ScheduledTimer => ({
  id,
  kind: 'timer',
  dueAt: T0 + dueInS * 1000,
  createdAt: T0,
  ...(label ? { label } : {}),
});

describe('timer schedule', () => {
  it('splits a stored list into due and remaining at any "now", as after a reload', () => {
    const list = [timer('b', 600, 'pasta'), timer('a', 60, 'eggs')];
    expect(scheduleAt(list, T0).due).toEqual([]);
    const later = scheduleAt(list, T0 + 120_000);
    expect(later.due.map((t) => t.id)).toEqual(['a']);
    expect(later.remaining).toEqual([{ ...list[0], remainingMs: 480_000 }]);
    // A tab closed for an hour comes back to both, oldest first.
    expect(scheduleAt(list, T0 + 3_600_000).due.map((t) => t.id)).toEqual(['a', 'b']);
  });

  it('cancels by label, the only one, or asks which', () => {
    const list = [timer('a', 60, 'eggs'), timer('b', 600, 'pasta')];
    expect(cancelTimers(list, T0, { label: 'Pasta' })).toMatchObject({ kind: 'cancelled', timers: [list[0]] });
    expect(cancelTimers(list, T0)).toMatchObject({ kind: 'which' });
    expect(cancelTimers([list[1]!], T0)).toMatchObject({ kind: 'cancelled', timers: [] });
    expect(cancelTimers(list, T0, { label: 'rice' })).toEqual({ kind: 'no-match', label: 'rice' });
    expect(cancelTimers(list, T0 + 3_600_000)).toEqual({ kind: 'none-running' });
    expect(cancelTimers(list, T0, { all: true })).toMatchObject({ kind: 'cancelled', timers: [] });
  });

  it('keeps the newest timers that went off, in order, when nobody dismisses them', () => {
    const fired = Array.from({ length: FIRED_KEPT + 5 }, (_, i) => ({ ...timer(`t${i}`, i), firedAt: T0 + i * 1000 }));
    const kept = keepNewestFired(fired);
    expect(kept.map((t) => t.id)).toEqual(fired.slice(5).map((t) => t.id));
    expect(keepNewestFired(fired.slice(0, 3))).toEqual(fired.slice(0, 3));
    expect(keepNewestFired(fired, 2).map((t) => t.id)).toEqual([`t${FIRED_KEPT + 3}`, `t${FIRED_KEPT + 4}`]);
  });

  it('puts an alarm at its next time of day in the caller time zone', () => {
    // 08:00 UTC is 16:00 in Shanghai: 07:00 there is tomorrow, 23:00 today.
    expect(nextClockTime(7, 0, T0, 'Asia/Shanghai')).toBe(T0 + 15 * 3600_000);
    expect(nextClockTime(23, 0, T0, 'Asia/Shanghai')).toBe(T0 + 7 * 3600_000);
    expect(nextClockTime(9, 30, T0, 'UTC')).toBe(T0 + 90 * 60_000);
  });

  it('survives a reload through the tools: the store holds absolute times', async () => {
    let stored: readonly ScheduledTimer[] = [];
    const store = { read: () => stored, write: (t: readonly ScheduledTimer[]) => void (stored = JSON.parse(JSON.stringify(t))) };
    let n = 0;
    const first = createToolRegistry(timerTools(store, () => `t${++n}`));
    const ctx = { now: T0, timeZone: 'UTC', locale: 'en-GB' };
    await first.run({ tool: 'timer_start', arguments: { duration_seconds: 300, label: 'tea' } }, ctx);
    // "Reload": a new registry over the same stored list, ten minutes later.
    const second = createToolRegistry(timerTools(store, () => `t${++n}`));
    expect(scheduleAt(store.read(), T0 + 600_000).due).toMatchObject([{ label: 'tea', dueAt: T0 + 300_000 }]);
    const status = await second.run({ tool: 'timer_status', arguments: {} }, { ...ctx, now: T0 + 60_000 });
    expect(status).toMatchObject({ status: 'done', result: { data: [{ label: 'tea', remaining_seconds: 240 }] } });
  });
});
