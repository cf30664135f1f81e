import { expect, test } from 'vitest';

test('passes', () => {
  expect([1, 2].length).toBe(2);
});
