// Text to speech in the tts worker: the built-in eSpeak-NG voice (always there) and Kokoro through
// kokoro-js, whose model, tokenizer and voices are read only from the model store. kokoro-js and
// transformers.js are imported on first use, so the built-in voice never waits for them.
import { transfer } from 'comlink';
import type { KokoroTTS } from 'kokoro-js';
import { ModelNotStoredError, UnknownVoiceError, WrongModelError } from '../../core/errors';
import { catalogById } from '../../catalog/catalog';
import type { ModelEntry } from '../../catalog/types';
import { EspeakVoice } from './espeak-voice';
import { installKokoroVoiceCaches, KokoroVoiceCacheStorage, voiceFilePath } from './kokoro-voices-cache';
import { revisionOf } from '../../store/model-status';
import { ModelStore } from '../../store/model-store';
import { BUILTIN_ENGINE, BUILTIN_VOICES, builtinVoiceFor, kokoroVoices, type TtsVoice } from '../../catalog/tts-voices';

export type TtsDevice = 'webgpu' | 'wasm';

export interface SpeakRequest {
  text: string;
  /** 'builtin' or the catalog id of a stored TTS model. */
  engine: string;
  voice: string;
  /** 1 = the engine's normal pace. */
  speed: number;
}

export interface SpokenAudio {
  samples: Float32Array;
  sampleRate: number;
  /** Synthesis time in the worker. */
  elapsedMs: number;
}

export interface TtsLoadReport {
  engine: string;
  device: TtsDevice;
  loadMs: number;
  /** Why WebGPU was asked for but WebAssembly runs. */
  gpuError?: string;
}

interface LoadedKokoro {
  model: ModelEntry;
  tts: KokoroTTS;
  report: TtsLoadReport;
}

/** kokoro-js over the app's transformers.js, built from the parts so the catalog's pinned revision
 *  is honoured (KokoroTTS.from_pretrained always asks for "main"). */
export async function kokoroFromPretrained(repo: string, options: { dtype: 'fp32' | 'fp16' | 'q8' | 'q4' | 'q4f16';
  device: TtsDevice | 'cpu'; revision: string }): Promise<KokoroTTS> {
  const [{ StyleTextToSpeech2Model, AutoTokenizer }, { KokoroTTS }] = await Promise.all([
    import('@huggingface/transformers'), import('kokoro-js')]);
  const [model, tokenizer] = await Promise.all([
    StyleTextToSpeech2Model.from_pretrained(repo, options),
    AutoTokenizer.from_pretrained(repo, { revision: options.revision }),
  ]);
  return new KokoroTTS(model, tokenizer);
}

async function webgpuAvailable(): Promise<boolean> {
  const gpu = (globalThis.navigator as { gpu?: GPU } | undefined)?.gpu;
  return !!gpu && !!(await gpu.requestAdapter().catch(() => null));
}

export class TtsService {
  readonly #espeak: EspeakVoice;
  readonly #openStore: () => Promise<ModelStore>;
  #store: Promise<ModelStore> | null = null;
  #kokoro: Promise<LoadedKokoro> | null = null;
  #kokoroId = '';
  /** The model whose voices the `caches` stand-in answers with. */
  #voicesFrom: ModelEntry | null = null;
  #device: TtsDevice = 'wasm';

  constructor(espeak = new EspeakVoice(), openStore = () => ModelStore.open()) {
    this.#espeak = espeak;
    this.#openStore = openStore;
  }

  async loadBuiltin(): Promise<TtsLoadReport> {
    const started = performance.now();
    await this.#espeak.load();
    return { engine: BUILTIN_ENGINE, device: 'wasm', loadMs: Math.round(performance.now() - started) };
  }

