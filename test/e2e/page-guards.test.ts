// Every browser test fails when a page breaks the CSP or asks for another origin (see
// test/support/e2e-setup.ts): shown on a suite of three tests run by a real vitest and Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { repoRoot } from '../support/paths';
import { runVitestFixture } from '../support/run-vitest-fixture';

const fixture = path.join(repoRoot, 'test/support/guard-fixture');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-page-guards-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface JsonReport {
  testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

test('a page that breaks a rule fails its test, unless the test took what it provoked', () => {
  const report = runVitestFixture(fixture, tmp);
  const results = (JSON.parse(fs.readFileSync(report, 'utf8')) as JsonReport).testResults.flatMap((f) => f.assertionResults);
  const outcome = (title: string) => results.find((r) => r.title === title);
  expect(outcome('unasked CSP violation')?.status).toBe('failed');
  expect(outcome('unasked CSP violation')?.failureMessages.join('\n')).toMatch(/CSP .*script-src/);
  expect(outcome('unasked request to another origin')?.status).toBe('failed');
  expect(outcome('unasked request to another origin')?.failureMessages.join('\n')).toMatch(
    /a request to another origin: https:\/\/example\.invalid\/leak/,
  );
  expect(outcome('a violation the test meant to cause')?.status).toBe('passed');
});
