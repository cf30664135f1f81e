// Builds wllama-direct.ts into the bench's private copy of dist/ before the app server starts, so the
// app's own server (vite preview, same headers) serves it from the app's origin. A separate vite
// build with no config file: none of the app's plugins (the PWA manifest never lists it, so the
// service worker passes its request through to the server).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { repoRoot } from '../../test/support/paths';

/** Where the module lands, relative to the app's root URL. */
export const DIRECT_MODULE_PATH = '/__bench__/wllama-direct.js';

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'wllama-direct.ts');

export async function bundleDirect(appDir: string): Promise<void> {
  const outDir = path.join(appDir, path.dirname(DIRECT_MODULE_PATH));
  await build({
    configFile: false,
    root: repoRoot,
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022', // as the app's build
      minify: true,
      lib: { entry, formats: ['es'], fileName: () => path.basename(DIRECT_MODULE_PATH) },
    },
  });
  if (!fs.existsSync(path.join(appDir, DIRECT_MODULE_PATH))) throw new Error(`vite did not write ${DIRECT_MODULE_PATH}`);
}

/** The app's self-hosted wllama.wasm, by its content-hashed name: the direct path loads the very same file. */
export function appWllamaWasm(appDir: string): string {
  const found = fs.readdirSync(path.join(appDir, 'assets')).filter((f) => /^wllama-[\w-]+\.wasm$/.test(f));
  if (found.length !== 1) throw new Error(`expected one wllama-*.wasm in ${appDir}/assets, found ${found.length}`);
  return `/assets/${found[0]}`;
}
