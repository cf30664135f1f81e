// Runs around every e2e test (vitest.config.ts): a test fails when any page it drove broke the
// Content Security Policy or asked for an origin other than the app, the mirror and the local hosts
// the harness started, unless the test took that problem as expected (LaunchedBrowser.problems.take).
import { afterAll, afterEach } from 'vitest';
import { unreadProblems } from './page-guards';

function failOnProblems(when: string): void {
  const problems = unreadProblems();
  if (problems.length > 0) throw new Error(`${when}: a page broke the test rules:\n  ${problems.join('\n  ')}`);
}

afterEach(() => failOnProblems('after this test'));
afterAll(() => failOnProblems('after the last test of this file (its shared browser)'));
