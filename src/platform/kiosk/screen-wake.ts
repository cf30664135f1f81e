// Keeps the screen on with the Screen Wake Lock API while the page is visible. The browser drops
// the lock whenever the page is hidden (and may drop it on low battery); this asks again each time
// the page is visible, and lets its own lock go when hidden so the state shown is never stale.

export type ScreenWakeState = 'held' | 'released' | 'unsupported' | 'refused';

export interface ScreenWakeReport {
  state: ScreenWakeState;
  /** Why a request was refused (the browser's words). */
  detail?: string;
  /** Locks granted since start(): each re-acquisition counts. */
  granted: number;
}

/** A lock dropped by the system while visible is asked for again after this pause, not in a loop. */
const RETRY_AFTER_DROP_MS = 1_000;

export function keepScreenOn(report: (r: ScreenWakeReport) => void): () => void {
  if (!('wakeLock' in navigator)) {
    report({ state: 'unsupported', granted: 0 });
    return () => undefined;
  }
  let sentinel: WakeLockSentinel | null = null;
  let requesting = false;
  let stopped = false;
  let granted = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const acquire = async () => {
    if (stopped || requesting || sentinel || document.visibilityState !== 'visible') return;
    requesting = true;
    try {
      const lock = await navigator.wakeLock.request('screen');
      if (stopped) return void lock.release().catch(() => undefined);
      sentinel = lock;
      granted += 1;
      lock.addEventListener('release', () => {
        if (sentinel !== lock) return;
        sentinel = null;
        report({ state: 'released', granted });
        if (!stopped && document.visibilityState === 'visible') retry = setTimeout(() => void acquire(), RETRY_AFTER_DROP_MS);
      });
      report({ state: 'held', granted });
    } catch (e) {
      report({ state: 'refused', detail: e instanceof Error ? e.message : String(e), granted });
    } finally {
      requesting = false;
    }
  };

  const onVisibility = () => {
    clearTimeout(retry);
    if (document.visibilityState === 'visible') return void acquire();
    const lock = sentinel;
    sentinel = null;
    if (lock) {
      report({ state: 'released', granted });
      void lock.release().catch(() => undefined);
    }
  };

  document.addEventListener('visibilitychange', onVisibility);
  void acquire();
  return () => {
    stopped = true;
    clearTimeout(retry);
    document.removeEventListener('visibilitychange', onVisibility);
    const lock = sentinel;
    sentinel = null;
    void lock?.release().catch(() => undefined);
  };
}
