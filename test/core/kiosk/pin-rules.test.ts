import { describe, expect, it } from 'vitest';
import {
  afterRightPin,
  afterWrongPin,
  FIRST_WAIT_MS,
  LONGEST_WAIT_MS,
  NO_ATTEMPTS,
  pinProblem,
  waitAfterFailures,
  waitBeforeAttempt,
} from '../../../src/core/kiosk/pin-rules';

describe('pinProblem', () => {
  it('takes 4 to 12 digits and names what is wrong otherwise', () => {
    expect(pinProblem('1234')).toBeNull();
    expect(pinProblem('123456789012')).toBeNull();
    expect(pinProblem('123')).toBe('too-short');
    expect(pinProblem('')).toBe('too-short');
    expect(pinProblem('1234567890123')).toBe('too-long');
    expect(pinProblem('12a4')).toBe('not-digits');
    expect(pinProblem('12 34')).toBe('not-digits');
    expect(pinProblem('１２３４')).toBe('not-digits'); // full-width digits are not what a number pad types
  });
});

describe('wrong PINs', () => {
  it('are free three times, then each doubles the wait up to 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6].map(waitAfterFailures)).toEqual([
      0,
      0,
      FIRST_WAIT_MS,
      2 * FIRST_WAIT_MS,
      4 * FIRST_WAIT_MS,
      8 * FIRST_WAIT_MS,
    ]);
    expect(waitAfterFailures(40)).toBe(LONGEST_WAIT_MS);
  });

  it('lock the next attempt until the wait is over, and a right PIN clears the count', () => {
    let state = NO_ATTEMPTS;
    state = afterWrongPin(state, 1_000);
    state = afterWrongPin(state, 2_000);
    expect(waitBeforeAttempt(state, 2_001)).toBe(0);
    state = afterWrongPin(state, 3_000);
    expect(state).toEqual({ failures: 3, lockedUntil: 3_000 + FIRST_WAIT_MS });
    expect(waitBeforeAttempt(state, 3_000 + 10_000)).toBe(FIRST_WAIT_MS - 10_000);
    expect(waitBeforeAttempt(state, 3_000 + FIRST_WAIT_MS)).toBe(0);
    state = afterWrongPin(state, 40_000);
    expect(state.lockedUntil).toBe(40_000 + 2 * FIRST_WAIT_MS);
    expect(afterRightPin()).toEqual(NO_ATTEMPTS);
  });

  it('never wait longer than the longest wait when the clock was set back', () => {
    const state = { failures: 9, lockedUntil: 10_000_000 };
    expect(waitBeforeAttempt(state, 0)).toBe(LONGEST_WAIT_MS);
  });
});
