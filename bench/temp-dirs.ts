// Temp dirs the bench makes (browser profiles, its copy of dist/), removed when done, and also on
// Ctrl-C, which skips finally blocks: while a browser runs, Playwright's own SIGINT handler closes it
// and calls process.exit, which runs the 'exit' hook below; otherwise ours exits.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const live = new Set<string>();
let hooked = false;

export interface TempDir {
  dir: string;
  remove(): void;
}

export function makeTempDir(prefix: string): TempDir {
  if (!hooked) {
    hooked = true;
    process.on('exit', () => live.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
    process.on('SIGINT', () => {
      if (process.listenerCount('SIGINT') === 1) process.exit(130); // no browser open: nobody else will
    });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  live.add(dir);
  return {
    dir,
    remove: () => {
      fs.rmSync(dir, { recursive: true, force: true });
      live.delete(dir);
    },
  };
}
