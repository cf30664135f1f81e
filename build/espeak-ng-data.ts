// Build step for the built-in voice. The espeak-ng npm package (1.0.2) is one 18.5 MB wasm with all
// of eSpeak-NG's data embedded (Emscripten --embed-file): 17.3 MB of it is the pronunciation
// dictionaries of ~110 languages. This plugin splits the package's wasm (src/core/wasm-embedded-files):
// the wasm the app precaches keeps the shared phoneme data, the voice files and the dictionaries of
// the UI's languages (English, Mandarin); every other dictionary becomes a file of its own that the
// tts worker fetches the first time a voice needs it (espeak-voice.ts). The split is cached on disk
// by the package wasm's hash, so builds after the first reuse it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';
import { listEmbeddedFiles, readEmbeddedFile, withoutEmbeddedFiles } from '../src/core/wasm-embedded-files.ts';

/** Dictionaries that stay in the precached wasm: the languages the UI speaks. */
export const BUILT_IN_DICTIONARIES = ['en', 'cmn'];
export const ESPEAK_DATA_DIR = '/usr/local/share/espeak-ng-data/';
const VIRTUAL_ID = 'virtual:espeak-ng-data';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

const dictionaryOf = (file: string): string | null => {
  const m = /^\/usr\/local\/share\/espeak-ng-data\/([^/]+)_dict$/.exec(file);
  return m ? m[1]! : null;
};
const onDemand = (file: string): boolean => {
  const dict = dictionaryOf(file);
  return dict !== null && !BUILT_IN_DICTIONARIES.includes(dict);
};

export interface EspeakSplit {
  coreWasm: string;
  /** Dictionary name ("ru") → the file written for it. */
  dictionaries: Record<string, { file: string; bytes: number }>;
}

function writeAtomically(file: string, bytes: Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, file); // others build in this tree at the same time
}

/** Splits the package's wasm into `cacheDir` (once per package version) and says where the parts are. */
export function splitEspeakData(cacheRoot = path.resolve('node_modules/.cache/hearth-espeak-ng')): EspeakSplit {
  const packageWasm = createRequire(import.meta.url).resolve('espeak-ng/dist/espeak-ng.wasm');
  const wasm = new Uint8Array(fs.readFileSync(packageWasm));
  const dir = path.join(cacheRoot, createHash('sha256').update(wasm).digest('hex').slice(0, 16));
  const manifestFile = path.join(dir, 'split.json');
  if (fs.existsSync(manifestFile)) return JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as EspeakSplit;
  fs.mkdirSync(dir, { recursive: true });
  const split: EspeakSplit = { coreWasm: path.join(dir, 'espeak-ng-core.wasm'), dictionaries: {} };
  writeAtomically(split.coreWasm, withoutEmbeddedFiles(wasm, onDemand));
  for (const file of listEmbeddedFiles(wasm).filter((f) => onDemand(f.path))) {
    const dict = dictionaryOf(file.path)!;
    const out = path.join(dir, `espeak-ng-${dict}_dict.dat`);
    writeAtomically(out, readEmbeddedFile(wasm, file.path));
    split.dictionaries[dict] = { file: out, bytes: file.bytes };
  }
  writeAtomically(manifestFile, new TextEncoder().encode(JSON.stringify(split)));
  return split;
}

/** `virtual:espeak-ng-data`: the split wasm's and each dictionary's URL (content-hashed assets). */
export function espeakNgData(): Plugin {
  return {
    name: 'hearth-espeak-ng-data',
    // Before Vite's `new URL(…, import.meta.url)` handling, which would otherwise ship the package's
    // whole 18.5 MB wasm beside the split one: the app always hands Emscripten the compiled split
    // module (instantiateWasm), so that default location is never fetched.
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]espeak-ng[\\/]dist[\\/]espeak-ng\.js$/.test(id)) return undefined;
      const from = "new URL('espeak-ng.wasm', import.meta.url).href";
      if (!code.includes(from))
        this.error(`espeak-ng.js no longer says ${from}: check build/espeak-ng-data.ts against the package`);
      return { code: code.replace(from, "'espeak-ng.wasm'"), map: null };
    },
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : undefined),
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const split = splitEspeakData();
      const dicts = Object.entries(split.dictionaries).sort(([a], [b]) => a.localeCompare(b));
      return [
        `import core from ${JSON.stringify(`${split.coreWasm}?url`)};`,
        ...dicts.map(([, d], i) => `import d${i} from ${JSON.stringify(`${d.file}?url`)};`),
        'export const ESPEAK_CORE_WASM_URL = core;',
        `export const ESPEAK_DATA_DIR = ${JSON.stringify(ESPEAK_DATA_DIR)};`,
        `export const ESPEAK_DICTIONARIES = {${dicts.map(([name, d], i) => `${JSON.stringify(name)}: { url: d${i}, bytes: ${d.bytes} }`).join(', ')}};`,
      ].join('\n');
    },
  };
}
