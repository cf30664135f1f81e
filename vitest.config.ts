// Two projects: fast unit tests in Node, and e2e tests that each drive a real Chromium. The machine
// (and CI) has 2 cores, so e2e files run one at a time, after the unit tests (groupOrder).
import { defineConfig } from 'vitest/config';
import { espeakNgData } from './build/espeak-ng-data.ts';

export default defineConfig({
  test: {
    projects: [
      {
        // The built-in voice's split wasm (virtual:espeak-ng-data), as the app build makes it.
        plugins: [espeakNgData()],
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          // Some unit tests run real models (Silero, Kokoro, BERT) in Node: vitest's 5 s default is a
          // guess at the machine's speed, and CI's loaded 2 cores miss it.
          testTimeout: 60_000,
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        // The knowledge recall test runs the embed engine in Node beside the browser, as unit tests do.
        plugins: [espeakNgData()],
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          setupFiles: ['test/support/e2e-setup.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
