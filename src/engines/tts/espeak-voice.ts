/// <reference path="./espeak-ng.d.ts" />
// The built-in voice: eSpeak-NG compiled to WebAssembly (espeak-ng 1.0.2, GPL-3.0-or-later), its
// voice data embedded in the wasm, which the app shell self-hosts and the service worker precaches,
// so answers can be spoken offline before any model is downloaded. Runs in the tts worker.
//
// The package is the espeak-ng command line program: every call runs main() once in a fresh
// instance (its runtime exits after main and cannot be re-entered), with the text in a file on its
// in-memory file system and the speech written there as a WAV file. The wasm is compiled once.
import ESpeakNG, { type EspeakModule } from 'espeak-ng';
import { parseWav, type PcmAudio } from '../../core/wav';
import { ESPEAK_WASM_URL } from '../../catalog/runtime-assets';
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

export class EspeakVoice {
  #module: Promise<WebAssembly.Module> | null = null;

  constructor(
    private readonly compile: () => Promise<WebAssembly.Module> = () => WebAssembly.compileStreaming(fetch(ESPEAK_WASM_URL)),
  ) {}

  /** Compiles the 18 MB wasm (memoised; a failure can be retried). */
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
    const wasm = await this.load();
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
          preRun: [(m) => m.FS.writeFile('/in.txt', text)],
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
    let wav: Uint8Array;
    try {
      wav = instance.FS.readFile('/out.wav');
    } catch {
      throw new EspeakVoiceError(`eSpeak-NG wrote no audio${errors.length ? `: ${errors.join(' ')}` : ''}`);
    }
    return parseWav(wav);
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
