// The speech worker's service: loads Silero VAD, Whisper and a wake word from the model store, and
// listens to the microphone frames that arrive on a MessagePort straight from the capture worklet
// (the page's main thread never touches the audio). Loading is explicit and memoised per model.
import type { ListenOptions, SpeechEvent, SpeechSegmentTimes } from '../../core/speech-events';
import { FRAME_SAMPLES } from '../../core/speech-events';
import { VadSegmenter } from '../../core/vad-segmenter';
import type { ModelEntry } from '../../catalog/types';
import { SileroVad } from './silero-vad';
import { ModelStore } from '../../store/model-store';
import { SpeechListener } from './speech-listener';
import { configureTransformers, dtypeFor } from '../shared/transformers-env';
import { loadWakeWord, type WakeWordDetector } from './wake-word';
import { WhisperStt, type Transcript } from './whisper-stt';
import { EngineBusyError, NoModelLoadedError, WrongModelError } from '../../core/errors';

export interface SttLoadReport {
  device: 'webgpu' | 'wasm';
  loadMs: number;
  /** Why WebGPU was asked for but WebAssembly runs (the GPU load or its first run failed). */
  gpuError?: string;
}

interface Loaded<T> {
  key: string;
  value: Promise<T>;
}

export class SpeechService {
  #vad: Loaded<SileroVad> | null = null;
  #stt: Loaded<{ stt: WhisperStt; report: SttLoadReport }> | null = null;
  #wake: Loaded<WakeWordDetector> | null = null;
  #listener: SpeechListener | null = null;
  #port: MessagePort | null = null;
  #frames: Promise<void> = Promise.resolve();

