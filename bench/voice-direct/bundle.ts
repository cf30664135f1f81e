// Builds voice-direct.ts into the bench's private copy of dist/ before the app server starts (as
// llm-direct/bundle.ts does for wllama), in a folder of its own so the two builds never empty each
// other's. A plain (not library) vite build with no config file: none of the app's plugins, and the
// libraries' own wasm references stay files instead of being inlined as base64.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { repoRoot } from '../../test/support/paths';

/** Where the module lands, relative to the app's root URL. */
export const VOICE_DIRECT_PATH = '/__bench_voice__/voice-direct.js';

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'voice-direct.ts');

export async function bundleVoiceDirect(appDir: string): Promise<void> {
  await build({
    configFile: false,
    root: repoRoot,
    // Errors only: espeak-ng's Node-only branches and the libraries' sizes print notices every build.
    logLevel: 'error',
    publicDir: false,
    // The app's dedupe: kokoro-js runs on the app's transformers.js v4, one ONNX Runtime.
    resolve: { dedupe: ['@huggingface/transformers', 'onnxruntime-web'] },
    build: {
      outDir: path.join(appDir, path.dirname(VOICE_DIRECT_PATH)),
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      assetsInlineLimit: 0,
      rollupOptions: {
        input: entry,
        preserveEntrySignatures: 'strict',
        output: {
          entryFileNames: path.basename(VOICE_DIRECT_PATH),
          chunkFileNames: '[name]-[hash].js',
          assetFileNames: '[name]-[hash][extname]',
        },
      },
    },
  });
  if (!fs.existsSync(path.join(appDir, VOICE_DIRECT_PATH))) throw new Error(`vite did not write ${VOICE_DIRECT_PATH}`);
}

/** One content-hashed file of the app's build, by the pattern of its name: the direct path loads the
 *  very files the app self-hosts. */
export function appAsset(appDir: string, name: RegExp): string {
  const found = fs.readdirSync(path.join(appDir, 'assets')).filter((f) => name.test(f));
  if (found.length !== 1) throw new Error(`expected one ${name} in ${appDir}/assets, found ${found.length}`);
  return `/assets/${found[0]}`;
}
