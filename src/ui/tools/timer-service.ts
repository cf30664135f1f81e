// The page's timers, alarms and reminders: the list the timer tools write (core/tools'
// TimerStore, synchronous) kept in signals, sealed into IndexedDB on every change, and one browser
// timeout for the next one due. On start it reads the stored list back: what came due while no
// page was open is shown as having gone off while away; the rest keep running to the same minute.
import { computed, signal } from '@preact/signals';
import type { TimerStore as ToolTimerStore } from '../../core/tools/builtin-tools';
import type { ScheduledTimer } from '../../core/tools/timer-schedule';
import { keepNewestFired, scheduleAt } from '../../core/tools/timer-schedule';
import { TimerStore, type FiredTimer } from '../../platform/timer-store';
import { chatStores } from '../state/vault';
import { announce, notify, ring } from './timer-alerts';
import { locale } from '../i18n';
import { durationWords, languageOfLocale, say, type Language } from './tool-words';

export const runningTimers = signal<readonly ScheduledTimer[]>([]);
export const firedTimers = signal<readonly FiredTimer[]>([]);
/** The store could not be read or written; the timers still run in this page. */
export const timerProblem = signal<string | null>(null);
export const hasTimers = computed(() => runningTimers.value.length > 0 || firedTimers.value.length > 0);

let store: TimerStore | null = null;
let started: Promise<void> | null = null;
let timeout: ReturnType<typeof setTimeout> | undefined;
let saving: Promise<void> = Promise.resolve();

/** A reminder in Chinese is announced in Chinese; otherwise the app's language. */
const languageOf = (t: ScheduledTimer): Language =>
  /\p{Script=Han}/u.test(t.text ?? t.label ?? '') ? 'zh' : languageOfLocale(locale.value);

export function startTimers(): Promise<void> {
  return (started ??= (async () => {
    try {
      const opened = await TimerStore.open((await chatStores()).vault);
      const record = await opened.read();
      // A timer set while the store was still opening (a question typed at once) joins the stored
      // ones; it was kept in memory only, so the merged list is written now.
      const early = runningTimers.value.filter((t) => !record.running.some((r) => r.id === t.id));
      const earlyFired = firedTimers.value.filter((t) => !record.fired.some((r) => r.id === t.id));
      store = opened;
      const now = Date.now();
      const { due, remaining } = scheduleAt(record.running, now);
      runningTimers.value = [...remaining.map(({ remainingMs: _r, ...t }) => t), ...early];
      firedTimers.value = keepNewestFired([
        ...record.fired,
        ...due.map((t) => ({ ...t, firedAt: t.dueAt, whileAway: true })),
        ...earlyFired,
      ]);
      if (due.length || early.length || earlyFired.length) save();
    } catch (e) {
      timerProblem.value = e instanceof Error ? e.message : String(e);
    }
    reschedule();
  })());
}

function save(): void {
  const record = { running: [...runningTimers.value], fired: [...firedTimers.value] };
  saving = saving
    .then(() => store?.write(record))
    .then(
      () => void (timerProblem.value = null),
      (e: unknown) => void (timerProblem.value = e instanceof Error ? e.message : String(e)),
    );
}

/** Resolves when every change so far is stored. */
export const timersSaved = (): Promise<void> => saving;

function reschedule(): void {
  clearTimeout(timeout);
  const next = runningTimers.value.reduce<number | null>(
    (soonest, t) => (soonest === null ? t.dueAt : Math.min(soonest, t.dueAt)),
    null,
  );
  if (next === null) return;
  // Browsers clamp long timeouts (over ~24.8 days overflow); waking early just reschedules.
  timeout = setTimeout(fireDue, Math.min(Math.max(0, next - Date.now()), 2 ** 31 - 1));
}

function fireDue(): void {
  const now = Date.now();
  const { due, remaining } = scheduleAt(runningTimers.value, now);
  runningTimers.value = remaining.map(({ remainingMs: _r, ...t }) => t);
  if (due.length) {
    firedTimers.value = keepNewestFired([...firedTimers.value, ...due.map((t) => ({ ...t, firedAt: now, whileAway: false }))]);
    save();
    for (const t of due) void goOff(t);
  }
  reschedule();
}

/** The words said and shown when a timer goes off. */
export function firedSentence(t: ScheduledTimer): string {
  const language = languageOf(t);
  const label = t.label ? (language === 'zh' ? `：${t.label}` : `: ${t.label}`) : '';
  if (t.kind === 'reminder') return say(language, 'reminderDone', { text: t.text ?? '' });
  if (t.kind === 'alarm') return say(language, 'alarmDone', { label });
  return say(language, 'timerDone', {
    label: label || ` (${durationWords(language, Math.round((t.dueAt - t.createdAt) / 1000))})`,
  });
}

async function goOff(t: ScheduledTimer): Promise<void> {
  const sentence = firedSentence(t);
  await Promise.allSettled([ring(), notify('Hearth', sentence, t.id), announce(sentence)]);
}

/** The store the timer tools read and write. */
export const toolTimerStore: ToolTimerStore = {
  read: () => runningTimers.value,
  write: (timers) => {
    runningTimers.value = [...timers];
    save();
    reschedule();
  },
};

export function cancelTimer(id: string): void {
  toolTimerStore.write(runningTimers.value.filter((t) => t.id !== id));
}

export function dismissFired(id?: string): void {
  firedTimers.value = id === undefined ? [] : firedTimers.value.filter((t) => t.id !== id);
  save();
}