  async loadVad(model: ModelEntry): Promise<{ loadMs: number }> {
    const started = performance.now();
    this.#vad = memo(this.#vad, model.id, async () => {
      const store = await openStore();
      const file = model.files[0];
      if (model.task !== 'vad' || !file) throw new WrongModelError(model.id, 'a voice activity model');
      const bytes = await (await store.readFile(model.repo, file.path, model.revision)).arrayBuffer();
      return SileroVad.create(bytes);
    }, (old) => old.release());
    await this.#vad.value;
    return { loadMs: Math.round(performance.now() - started) };
  }

  async loadStt(model: ModelEntry, device: 'webgpu' | 'wasm' = 'wasm'): Promise<SttLoadReport> {
    if (model.task !== 'stt') throw new WrongModelError(model.id, 'a speech recognition model');
    const chosen = device === 'webgpu' && (await hasWebGpu()) ? 'webgpu' : 'wasm';
    this.#stt = memo(this.#stt, `${model.id}:${chosen}`, async () => {
      const started = performance.now();
      await openStore();
      const load = async (device: 'webgpu' | 'wasm') => {
        const stt = await WhisperStt.load({ repo: model.repo, revision: model.revision ?? 'main', dtype: dtypeFor(model.quantization), device });
        try {
          await stt.transcribe(new Float32Array(16_000), 'en'); // warm-up: first inference compiles kernels
        } catch (e) {
          await stt.dispose().catch(() => undefined);
          throw e;
        }
        return stt;
      };
      if (chosen === 'wasm') return { stt: await load('wasm'), report: { device: chosen, loadMs: Math.round(performance.now() - started) } };
      try {
        return { stt: await load('webgpu'), report: { device: chosen, loadMs: Math.round(performance.now() - started) } };
      } catch (e) {
        // A GPU without the features a build needs still has a CPU: listening must not depend on it.
        const gpuError = e instanceof Error ? e.message : String(e);
        return { stt: await load('wasm'), report: { device: 'wasm' as const, loadMs: Math.round(performance.now() - started), gpuError } };
      }
    }, (old) => old.stt.dispose());
    return (await this.#stt.value).report;
  }

  /** null unloads: wake mode then reports an error instead of listening for a word. */
  async loadWake(model: ModelEntry | null): Promise<void> {
    if (!model) {
      const old = this.#wake;
      this.#wake = null;
      await old?.value.then((d) => d.dispose()).catch(() => undefined);
      return;
    }
    this.#wake = memo(this.#wake, model.id, async () => loadWakeWord(model, await openStore()), (old) => old.dispose());
    await this.#wake.value;
  }

  /** Starts a session on frames from `port` (512-sample Float32Arrays); ends any earlier one. */
  async listen(port: MessagePort, options: ListenOptions, onEvent: (e: SpeechEvent) => void): Promise<void> {
    await this.stopListening();
    const emit = (e: SpeechEvent) => void Promise.resolve(onEvent(e)).catch(() => undefined); // the page may be gone
    const [vad, stt, wake] = await Promise.all([settled(this.#vad), settled(this.#stt), settled(this.#wake)]);
    if (!vad && options.mode !== 'push') emit({ type: 'error', message: 'No voice activity model is loaded: download Silero VAD in Models' });
    if (options.mode === 'wake' && !wake) emit({ type: 'error', message: 'No wake word model is loaded: choose one in Settings → Voice' });
    const listener = new SpeechListener({ vad, stt: stt?.stt ?? null, wake }, options, emit);
    this.#listener = listener;
    this.#port = port;
    port.onmessage = ({ data }: MessageEvent<Float32Array>) => {
      this.#frames = this.#frames.then(() => listener.frame(data)).catch((e: unknown) =>
        emit({ type: 'error', message: `Listening failed: ${e instanceof Error ? e.message : String(e)}` }));
    };
  }

  configure(options: Partial<ListenOptions>): void {
    this.#listener?.configure(options);
  }

  pushToTalk(down: boolean): void {
    // After the frames already received, so the held span ends where the person let go.
    const listener = this.#listener;
    this.#frames = this.#frames.then(() => listener?.pushToTalk(down));
  }

  async stopListening(): Promise<void> {
    const listener = this.#listener;
    if (!listener) return;
    this.#port?.close();
    this.#port = null;
    this.#listener = null;
    await this.#frames;
    await listener.stop();
  }

  /** Speech segments in a whole 16 kHz recording (tests, bench): the same VAD and segmenter. */
  async findSpeech(audio16k: Float32Array): Promise<SpeechSegmentTimes[]> {
    if (this.#listener) throw new EngineBusyError('The voice activity model (listening)');
    const vad = await settled(this.#vad);
    if (!vad) throw new NoModelLoadedError('voice activity');
    vad.reset();
    const segmenter = new VadSegmenter();
    const found: SpeechSegmentTimes[] = [];
    const frame = new Float32Array(FRAME_SAMPLES);
    for (let at = 0; at < audio16k.length; at += FRAME_SAMPLES) {
      frame.fill(0).set(audio16k.subarray(at, at + FRAME_SAMPLES));
      const event = segmenter.push(await vad.process(frame));
      if (event?.type === 'speech-end') found.push({ startMs: event.startMs, endMs: event.endMs });
    }
    const last = segmenter.flush();
    if (last?.type === 'speech-end') found.push({ startMs: last.startMs, endMs: last.endMs });
    return found;
  }

  async transcribe(audio16k: Float32Array, language: string): Promise<Transcript> {
    const loaded = await settled(this.#stt);
    if (!loaded) throw new NoModelLoadedError('speech recognition');
    return loaded.stt.transcribe(audio16k, language);
  }
}

/** The same model keeps its loading promise; another replaces it, and the one it replaces is freed
 *  (two Whisper sessions would hold twice the memory). A failed load can be retried. */
function memo<T>(current: Loaded<T> | null, key: string, load: () => Promise<T>, free: (old: T) => Promise<unknown>): Loaded<T> {
  if (current?.key === key) return current;
  void current?.value.then(free).catch(() => undefined);
  const entry: Loaded<T> = { key, value: load() };
  entry.value.catch(() => undefined);
  return entry;
}

/** The loaded value, or null if nothing was asked for or its loading failed. */
async function settled<T>(loaded: Loaded<T> | null): Promise<T | null> {
  return loaded ? loaded.value.catch(() => null) : null;
}

let store: Promise<ModelStore> | null = null;
/** The store, with ONNX Runtime (shared by Whisper, the VAD and the wake word) on self-hosted wasm. */
function openStore(): Promise<ModelStore> {
  store ??= ModelStore.open().then((s) => (configureTransformers(s), s));
  store.catch(() => (store = null));
  return store;
}

async function hasWebGpu(): Promise<boolean> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  return !!gpu && !!(await gpu.requestAdapter().catch(() => null));
}
