// The VAD worker's service: loads Silero VAD and a wake word from the model store and listens to the
// microphone frames that arrive on a MessagePort straight from the capture worklet (the page's main
// thread never touches the audio). Finished segments go on another port to the Whisper worker, so
// this worker's only work is per frame: it reads every frame on time, however long Whisper takes.
import * as ort from 'onnxruntime-web/webgpu';
import type { ListenOptions, SegmentMessage, SpeechEvent, SpeechSegmentTimes } from '../../core/speech-events';
import { FRAME_SAMPLES } from '../../core/speech-events';
import { VadSegmenter } from '../../core/vad-segmenter';
import type { ModelEntry } from '../../catalog/types';
import { ORT_WASM_PATHS } from '../../catalog/runtime-assets';
import { SileroVad } from './silero-vad';
import { ModelStore } from '../../store/model-store';
import { storeOnce } from '../shared/store-once';
import { SpeechListener, type SegmentAudio } from './speech-listener';
import { loadWakeWord, type WakeWordDetector } from './wake-word';
import { EngineBusyError, WrongModelError } from '../../core/errors';
import { ModelHolder, type ModelLoadReport } from '../shared/model-holder';

export class ListenService {
  readonly #vad = new ModelHolder<SileroVad>('voice activity', (vad) => vad.release());
  readonly #wake = new ModelHolder<WakeWordDetector>('wake word', (detector) => detector.dispose());
  #listener: SpeechListener | null = null;
  #framePort: MessagePort | null = null;
  #segmentPort: MessagePort | null = null;
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

  /** Starts a session on frames from `frames` (512-sample Float32Arrays), handing finished segments
   *  to `segments` (the Whisper worker's port); ends any earlier session. */
  async listen(
    frames: MessagePort,
    segments: MessagePort,
    options: ListenOptions,
    onEvent: (e: SpeechEvent) => void,
  ): Promise<void> {
    await this.stopListening();
    const emit = (e: SpeechEvent) => void Promise.resolve(onEvent(e)).catch(() => undefined); // the page may be gone
    const [vad, wake] = await Promise.all([this.#vad.held(), this.#wake.held()]);
    if (!vad && options.mode !== 'push')
      emit({ type: 'error', message: 'No voice activity model is loaded: download Silero VAD in Models' });
    if (options.mode === 'wake' && !wake)
      emit({ type: 'error', message: 'No wake word model is loaded: choose one in Settings → Voice' });
    const transcribe = ({ id, audio, language }: SegmentAudio) =>
      segments.postMessage({ type: 'segment', id, audio, language } satisfies SegmentMessage, [audio.buffer]);
    const listener = new SpeechListener({ vad, wake }, options, { emit, transcribe });
    this.#listener = listener;
    this.#framePort = frames;
    this.#segmentPort = segments;
    frames.onmessage = ({ data }: MessageEvent<Float32Array>) => {
      const arrivedAt = performance.now();
      this.#frames = this.#frames
        .then(() => listener.frame(data, arrivedAt))
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

  /** Ends the session: its last segment goes to Whisper, then the end; the Whisper worker says
   *  when that last transcript is out. */
  async stopListening(): Promise<void> {
    const listener = this.#listener;
    if (!listener) return;
    this.#framePort?.close();
    this.#framePort = null;
    this.#listener = null;
    await this.#frames;
    listener.stop();
    // The Whisper worker closes the channel once it has read this (closing here could drop it).
    this.#segmentPort?.postMessage({ type: 'end' } satisfies SegmentMessage);
    this.#segmentPort = null;
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
}

/** The store, with ONNX Runtime on self-hosted wasm and one thread: Silero and openWakeWord are tiny
 *  (about a millisecond a frame), and more threads would only take cores from Whisper and the UI. */
const openStore = storeOnce(async () => {
  ort.env.wasm.wasmPaths ??= { ...ORT_WASM_PATHS };
  ort.env.wasm.numThreads = 1;
  return ModelStore.open();
});
