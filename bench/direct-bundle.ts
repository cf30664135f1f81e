// Builds a bench's "direct" module (the libraries called on the page, without the app) into the
// bench's private copy of dist/ before the app server starts, so it is served from the app's
// origin with the app's headers. Each module gets a folder of its own so two builds never empty
// each other's. A plain (not library) vite build with no config file: none of the app's plugins,
// and the libraries' own wasm references stay files instead of being inlined as base64.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { repoRoot } from '../test/support/paths';

export interface DirectModule {
  /** The module's source file. */
  entry: string;
  /** Where the built module lands, relative to the app's root URL. */
  urlPath: string;
  /** Packages to resolve to one copy (as the app's config does). */
  dedupe?: string[];
}

export async function bundleDirectModule(appDir: string, module: DirectModule): Promise<void> {
  await build({
    configFile: false,
    root: repoRoot,
    // Errors only: the libraries' sizes (and espeak-ng's Node-only branches) print notices every build.
    logLevel: 'error',
    publicDir: false,
    resolve: module.dedupe ? { dedupe: module.dedupe } : {},
    build: {
      outDir: path.join(appDir, path.dirname(module.urlPath)),
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      assetsInlineLimit: 0,
      rollupOptions: {
        input: module.entry,
        preserveEntrySignatures: 'strict',
        output: {
          entryFileNames: path.basename(module.urlPath),
          chunkFileNames: '[name]-[hash].js',
          assetFileNames: '[name]-[hash][extname]',
        },
      },
    },
  });
  if (!fs.existsSync(path.join(appDir, module.urlPath))) throw new Error(`vite did not write ${module.urlPath}`);
}

/** One content-hashed file of the app's build, by the pattern of its name: the direct path loads the
 *  very files the app self-hosts. */
export function appAsset(appDir: string, name: RegExp): string {
  const found = fs.readdirSync(path.join(appDir, 'assets')).filter((f) => name.test(f));
  if (found.length !== 1) throw new Error(`expected one ${name} in ${appDir}/assets, found ${found.length}`);
  return `/assets/${found[0]}`;
}
