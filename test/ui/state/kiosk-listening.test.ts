// The kiosk's listening keeper against a scripted voice loop (signals standing in for the page's
// voice state; the browser test drives the real one with the fake microphone).
import 'fake-indexeddb/auto'; // the settings state this module reads opens IndexedDB
import { signal } from '@preact/signals';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepListening, listenRetrying, type Listening } from '../../../src/ui/state/kiosk';

function scriptedVoice(outcomes: boolean[]) {
  const on = signal(false);
  const starting = signal(false);
  const problem = signal<string | null>(null);
  let tries = 0;
  const voice: Listening = {
    micOn: async () => {
      tries += 1;
      starting.value = true;
      await Promise.resolve();
      const ok = outcomes.shift() ?? true;
      problem.value = ok ? null : 'no-mic';
      on.value = ok;
      starting.value = false;
    },
    micOff: () => void (on.value = false),
    isOn: () => on.value,
    isStarting: () => starting.value,
    workerFailed: () => problem.value === 'listen-failed',
    worthRetrying: () => problem.value !== 'no-vad',
  };
  return { voice, on, problem, tries: () => tries };
}

/** Node has no navigator: the keeper only needs mediaDevices' devicechange events. */
let mediaDevices: EventTarget;
beforeEach(() => {
  vi.useFakeTimers();
  mediaDevices = new EventTarget();
  vi.stubGlobal('navigator', { mediaDevices });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('keepListening', () => {
  it('starts listening once ready, and retries failures with growing pauses', async () => {
    const ready = signal(false);
    const v = scriptedVoice([false, false, false, true]);
    const stop = keepListening(v.voice, () => ready.value);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(v.tries()).toBe(0); // not before the conversations are open
    ready.value = true;
    await vi.advanceTimersByTimeAsync(0);
    expect(v.tries()).toBe(1);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(v.tries()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(v.tries()).toBe(2);
    expect(listenRetrying.value).toBe(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(v.tries()).toBe(3);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(v.tries()).toBe(4);
    expect(v.on.value).toBe(true);
    expect(listenRetrying.value).toBe(false);
    stop();
  });

  it('opens the microphone again at once after a loss, and after a worker failure', async () => {
    const v = scriptedVoice([]);
    const stop = keepListening(v.voice, () => true);
    await vi.advanceTimersByTimeAsync(0);
    expect(v.on.value).toBe(true);
    v.on.value = false; // the microphone went away
    await vi.advanceTimersByTimeAsync(0);
    expect(v.tries()).toBe(2);
    expect(v.on.value).toBe(true);
    v.problem.value = 'listen-failed'; // the worker broke while the microphone stayed open
    await vi.advanceTimersByTimeAsync(0);
    expect(v.tries()).toBe(3);
    expect(v.on.value).toBe(true);
    stop();
  });

  it('tries again at once when a microphone is plugged in, however long the pause had grown', async () => {
    const v = scriptedVoice([false, false, false, false, true]);
    const stop = keepListening(v.voice, () => true);
    await vi.advanceTimersByTimeAsync(2_000 + 5_000);
    expect(v.tries()).toBe(3); // now waiting 15 s
    mediaDevices.dispatchEvent(new Event('devicechange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(v.tries()).toBe(4);
    stop();
  });

  it('does not retry what only the person can fix, and stops with the kiosk screen', async () => {
    const v = scriptedVoice([false]);
    v.voice.worthRetrying = () => v.problem.value === null; // as after a refusal or a missing model
    const stop = keepListening(v.voice, () => true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(v.tries()).toBe(1);
    stop();
    const w = scriptedVoice([false, false]);
    const stopW = keepListening(w.voice, () => true);
    await vi.advanceTimersByTimeAsync(0);
    stopW();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(w.tries()).toBe(1);
  });
});
