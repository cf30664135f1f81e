// Builds knowledge-direct.ts into the bench's private copy of dist/ before the app server starts, in a
// folder of its own, the way voice-direct/bundle.ts builds its module: a plain vite build with no
// config file (none of the app's plugins; the libraries' wasm references stay files).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { repoRoot } from '../../test/support/paths';

/** Where the module lands, relative to the app's root URL. */
export const KNOWLEDGE_DIRECT_PATH = '/__bench_knowledge__/knowledge-direct.js';

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'knowledge-direct.ts');

export async function bundleKnowledgeDirect(appDir: string): Promise<void> {
  await build({
    configFile: false,
    root: repoRoot,
    // Errors only: the libraries' sizes print notices every build.
    logLevel: 'error',
    publicDir: false,
    build: {
      outDir: path.join(appDir, path.dirname(KNOWLEDGE_DIRECT_PATH)),
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      assetsInlineLimit: 0,
      rollupOptions: {
        input: entry,
        preserveEntrySignatures: 'strict',
        output: {
          entryFileNames: path.basename(KNOWLEDGE_DIRECT_PATH),
          chunkFileNames: '[name]-[hash].js',
          assetFileNames: '[name]-[hash][extname]',
        },
      },
    },
  });
  if (!fs.existsSync(path.join(appDir, KNOWLEDGE_DIRECT_PATH))) throw new Error(`vite did not write ${KNOWLEDGE_DIRECT_PATH}`);
}
