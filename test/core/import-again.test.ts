import { expect, test } from 'vitest';
import { importAgainOnFailure } from '../../src/core/import-again';

test('a load that fails once is asked again and its value returned', async () => {
  let calls = 0;
  const value = await importAgainOnFailure(async () => {
    calls++;
    if (calls === 1) throw new TypeError('Failed to fetch dynamically imported module');
    return { x: 42 };
  }, 1);
  expect(value).toEqual({ x: 42 });
  expect(calls).toBe(2);
});

test('a load that fails twice throws the second failure; one that works is called once', async () => {
  let calls = 0;
  await expect(
    importAgainOnFailure(async () => {
      calls++;
      throw new Error(`failure ${calls}`);
    }, 1),
  ).rejects.toThrow('failure 2');
  expect(calls).toBe(2);
  let once = 0;
  expect(await importAgainOnFailure(async () => ++once, 1)).toBe(1);
  expect(once).toBe(1);
});
