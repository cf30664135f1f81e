// run-all.sh's counts against a real vitest report: one failing file whose failure sits inside two
// describe blocks is one failed file (the report's numFailedTestSuites says 3 there).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
// @ts-expect-error -- a plain .mjs script (run by bash); its JSDoc types are enough here
import { vitestCounts } from './vitest-counts.mjs';
import { runVitestFixture } from './run-vitest-fixture';

const here = path.dirname(fileURLToPath(import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-vitest-counts-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('counts files as vitest does: one failing file with nested describes is one', () => {
  const report = runVitestFixture(path.join(here, 'vitest-fixture'), tmp);
  const raw = JSON.parse(fs.readFileSync(report, 'utf8'));
  expect(raw.numFailedTestSuites, 'the report counts describe blocks as suites').toBeGreaterThan(1);
  expect(vitestCounts(report)).toEqual({ passed: 2, failed: 1, skipped: 0, filesFailed: 1 });
});

test('a missing report counts as nothing run', () => {
  expect(vitestCounts(path.join(tmp, 'absent.json'))).toEqual({ passed: 0, failed: 0, skipped: 0, filesFailed: 0 });
});
