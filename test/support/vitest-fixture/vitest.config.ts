// A tiny suite for test/support/vitest-counts.test.ts: one file fails inside nested describe
// blocks, one passes. Its files end in .check.ts so the project's own runs never pick them up.
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['*.check.ts'] } });
