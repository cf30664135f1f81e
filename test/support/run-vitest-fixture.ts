// Runs a small vitest suite of its own (a fixture folder with its config) and returns the path of
// its JSON report: for tests of the test tooling itself. vitest exits 1 when the fixture fails on
// purpose; the report is what the caller reads.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './paths';

export function runVitestFixture(fixture: string, reportDir: string): string {
  const report = path.join(reportDir, 'report.json');
  try {
    execFileSync(
      process.execPath,
      [
        path.join(repoRoot, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--root',
        fixture,
        '--config',
        path.join(fixture, 'vitest.config.ts'),
        '--reporter=json',
        `--outputFile.json=${report}`,
      ],
      { stdio: 'pipe' },
    );
  } catch {
    // failing fixture tests are the point; a missing report shows in the caller's assertions
  }
  return report;
}
