// Serves the built app the way `npm start` does (vite preview: same vite.config.ts, so the same
// preview.headers for CSP, COOP and COEP), on a free port. Tests do not build dist/: run-all.sh
// builds once before them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { build, preview } from 'vite';
import { distDir, repoRoot } from './paths';
import { allowLocalOrigin } from './page-guards';

export interface AppServer {
  /** http://localhost:PORT: a secure context, which service workers and WebGPU need. */
  url: string;
  close(): Promise<void>;
}

/** Builds dist/, for scripts and global setups (run-all.sh builds with `npx vite build` itself). */
export async function buildApp(): Promise<void> {
  await build({ root: repoRoot, logLevel: 'warn' });
}

/** Builds a second copy of the app into a new temp folder and returns it (the caller removes it), e.g. to test updates.
 *  vite.config.ts reads HEARTH_BUILD_ID (and VITE_* settings) from the environment when it loads, so
 *  they are set only for the duration of this build. */
export async function buildVariant({ buildId, env = {} }: { buildId: string; env?: Record<string, string> }): Promise<string> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-build-'));
  const vars = { HEARTH_BUILD_ID: buildId, ...env };
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    await build({ root: repoRoot, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  return outDir;
}

/** Throws a readable error when the build is missing, instead of a blank page in every e2e test. */
export function assertBuilt(outDir = distDir): void {
  if (!fs.existsSync(path.join(outDir, 'index.html'))) {
    throw new Error(`${outDir}/index.html is missing: build the app first (npx vite build, or npm test, which builds)`);
  }
}

/** port 0 = any free port; `outDir` serves another build (see buildVariant) with the same headers. */
export async function start({ port = 0, outDir = distDir }: { port?: number; outDir?: string } = {}): Promise<AppServer> {
  assertBuilt(outDir);
  // Bound to 127.0.0.1 like `npm start`; Chromium resolves "localhost" to loopback by itself.
  const server = await preview({
    root: repoRoot,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  const { port: actualPort } = server.httpServer.address() as AddressInfo;
  const url = `http://localhost:${actualPort}`;
  allowLocalOrigin(url);
  return { url, close: () => server.close() };
}
