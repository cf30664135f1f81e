// The kiosk PIN: what counts as one, and how wrong guesses slow the next. A few slips are free (a
// child poking at the tablet, a typo); after that each wrong PIN doubles the wait before another is
// checked, so guessing a 4-digit PIN takes days, not minutes. The state is stored with the settings,
// so a reload does not reset the count.

export const PIN_MIN_DIGITS = 4;
export const PIN_MAX_DIGITS = 12;
/** Wrong PINs allowed before the first wait. */
export const FREE_ATTEMPTS = 3;
export const FIRST_WAIT_MS = 30_000;
export const LONGEST_WAIT_MS = 15 * 60_000;

export type PinProblem = 'too-short' | 'too-long' | 'not-digits';

export interface PinAttempts {
  /** Wrong PINs in a row since the last right one. */
  failures: number;
  /** Epoch ms before which no PIN is checked (0: none pending). */
  lockedUntil: number;
}

/** A PIN as stored: PBKDF2-SHA-256 of it, never the digits (platform/kiosk/pin-hash.ts). */
export interface PinRecord {
  /** base64 */
  salt: string;
  /** base64 of 32 derived bytes */
  hash: string;
  iterations: number;
}

export const NO_ATTEMPTS: PinAttempts = { failures: 0, lockedUntil: 0 };

/** Digits only (a tablet shows a number pad), 4 to 12 of them. */
export function pinProblem(pin: string): PinProblem | null {
  if (!/^\d*$/.test(pin)) return 'not-digits';
  if (pin.length < PIN_MIN_DIGITS) return 'too-short';
  if (pin.length > PIN_MAX_DIGITS) return 'too-long';
  return null;
}

/** How long until a PIN may be checked; 0 = now. A clock set back never waits longer than the
 *  longest wait. */
export function waitBeforeAttempt(state: PinAttempts, now: number): number {
  const left = state.lockedUntil - now;
  return left <= 0 ? 0 : Math.min(left, LONGEST_WAIT_MS);
}

export function waitAfterFailures(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(FIRST_WAIT_MS * 2 ** (failures - FREE_ATTEMPTS), LONGEST_WAIT_MS);
}

export function afterWrongPin(state: PinAttempts, now: number): PinAttempts {
  const failures = state.failures + 1;
  const wait = waitAfterFailures(failures);
  return { failures, lockedUntil: wait ? now + wait : 0 };
}

export const afterRightPin = (): PinAttempts => NO_ATTEMPTS;
