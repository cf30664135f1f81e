// Reads vitest's JSON report into the four numbers test/run-all.sh prints. Files are counted from
// the per-file results, as vitest's own summary ("Test Files  1 failed") counts them: the report's
// numFailedTestSuites also counts every describe block around a failing test.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** @param {string} reportPath a vitest JSON report; a missing or unreadable one counts as no tests */
export function vitestCounts(reportPath) {
  let report = {};
  try {
    report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
  } catch {
    // no report: nothing ran
  }
  const n = (key) => report[key] ?? 0;
  const files = Array.isArray(report.testResults) ? report.testResults : [];
  return {
    passed: n('numPassedTests'),
    failed: n('numFailedTests'),
    skipped: n('numPendingTests') + n('numTodoTests'),
    filesFailed: files.filter((f) => f.status === 'failed').length,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const c = vitestCounts(process.argv[2]);
  console.log(c.passed, c.failed, c.skipped, c.filesFailed);
}