  /** Loads (once) a stored Kokoro model; WebGPU when asked for and available, else wasm. */
  loadKokoro(model: ModelEntry, device: TtsDevice = 'wasm'): Promise<TtsLoadReport> {
    const changed = device !== this.#device;
    this.#device = device;
    if (!this.#kokoro || this.#kokoroId !== model.id || changed) {
      this.#kokoroId = model.id;
      const loading = this.#loadKokoro(model, device);
      this.#kokoro = loading;
      loading.catch(() => {
        if (this.#kokoro === loading) this.#kokoro = null; // a failed load can be retried
      });
    }
    return this.#kokoro.then((k) => k.report);
  }

  async speak({ text, engine, voice, speed }: SpeakRequest): Promise<SpokenAudio> {
    const started = performance.now();
    let samples: Float32Array;
    let sampleRate: number;
    if (engine === BUILTIN_ENGINE) {
      ({ samples, sampleRate } = await this.#espeak.speak(text, { voice: builtinVoiceFor(voice), speed }));
    } else {
      const model = ttsModel(engine);
      if (!this.#kokoro || this.#kokoroId !== model.id) await this.loadKokoro(model, this.#device);
      const { tts } = await this.#kokoro!;
      await this.#requireVoice(model, voice);
      const audio = await tts.generate(text, { voice: voice as keyof KokoroTTS['voices'], speed });
      // RawAudio holds one array, or one per channel; Kokoro is mono.
      samples = Array.isArray(audio.audio) ? audio.audio[0]! : audio.audio;
      sampleRate = audio.sampling_rate;
    }
    const result = { samples, sampleRate, elapsedMs: Math.round(performance.now() - started) };
    return transfer(result, [samples.buffer]);
  }

  voices(engine: string): TtsVoice[] {
    return engine === BUILTIN_ENGINE ? [...BUILTIN_VOICES] : kokoroVoices(ttsModel(engine));
  }

  #storeOnce(): Promise<ModelStore> {
    return (this.#store ??= this.#openStore());
  }

  async #loadKokoro(model: ModelEntry, asked: TtsDevice): Promise<LoadedKokoro> {
    const started = performance.now();
    const store = await this.#storeOnce();
    const { configureTransformers, dtypeFor } = await import('../shared/transformers-env');
    configureTransformers(store);
    installKokoroVoiceCaches(new KokoroVoiceCacheStorage(store, () => this.#voicesFrom));
    this.#voicesFrom = model;
    const voice = await this.#firstStoredVoice(model);
    const load = async (device: TtsDevice) => {
      const tts = await kokoroFromPretrained(model.repo, { dtype: dtypeFor(model.quantization), device, revision: revisionOf(model) });
      // Warm-up: the first inference compiles kernels; do it before reporting ready.
      await tts.generate('Ready.', { voice: voice as keyof KokoroTTS['voices'] });
      return tts;
    };
    const report = (device: TtsDevice, gpuError?: string): TtsLoadReport =>
      ({ engine: model.id, device, loadMs: Math.round(performance.now() - started), ...(gpuError ? { gpuError } : {}) });
    if (!(asked === 'webgpu' && (await webgpuAvailable()))) return { model, tts: await load('wasm'), report: report('wasm') };
    try {
      return { model, tts: await load('webgpu'), report: report('webgpu') };
    } catch (e) {
      // A GPU that cannot run this build still leaves the CPU: the voice must not depend on it.
      return { model, tts: await load('wasm'), report: report('wasm', e instanceof Error ? e.message : String(e)) };
    }
  }

  async #firstStoredVoice(model: ModelEntry): Promise<string> {
    const store = await this.#storeOnce();
    for (const v of kokoroVoices(model)) {
      if (await store.hasFile(model.repo, voiceFilePath(v.id), revisionOf(model))) return v.id;
    }
    throw new ModelNotStoredError(`${model.name}: no voice`);
  }

  /** On a miss kokoro-js would fetch its hard-coded hub URL: make sure it never misses. */
  async #requireVoice(model: ModelEntry, voice: string): Promise<void> {
    if (!kokoroVoices(model).some((v) => v.id === voice)) throw new UnknownVoiceError(model.name, voice);
    const store = await this.#storeOnce();
    if (!(await store.hasFile(model.repo, voiceFilePath(voice), revisionOf(model)))) {
      throw new ModelNotStoredError(`${model.name} voice ${voice}`);
    }
  }
}

function ttsModel(engine: string): ModelEntry {
  const model = catalogById(engine);
  if (!model || model.task !== 'tts') throw new WrongModelError(`"${engine}"`, 'a speech synthesis model');
  return model;
}
