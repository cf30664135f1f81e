// A tiny browser suite for test/e2e/page-guards.test.ts, run with the e2e project's own setup file:
// pages that break the rules unasked must fail their tests. Its files end in .check.ts so the
// project's own runs never pick them up.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['*.check.ts'], setupFiles: ['../e2e-setup.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
