// What a broker connection is doing, in words a person can act on, and when it tries again. The
// connector (page side) feeds it the errors mqtt.js reports; everything here is pure.

export type ConnectionState =
  'idle' | 'connecting' | 'connected' | 'reconnecting' | 'unreachable' | 'refused' | 'blocked' | 'closed';

export type ConnectionProblem =
  | 'bad-credentials'
  | 'not-authorized'
  | 'broker-unavailable'
  | 'protocol'
  | 'unreachable'
  | 'timeout'
  | 'dropped'
  | 'invalid-url'
  | 'not-websocket'
  | 'mixed-content';

export interface ConnectionStatus {
  state: ConnectionState;
  /** One sentence for the person: what happened and what to do. */
  message: string;
  problem?: ConnectionProblem;
  /** Attempts since the last good connection (1 = the first retry). */
  attempt?: number;
  /** When the next attempt starts, in ms from when this status was made. */
  retryInMs?: number;
}

/** A CONNACK refusal (MQTT 3.1.1 return codes 1–5, MQTT 5 reason codes ≥ 0x80) in words. */
export function refusalFromCode(code: number): { problem: ConnectionProblem; message: string; retry: boolean } | undefined {
  switch (code) {
    case 4:
    case 134:
      return { problem: 'bad-credentials', message: 'the broker refused the user name or password', retry: false };
    case 5:
    case 135:
    case 138:
    case 140:
      return {
        problem: 'not-authorized',
        message: 'the broker refused the login: not authorised (a wrong password, or this user may not connect)',
        retry: false,
      };
    case 3:
    case 136:
    case 137:
      return { problem: 'broker-unavailable', message: 'the broker is up but not accepting connections right now', retry: true };
    case 1:
    case 2:
    case 132:
    case 133:
      return { problem: 'protocol', message: `the broker refused this client (MQTT code ${code})`, retry: false };
    default:
      return undefined;
  }
}

/** An error from the transport (no CONNACK came) in words. */
export function transportProblem(
  error: { code?: unknown; message?: unknown } | undefined,
  address: string,
): { problem: ConnectionProblem; message: string } {
  const code = typeof error?.code === 'string' ? error.code : '';
  const text = typeof error?.message === 'string' ? error.message : '';
  if (/timeout/i.test(code) || /timed? ?out/i.test(text)) {
    return { problem: 'timeout', message: `no MQTT answer from ${address} in time: is it the broker's WebSockets port?` };
  }
  return {
    problem: 'unreachable',
    message: `cannot reach a broker at ${address}${code ? ` (${code})` : ''}: check the address, that the broker runs and that this port is its WebSockets listener`,
  };
}

export interface Backoff {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 30_000, factor: 2 };

/** Delay before retry `attempt` (1-based): exponential, capped, with ±20 % jitter from `random` ∈ [0, 1)
 *  so many clients that lost one broker do not all return in the same instant. */
export function backoffDelay(attempt: number, backoff: Backoff = DEFAULT_BACKOFF, random = 0.5): number {
  const base = Math.min(backoff.maxMs, backoff.initialMs * backoff.factor ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random));
}
