import { describe, expect, test } from 'vitest';

describe('outer', () => {
  describe('inner', () => {
    test('fails on purpose', () => {
      expect(1 + 1).toBe(3);
    });
  });
  test('passes', () => {
    expect(true).toBe(true);
  });
});
