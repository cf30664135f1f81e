// Timers, alarms and reminders as plain data with absolute due times, so a stored list survives a
// reload and a tab that was closed: given the list and "now", what is due and what remains. The
// caller stores the list and rings the bell; nothing here keeps time.

export type TimerKind = 'timer' | 'alarm' | 'reminder';

export interface ScheduledTimer {
  id: string;
  kind: TimerKind;
  /** Milliseconds since the epoch. */
  dueAt: number;
  createdAt: number;
  label?: string;
  /** What to remind the person of (reminders). */
  text?: string;
}

export interface Schedule {
  due: ScheduledTimer[];
  remaining: Array<ScheduledTimer & { remainingMs: number }>;
}

/** Splits a stored list at `now`: what should ring (oldest first) and what is still running. */
export function scheduleAt(timers: readonly ScheduledTimer[], now: number): Schedule {
  const sorted = [...timers].sort((a, b) => a.dueAt - b.dueAt);
  return {
    due: sorted.filter((t) => t.dueAt <= now),
    remaining: sorted.filter((t) => t.dueAt > now).map((t) => ({ ...t, remainingMs: t.dueAt - now })),
  };
}

export function addTimer(timers: readonly ScheduledTimer[], timer: ScheduledTimer): ScheduledTimer[] {
  return [...timers.filter((t) => t.id !== timer.id), timer];
}

/** When an alarm at hour:minute next rings, in the caller's time zone: today if still ahead, else
 *  tomorrow. (A day with a daylight-saving change may shift it by that hour.) */
export function nextClockTime(hour: number, minute: number, now: number, timeZone: string): number {
  const wanted = hour * 60 + minute;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  })
    .formatToParts(new Date(now))
    .reduce<Record<string, number>>((acc, p) => (p.type === 'literal' ? acc : { ...acc, [p.type]: Number(p.value) }), {});
  const nowSeconds = (parts.hour ?? 0) * 3600 + (parts.minute ?? 0) * 60 + (parts.second ?? 0);
  let delta = wanted * 60 - nowSeconds;
  if (delta <= 0) delta += 24 * 3600;
  // Whole seconds from now, minus the milliseconds already past in this second.
  return now + delta * 1000 - (now % 1000);
}

export type CancelResult =
  | { kind: 'cancelled'; cancelled: ScheduledTimer[]; timers: ScheduledTimer[] }
  | { kind: 'none-running' }
  | { kind: 'no-match'; label: string }
  /** Several run and none was named: ask which (never cancel one at random). */
  | { kind: 'which'; running: ScheduledTimer[] };

/** Cancels by label, or the only one running; `all` cancels every one. */
export function cancelTimers(
  timers: readonly ScheduledTimer[],
  now: number,
  { label, all = false }: { label?: string; all?: boolean } = {},
): CancelResult {
  const running = scheduleAt(timers, now).remaining.map(({ remainingMs: _r, ...t }) => t);
  if (running.length === 0) return { kind: 'none-running' };
  let chosen: ScheduledTimer[];
  if (all) chosen = running;
  else if (label) {
    const wanted = label.trim().toLowerCase();
    chosen = running.filter((t) => [t.label, t.text, t.kind].some((v) => v?.toLowerCase() === wanted));
    if (chosen.length === 0)
      chosen = running.filter((t) => t.label?.toLowerCase().includes(wanted) || t.text?.toLowerCase().includes(wanted));
    if (chosen.length === 0) return { kind: 'no-match', label };
  } else if (running.length === 1) chosen = running;
  else return { kind: 'which', running };
  const ids = new Set(chosen.map((t) => t.id));
  return { kind: 'cancelled', cancelled: chosen, timers: timers.filter((t) => !ids.has(t.id)) };
}

/** How many timers that went off stay listed until dismissed: a list nobody tidies (a phone's
 *  home-screen app left open for weeks) stays short, and so does its stored record. */
export const FIRED_KEPT = 20;

/** The last `max` of a list of timers that went off, kept in the order they went off. */
export const keepNewestFired = <T>(fired: readonly T[], max = FIRED_KEPT): T[] => fired.slice(-max);
