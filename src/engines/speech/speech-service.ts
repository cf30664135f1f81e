// The speech worker's service: loads Silero VAD, Whisper and a wake word from the model store, and
// listens to the microphone frames that arrive on a MessagePort straight from the capture worklet
// (the page's main thread never touches the audio). Loading is explicit and memoised per model.
import type { ListenOptions, SpeechEvent, SpeechSegmentTimes } from '../../core/speech-events';
import { FRAME_SAMPLES } from '../../core/speech-events';
import { VadSegmenter } from '../../core/vad-segmenter';
import type { ModelEntry } from '../../catalog/types';
import { SileroVad } from './silero-vad';
import { ModelStore } from '../../store/model-store';
import { storeOnce } from '../shared/store-once';
import { SpeechListener } from './speech-listener';
import { configureTransformers, dtypeFor } from '../shared/transformers-env';
import { loadWakeWord, type WakeWordDetector } from './wake-word';
import { WhisperStt, type Transcript } from './whisper-stt';
import { EngineBusyError, WrongModelError } from '../../core/errors';
import { ModelHolder, type ComputeDevice, type ModelLoadReport } from '../shared/model-holder';
import { loadOnDevice } from '../shared/on-device';

export type SttLoadReport = ModelLoadReport;

interface LoadedStt {
  stt: WhisperStt;
  report: SttLoadReport;
}

export class SpeechService {
  // One model per slot, each freed when another replaces it (two Whisper sessions would hold twice
  // the memory); a failed load can be retried.
  readonly #vad = new ModelHolder<SileroVad>('voice activity', (vad) => vad.release());
  readonly #stt = new ModelHolder<LoadedStt>('speech recognition', (loaded) => loaded.stt.dispose());
  readonly #wake = new ModelHolder<WakeWordDetector>('wake word', (detector) => detector.dispose());
  #listener: SpeechListener | null = null;
  #port: MessagePort | null = null;
  #frames: Promise<void> = Promise.resolve();

  async loadVad(model: ModelEntry): Promise<ModelLoadReport> {
    const started = performance.now();
    const file = model.files[0];
    if (model.task !== 'vad' || !file) throw new WrongModelError(model.id, 'a voice activity model');
    await this.#vad.load(model.id, async () => {
      const store = await openStore();
      const bytes = await (await store.readFile(model.repo, file.path, model.revision)).arrayBuffer();
      return SileroVad.create(bytes);
    });
    return { device: 'wasm', loadMs: Math.round(performance.now() - started) };
  }

  async loadStt(model: ModelEntry, device: ComputeDevice = 'wasm'): Promise<SttLoadReport> {
    if (model.task !== 'stt') throw new WrongModelError(model.id, 'a speech recognition model');
    const loaded = await this.#stt.load(`${model.id}:${device}`, async () => {
      const started = performance.now();
      await openStore();
      const { value, ...where } = await loadOnDevice(device, async (on) => {
        const stt = await WhisperStt.load({
          repo: model.repo,
          revision: model.revision ?? 'main',
          dtype: dtypeFor(model.quantization),
          device: on,
        });
        try {
          await stt.transcribe(new Float32Array(16_000), 'en'); // warm-up: first inference compiles kernels
        } catch (e) {
          await stt.dispose().catch(() => undefined);
          throw e;
        }
        return stt;
      });
      return { stt: value, report: { ...where, loadMs: Math.round(performance.now() - started) } };
    });
    return loaded.report;
  }

  /** null unloads: wake mode then reports an error instead of listening for a word. */
  async loadWake(model: ModelEntry | null): Promise<ModelLoadReport | null> {
    if (!model) {
      await this.#wake.unload();
      return null;
    }
    const started = performance.now();
    await this.#wake.load(model.id, async () => loadWakeWord(model, await openStore()));
    return { device: 'wasm', loadMs: Math.round(performance.now() - started) };
  }

  /** Starts a session on frames from `port` (512-sample Float32Arrays); ends any earlier one. */
  async listen(port: MessagePort, options: ListenOptions, onEvent: (e: SpeechEvent) => void): Promise<void> {
    await this.stopListening();
    const emit = (e: SpeechEvent) => void Promise.resolve(onEvent(e)).catch(() => undefined); // the page may be gone
    const [vad, stt, wake] = await Promise.all([this.#vad.held(), this.#stt.held(), this.#wake.held()]);
    if (!vad && options.mode !== 'push')
      emit({ type: 'error', message: 'No voice activity model is loaded: download Silero VAD in Models' });
    if (options.mode === 'wake' && !wake)
      emit({ type: 'error', message: 'No wake word model is loaded: choose one in Settings → Voice' });
    const listener = new SpeechListener({ vad, stt: stt?.stt ?? null, wake }, options, emit);
    this.#listener = listener;
    this.#port = port;
    port.onmessage = ({ data }: MessageEvent<Float32Array>) => {
      this.#frames = this.#frames
        .then(() => listener.frame(data))
        .catch((e: unknown) =>
          emit({ type: 'error', message: `Listening failed: ${e instanceof Error ? e.message : String(e)}` }),
        );
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
    const vad = await this.#vad.current();
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
    const { stt } = await this.#stt.current();
    return stt.transcribe(audio16k, language);
  }
}

/** The store, with ONNX Runtime (shared by Whisper, the VAD and the wake word) on self-hosted wasm. */
const openStore = storeOnce(() => ModelStore.open().then((s) => (configureTransformers(s), s)));
