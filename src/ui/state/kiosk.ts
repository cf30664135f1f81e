// Kiosk mode on the page: entering and leaving it, the PIN (hashed, attempts limited and counted
// across reloads), and while the ambient screen is up, the screen kept on and listening kept going.
// Loaded only by the kiosk screen and the Settings card.
import { computed, effect, signal } from '@preact/signals';
import {
  afterRightPin,
  afterWrongPin,
  NO_ATTEMPTS,
  pinProblem,
  waitBeforeAttempt,
  type PinProblem,
} from '../../core/kiosk/pin-rules';
import { keeperStep, type ListenKeeperState } from '../../core/kiosk/listen-retry';
import { hashPin, pinMatches } from '../../platform/kiosk/pin-hash';
import { keepScreenOn, type ScreenWakeReport } from '../../platform/kiosk/screen-wake';
import { settings, updateSettings } from './settings';

export type PinCheck = { ok: true } | { ok: false; waitMs: number };

/** The screen wake lock while the kiosk screen is up; null before it starts. */
export const screenWake = signal<ScreenWakeReport | null>(null);
/** Listening stopped on its own and a retry is scheduled. */
export const listenRetrying = signal(false);

export async function setKioskPin(pin: string): Promise<PinProblem | null> {
  const problem = pinProblem(pin);
  if (problem) return problem;
  await updateSettings({ kioskPin: await hashPin(pin), kioskAttempts: NO_ATTEMPTS });
  return null;
}

/** Checks a PIN against the stored one, within the attempt limit (no PIN set: anything passes).
 *  `waitMs` > 0 on a refusal says how long before the next PIN is even checked. */
export async function checkKioskPin(pin: string): Promise<PinCheck> {
  const { kioskPin, kioskAttempts } = settings.value;
  if (!kioskPin) return { ok: true };
  const wait = waitBeforeAttempt(kioskAttempts, Date.now());
  if (wait > 0) return { ok: false, waitMs: wait };
  if (await pinMatches(pin, kioskPin)) {
    await updateSettings({ kioskAttempts: afterRightPin() });
    return { ok: true };
  }
  // Counted from the state as it is after the slow hash, not as read before it: attempts that
  // overlapped in this page all count.
  const now = Date.now();
  const next = afterWrongPin(settings.value.kioskAttempts, now);
  await updateSettings({ kioskAttempts: next });
  return { ok: false, waitMs: waitBeforeAttempt(next, now) };
}

export async function leaveKiosk(pin: string): Promise<PinCheck> {
  const check = await checkKioskPin(pin);
  if (!check.ok) return check;
  await updateSettings({ kiosk: false });
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  location.hash = '#/settings';
  return check;
}

export interface Listening {
  micOn: () => Promise<void>;
  micOff: () => void;
  /** The speech worker failed while listening (its models could not load, or its listening broke). */
  workerFailed: () => boolean;
  isOn: () => boolean;
  isStarting: () => boolean;
  /** False when trying again cannot help by itself: models missing, the microphone refused. */
  worthRetrying: () => boolean;
}

/** Failures in the speech worker: closing and opening again reloads what it holds. */
const WORKER_FAILURES = new Set(['listen-failed', 'load-failed']);
/** Problems only the person can fix (in Models, or in the browser's site settings). */
const WAITS_FOR_PERSON = new Set(['no-vad', 'no-stt', 'no-wake', 'mic-denied']);

/** While the kiosk screen is up: the screen stays on, and listening is started and restarted after a
 *  microphone loss, a worker failure or a refusal, at once and then with growing pauses. Returns the
 *  function that stops both. `ready` says when listening may start (the conversations are open). */
export async function startKioskSession(ready: () => boolean): Promise<() => void> {
  const stopWake = keepScreenOn((r) => (screenWake.value = r));
  const voice = await import('./voice');
  const listening: Listening = {
    micOn: voice.micOn,
    micOff: voice.micOff,
    workerFailed: () => WORKER_FAILURES.has(voice.voiceProblem.value?.problem ?? ''),
    isOn: () => voice.turn.value.micOn,
    isStarting: () => voice.voiceStarting.value,
    worthRetrying: () => !WAITS_FOR_PERSON.has(voice.voiceProblem.value?.problem ?? ''),
  };
  const stopKeeper = keepListening(listening, ready);
  return () => {
    stopWake();
    stopKeeper();
    // Listening was the kiosk's doing: leaving it (to Settings) must not leave the microphone open.
    voice.micOff();
    screenWake.value = null;
  };
}

export function keepListening(voice: Listening, ready: () => boolean): () => void {
  let state: ListenKeeperState = { attempt: 0 };
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Computed: only a change of these re-runs the effect, not every turn of the conversation.
  const on = computed(() => voice.isOn());
  const starting = computed(() => voice.isStarting());
  const schedule = (ms: number) => {
    clearTimeout(timer);
    listenRetrying.value = state.attempt > 1;
    timer = setTimeout(() => void voice.micOn().catch(() => undefined), ms);
  };
  const failed = computed(() => voice.workerFailed());
  // A worker failure leaves the microphone nominally on but nothing listening: close it, and the
  // keeper below opens it again.
  const closeOnFailure = effect(() => {
    if (failed.value && on.peek()) voice.micOff();
  });
  const dispose = effect(() => {
    if (!ready()) return;
    if (on.value) {
      clearTimeout(timer);
      state = keeperStep(state, { type: 'listening' }).state;
      listenRetrying.value = false;
      return;
    }
    if (starting.value) return;
    if (!voice.worthRetrying()) {
      clearTimeout(timer);
      listenRetrying.value = false;
      return;
    }
    const step = keeperStep(state, { type: 'stopped' });
    state = step.state;
    if (step.retryInMs !== null) schedule(step.retryInMs);
  });
  const onDevices = () => {
    if (on.peek() || starting.peek() || !ready()) return;
    const step = keeperStep(state, { type: 'devices-changed' });
    state = step.state;
    if (step.retryInMs !== null) schedule(step.retryInMs);
  };
  navigator.mediaDevices?.addEventListener('devicechange', onDevices);
  return () => {
    dispose();
    closeOnFailure();
    clearTimeout(timer);
    navigator.mediaDevices?.removeEventListener('devicechange', onDevices);
    listenRetrying.value = false;
  };
}
