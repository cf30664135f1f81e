// Text to speech in the tts worker: the built-in eSpeak-NG voice (always there) and Kokoro through
// kokoro-js, whose model, tokenizer and voices are read only from the model store. kokoro-js and
// transformers.js are imported on first use, so the built-in voice never waits for them.
import { transfer } from 'comlink';
import type { KokoroTTS } from 'kokoro-js';
import { ModelNotStoredError, NoModelLoadedError, UnknownVoiceError, WrongModelError } from '../../core/errors';
import type { ModelEntry } from '../../catalog/types';
import { EspeakVoice } from './espeak-voice';
import { installKokoroVoiceCaches, KokoroVoiceCacheStorage, voiceFilePath } from './kokoro-voices-cache';
import { revisionOf } from '../../store/model-status';
import { ModelStore } from '../../store/model-store';
import { storeOnce } from '../shared/store-once';
import { BUILTIN_ENGINE, builtinVoiceFor, kokoroVoices } from '../../catalog/tts-voices';
import { ModelHolder, type ModelLoadReport } from '../shared/model-holder';
import { loadOnDevice } from '../shared/on-device';

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

export interface TtsLoadReport extends ModelLoadReport {
  engine: string;
}

interface LoadedKokoro {
  model: ModelEntry;
  tts: KokoroTTS;
  report: TtsLoadReport;
}

/** kokoro-js over the app's transformers.js, built from the parts so the catalog's pinned revision
 *  is honoured (KokoroTTS.from_pretrained always asks for "main"). */
export async function kokoroFromPretrained(
  repo: string,
  options: { dtype: 'fp32' | 'fp16' | 'q8' | 'q4' | 'q4f16'; device: TtsDevice | 'cpu'; revision: string },
): Promise<KokoroTTS> {
  const [{ StyleTextToSpeech2Model, AutoTokenizer }, { KokoroTTS }] = await Promise.all([
    import('@huggingface/transformers'),
    import('kokoro-js'),
  ]);
  const [model, tokenizer] = await Promise.all([
    StyleTextToSpeech2Model.from_pretrained(repo, options),
    AutoTokenizer.from_pretrained(repo, { revision: options.revision }),
  ]);
  return new KokoroTTS(model, tokenizer);
}

/** Builds a KokoroTTS for a model on a device (tests give a factory that runs in Node). */
export type KokoroFactory = (model: ModelEntry, device: TtsDevice) => Promise<KokoroTTS>;

const kokoroOnDevice: KokoroFactory = async (model, device) => {
  const { dtypeFor } = await import('../shared/transformers-env');
  return kokoroFromPretrained(model.repo, { dtype: dtypeFor(model.quantization), device, revision: revisionOf(model) });
};

export class TtsService {
  readonly #espeak: EspeakVoice;
  readonly #createKokoro: KokoroFactory;
  readonly #storeOnce: () => Promise<ModelStore>;
  // One Kokoro in memory; another model (or device) frees it first.
  readonly #kokoro = new ModelHolder<LoadedKokoro>('speech synthesis', (held) => held.tts.model.dispose());
  /** The model whose voices the `caches` stand-in answers with. */
  #voicesFrom: ModelEntry | null = null;

  constructor(espeak = new EspeakVoice(), openStore = () => ModelStore.open(), createKokoro = kokoroOnDevice) {
    this.#espeak = espeak;
    this.#storeOnce = storeOnce(openStore);
    this.#createKokoro = createKokoro;
  }

  async loadBuiltin(): Promise<TtsLoadReport> {
    const started = performance.now();
    await this.#espeak.load();
    return { engine: BUILTIN_ENGINE, device: 'wasm', loadMs: Math.round(performance.now() - started) };
  }

  /** Loads (once) a stored Kokoro model; WebGPU when asked for and available, else wasm. */
  async loadKokoro(model: ModelEntry, device: TtsDevice = 'wasm'): Promise<TtsLoadReport> {
    if (model.task !== 'tts') throw new WrongModelError(model.name, 'a speech synthesis model');
    return (await this.#kokoro.load(`${model.id}:${device}`, () => this.#loadKokoro(model, device))).report;
  }

  /** Frees the Kokoro model (the built-in voice stays: it is part of the app). */
  unloadKokoro(): Promise<void> {
    return this.#kokoro.unload();
  }

  async speak({ text, engine, voice, speed }: SpeakRequest): Promise<SpokenAudio> {
    const started = performance.now();
    let samples: Float32Array;
    let sampleRate: number;
    if (engine === BUILTIN_ENGINE) {
      ({ samples, sampleRate } = await this.#espeak.speak(text, { voice: builtinVoiceFor(voice), speed }));
    } else {
      // The page loads the model it names before asking it to speak (loadKokoro).
      const { model, tts } = await this.#kokoro.current();
      if (model.id !== engine) throw new NoModelLoadedError(`speech synthesis ("${engine}")`);
      await this.#requireVoice(model, voice);
      const audio = await tts.generate(text, { voice: voice as keyof KokoroTTS['voices'], speed });
      // RawAudio holds one array, or one per channel; Kokoro is mono.
      samples = Array.isArray(audio.audio) ? audio.audio[0]! : audio.audio;
      sampleRate = audio.sampling_rate;
    }
    const result = { samples, sampleRate, elapsedMs: Math.round(performance.now() - started) };
    return transfer(result, [samples.buffer]);
  }

  async #loadKokoro(model: ModelEntry, asked: TtsDevice): Promise<LoadedKokoro> {
    const started = performance.now();
    const store = await this.#storeOnce();
    const { configureTransformers } = await import('../shared/transformers-env');
    configureTransformers(store);
    installKokoroVoiceCaches(new KokoroVoiceCacheStorage(store, () => this.#voicesFrom));
    this.#voicesFrom = model;
    const voice = await this.#firstStoredVoice(model);
    // The voice must not depend on the GPU: a build the GPU cannot run falls back to WebAssembly.
    const { value: tts, ...where } = await loadOnDevice(asked, async (device) => {
      const tts = await this.#createKokoro(model, device);
      try {
        // Warm-up: the first inference compiles kernels; do it before reporting ready.
        await tts.generate('Ready.', { voice: voice as keyof KokoroTTS['voices'] });
      } catch (e) {
        await tts.model.dispose().catch(() => undefined);
        throw e;
      }
      return tts;
    });
    return { model, tts, report: { engine: model.id, ...where, loadMs: Math.round(performance.now() - started) } };
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
