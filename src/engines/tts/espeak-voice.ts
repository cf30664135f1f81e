/// <reference path="./espeak-ng.d.ts" />
// The built-in voice: eSpeak-NG compiled to WebAssembly (espeak-ng 1.0.2, GPL-3.0-or-later), which the
// app shell self-hosts and the service worker precaches, so answers can be spoken offline before any
// model is downloaded. Runs in the tts worker. The precached wasm carries the data of the UI's
// languages (English, Mandarin); another language's dictionary is fetched the first time its voice
// speaks, kept in Cache Storage for offline use, and written into eSpeak's file system before it
// starts (build/espeak-ng-data.ts splits the package's wasm).
//
// The package is the espeak-ng command line program: every call runs main() once in a fresh
// instance (its runtime exits after main and cannot be re-entered), with the text in a file on its
// in-memory file system and the speech written there as a WAV file. The wasm is compiled once.
import ESpeakNG, { type EspeakModule } from 'espeak-ng';
import { parseWav, type PcmAudio } from '../../core/wav';
import { ESPEAK_DATA_DIR, ESPEAK_DICTIONARIES, ESPEAK_WASM_URL } from '../../catalog/runtime-assets';
import { BUILTIN_VOICES } from '../../catalog/tts-voices';

// eSpeak's own default rate, words per minute; it accepts 80-450.
const DEFAULT_WPM = 175;
const wpmFor = (speed: number): number => Math.round(Math.min(450, Math.max(80, DEFAULT_WPM * speed)));

export class EspeakVoiceError extends Error {
  override name = 'EspeakVoiceError';
}

export interface EspeakOptions {
  /** An id from BUILTIN_VOICES, e.g. "en-us" or "cmn". */
  voice: string;
  /** 1 = eSpeak's normal rate. */
  speed: number;
}

/** Cache Storage for the dictionaries fetched on demand (not the service worker's precache). */
export const ESPEAK_DATA_CACHE = 'hearth-espeak-ng-data';

/** The dictionary eSpeak-NG opens for one of our voices (its file is `{name}_dict`). */
export const espeakDictionary = (voice: string): string => (voice === 'nb' ? 'no' : voice.split('-')[0]!);

/** A dictionary from this build's files: Cache Storage first, then the app's own origin. */
async function fetchDictionary(name: string): Promise<Uint8Array> {
  const entry = ESPEAK_DICTIONARIES[name];
  if (!entry) throw new EspeakVoiceError(`eSpeak-NG has no dictionary "${name}"`);
  const url = new URL(entry.url, self.location.href).href;
  const cache = await caches.open(ESPEAK_DATA_CACHE).catch(() => null);
  let response = await cache?.match(url);
  if (!response) {
    response = await fetch(url).catch(() => undefined);
    if (!response?.ok) {
      const mb = (entry.bytes / 1e6).toFixed(1);
      throw new EspeakVoiceError(
        `The built-in voice needs its ${name} language data (${mb} MB), fetched from the app the first time it speaks: connect once and try again`,
      );
    }
    await cache?.put(url, response.clone()).catch(() => undefined);
  }
  return new Uint8Array(await response.arrayBuffer());
}

export class EspeakVoice {
  #module: Promise<WebAssembly.Module> | null = null;
  readonly #dictionaries = new Map<string, Promise<Uint8Array>>();

  constructor(
    private readonly compile: () => Promise<WebAssembly.Module> = () => WebAssembly.compileStreaming(fetch(ESPEAK_WASM_URL)),
    /** Dictionaries not embedded in the wasm; null: this wasm embeds them all. */
    private readonly dictionaries: { names: readonly string[]; load(name: string): Promise<Uint8Array> } | null = {
      names: Object.keys(ESPEAK_DICTIONARIES),
      load: fetchDictionary,
    },
  ) {}

  /** Compiles the 3 MB wasm (memoised; a failure can be retried). */
  load(): Promise<WebAssembly.Module> {
    if (!this.#module) {
      this.#module = this.compile();
      this.#module.catch(() => (this.#module = null));
    }
    return this.#module;
  }

  async speak(text: string, { voice, speed }: EspeakOptions): Promise<PcmAudio> {
    // The voice becomes a command-line argument: only names from our own list get there.
    if (!BUILTIN_VOICES.some((v) => v.id === voice)) throw new EspeakVoiceError(`Unknown built-in voice "${voice}"`);
    const [wasm, dictionary] = await Promise.all([this.load(), this.#dictionaryFor(voice)]);
    allowModuleWorker();
    const errors: string[] = [];
    // Emscripten never settles its ready promise when instantiateWasm fails, so that failure races it.
    let failInstantiate: (e: unknown) => void = () => undefined;
    const instantiateFailed = new Promise<never>((_, reject) => (failInstantiate = reject));
    let instance: EspeakModule;
    try {
      instance = await Promise.race([
        instantiateFailed,
        ESpeakNG({
          // -b 1: the input file is UTF-8; text read from a file cannot be mistaken for an option.
          arguments: ['-b', '1', '-v', voice, '-s', String(wpmFor(speed)), '-w', '/out.wav', '-f', '/in.txt'],
          preRun: [
            (m) => {
              m.FS.writeFile('/in.txt', text);
              if (!dictionary) return;
              m.FS.mkdirTree(ESPEAK_DATA_DIR.replace(/\/$/, ''));
              m.FS.writeFile(`${ESPEAK_DATA_DIR}${dictionary.name}_dict`, dictionary.bytes);
            },
          ],
          instantiateWasm: (imports, done) => {
            WebAssembly.instantiate(wasm, imports).then((i) => done(i, wasm), failInstantiate);
            return {};
          },
          print: () => undefined,
          printErr: (line) => errors.push(line),
        }),
      ]);
    } catch (e) {
      throw new EspeakVoiceError(`eSpeak-NG failed: ${errors.join(' ') || String(e)}`);
    }
    // Without its dictionary eSpeak-NG still writes a WAV (of the wrong language, or nothing useful).
    const missing = errors.find((line) => /Can't read dictionary/i.test(line));
    if (missing) throw new EspeakVoiceError(`eSpeak-NG could not speak "${voice}": ${missing}`);
    let wav: Uint8Array;
    try {
      wav = instance.FS.readFile('/out.wav');
    } catch {
      throw new EspeakVoiceError(`eSpeak-NG wrote no audio${errors.length ? `: ${errors.join(' ')}` : ''}`);
    }
    return parseWav(wav);
  }

  /** The voice's dictionary when the wasm does not embed it (memoised; a failure can be retried). */
  async #dictionaryFor(voice: string): Promise<{ name: string; bytes: Uint8Array } | null> {
    const name = espeakDictionary(voice);
    if (!this.dictionaries?.names.includes(name)) return null;
    let job = this.#dictionaries.get(name);
    if (!job) {
      job = this.dictionaries.load(name);
      this.#dictionaries.set(name, job);
      job.catch(() => this.#dictionaries.delete(name));
    }
    return { name, bytes: await job };
  }
}

/** Emscripten (this build) decides "web worker" by `typeof importScripts == 'function'` and throws
 *  "environment detection error" otherwise. Module workers are not required to have importScripts
 *  (and never may call it); this build only uses it for that check, so a throwing stand-in is safe. */
function allowModuleWorker(): void {
  const scope = globalThis as { importScripts?: unknown; window?: unknown; WorkerGlobalScope?: unknown };
  if (scope.window !== undefined || scope.WorkerGlobalScope === undefined || typeof scope.importScripts === 'function') return;
  scope.importScripts = () => {
    throw new TypeError('importScripts is not available in a module worker');
  };
}
