// Listening on a kiosk restarts by itself after the microphone goes away or a worker fails: at once
// the first time, then with growing pauses, so a microphone that is really gone is not hammered
// (each try is a getUserMedia and model loads). A device plugged in retries at once.

export const RETRY_STEPS_MS = [0, 2_000, 5_000, 15_000, 30_000] as const;

/** The pause before retry number `attempt` (0 = the first retry after listening stopped). */
export const retryDelay = (attempt: number): number => RETRY_STEPS_MS[Math.min(Math.max(0, attempt), RETRY_STEPS_MS.length - 1)]!;

export interface ListenKeeperState {
  /** Retries since listening last ran. */
  attempt: number;
}

export type ListenKeeperEvent =
  /** The microphone is on and listening: the count starts again. */
  | { type: 'listening' }
  /** Listening stopped, or a try to start it failed. */
  | { type: 'stopped' }
  /** A microphone was plugged in or the system's devices changed. */
  | { type: 'devices-changed' };

export interface ListenKeeperStep {
  state: ListenKeeperState;
  /** Try to listen after this many ms; null = nothing to do. */
  retryInMs: number | null;
}

export function keeperStep(state: ListenKeeperState, event: ListenKeeperEvent): ListenKeeperStep {
  switch (event.type) {
    case 'listening':
      return { state: { attempt: 0 }, retryInMs: null };
    case 'stopped':
      return { state: { attempt: state.attempt + 1 }, retryInMs: retryDelay(state.attempt) };
    case 'devices-changed':
      return { state, retryInMs: 0 };
  }
}
