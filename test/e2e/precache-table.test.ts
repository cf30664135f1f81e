// docs/precache.md lists every file the service worker precaches, with its size and why it is there.
// This holds the build to it: a precached file without a row (or with a TODO), a row for a file no
// longer precached, or a size that moved beyond the tolerance fails, so the precache grows only with
// a reason written down (`npm run precache-table` regenerates the sizes and keeps the reasons).
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { parseTable, readPrecache, sizeTolerance, TODO_REASON } from '../../build/precache';
import { distDir, repoRoot } from '../support/paths';

const table = parseTable(fs.readFileSync(path.join(repoRoot, 'docs', 'precache.md'), 'utf8'));
const built = readPrecache(distDir);

test('every precached file has a row with a reason, and every row is precached', () => {
  const documented = new Map(table.map((r) => [r.asset, r]));
  expect(
    built.filter((r) => !documented.has(r.asset)).map((r) => r.asset),
    'precached but not in docs/precache.md',
  ).toEqual([]);
  const precached = new Set(built.map((r) => r.asset));
  expect(
    table.filter((r) => !precached.has(r.asset)).map((r) => r.asset),
    'in docs/precache.md but not precached',
  ).toEqual([]);
  expect(
    table.filter((r) => !r.why || r.why === TODO_REASON).map((r) => r.asset),
    'rows without a reason',
  ).toEqual([]);
});

test("the sizes in the table are the build's, within the tolerance", () => {
  const documented = new Map(table.map((r) => [r.asset, r]));
  const drifted = built
    .filter((r) => documented.has(r.asset))
    .filter((r) => Math.abs(r.bytes - documented.get(r.asset)!.bytes) > sizeTolerance(documented.get(r.asset)!.bytes))
    .map((r) => `${r.asset}: ${documented.get(r.asset)!.bytes} in the table, ${r.bytes} built`);
  expect(drifted).toEqual([]);
  // The total cannot creep up through many rows each within its tolerance.
  const total = (rows: { bytes: number }[]) => rows.reduce((n, r) => n + r.bytes, 0);
  expect(total(built)).toBeLessThanOrEqual(total(table) * 1.02 + 16_384);
});
