// Checks before anything is measured: Chromium, the shared model files, a built (and current) app.
// Every failure is a sentence that says what to do, not a stack trace from inside Playwright.
import fs from 'node:fs';
import path from 'node:path';
import type { ModelEntry } from '../src/catalog/types';
import * as appServer from '../test/support/app-server';
import { chromiumPath } from '../test/support/browser';
import { distDir, modelsDir, repoRoot, sharedDir } from '../test/support/paths';

/** Throws a readable error for anything missing; builds dist/ when it has not been built yet. */
export async function preflight(models: ModelEntry[]): Promise<void> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}: install it (apt-get install chromium) or set CHROMIUM=/path/to/chromium`,
    );
  }
  if (!fs.existsSync(modelsDir)) {
    throw new Error(`model fixtures not found at ${modelsDir}: put shared/ beside the repo or set HEARTH_SHARED=/path/to/shared`);
  }
  for (const model of models) {
    for (const file of model.files) {
      const local = path.join(modelsDir, model.repo, file.path);
      const size = fs.statSync(local, { throwIfNoEntry: false })?.size;
      if (size !== file.bytes) {
        const found = size === undefined ? 'missing' : `${size} bytes, the catalog says ${file.bytes}`;
        throw new Error(`${local}: ${found} (fixtures in ${sharedDir} are incomplete)`);
      }
    }
  }
  const built = path.join(distDir, 'index.html');
  if (!fs.existsSync(built)) {
    console.error('bench: dist/ is not built: building the app once (vite build)…');
    await appServer.buildApp();
  } else if (newestSource() > fs.statSync(built).mtimeMs) {
    // dist/ is shared with whoever else builds in this tree: say so rather than rebuild under them.
    console.error('bench: warning: dist/ is older than the sources; it measures that build (npx vite build to refresh)');
  }
}

/** Latest modification time of anything that goes into dist/. */
function newestSource(): number {
  const inputs = ['src', 'workers', 'public', 'index.html', 'vite.config.ts'].map((p) => path.join(repoRoot, p));
  const files = inputs
    .filter((p) => fs.existsSync(p))
    .flatMap((p) =>
      fs.statSync(p).isDirectory()
        ? fs
            .readdirSync(p, { recursive: true, withFileTypes: true })
            .filter((e) => e.isFile())
            .map((e) => path.join(e.parentPath, e.name))
        : [p],
    );
  return Math.max(0, ...files.map((f) => fs.statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0)); // others edit meanwhile
}
