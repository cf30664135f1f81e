// The Whisper worker's service: loads Whisper from the model store and transcribes, both on request
// (the Whisper check, the bench) and for a listening session, whose finished segments arrive on a
// MessagePort straight from the VAD worker (listen-service.ts). Whisper has this worker to itself:
// the microphone's frames are read and decided in the VAD worker, so a long transcription never
// delays them.
import type { SegmentMessage, SpeechEvent } from '../../core/speech-events';
import type { ModelEntry } from '../../catalog/types';
import { ModelStore } from '../../store/model-store';
import { storeOnce } from '../shared/store-once';
import { configureTransformers, dtypeFor } from '../shared/transformers-env';
import { WhisperStt, type Transcript } from './whisper-stt';
import { WrongModelError } from '../../core/errors';
import { ModelHolder, type ComputeDevice, type ModelLoadReport } from '../shared/model-holder';
import { loadOnDevice } from '../shared/on-device';
import { SegmentTranscriber } from './segment-transcriber';

export type SttLoadReport = ModelLoadReport;

interface LoadedStt {
  stt: WhisperStt;
  report: SttLoadReport;
}

interface Session {
  port: MessagePort;
  transcriber: SegmentTranscriber;
  /** Resolves when the VAD worker said the session ended and every segment before that is done. */
  ended: Promise<void>;
}

export class SpeechService {
  // One Whisper at a time (two sessions would hold twice the memory); a failed load can be retried.
  readonly #stt = new ModelHolder<LoadedStt>('speech recognition', (loaded) => loaded.stt.dispose());
  #session: Session | null = null;

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

  /** Transcribes the segments arriving on `port` (SegmentMessages) until an 'end' message. */
  serveSegments(port: MessagePort, onEvent: (e: SpeechEvent) => void): void {
    this.#session?.port.close();
    const emit = (e: SpeechEvent) => void Promise.resolve(onEvent(e)).catch(() => undefined); // the page may be gone
    const transcriber = new SegmentTranscriber(async () => (await this.#stt.held())?.stt ?? null, emit);
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    port.onmessage = ({ data }: MessageEvent<SegmentMessage>) => {
      if (data.type === 'segment') transcriber.push(data);
      else void transcriber.drained().then(end);
    };
    this.#session = { port, transcriber, ended };
  }

  /** Waits for the session's end (the VAD worker sends it when listening stops) and its last transcript. */
  async sessionEnded(): Promise<void> {
    const session = this.#session;
    if (!session) return;
    await session.ended;
    session.port.close();
    if (this.#session === session) this.#session = null;
  }

  async transcribe(audio16k: Float32Array, language: string): Promise<Transcript> {
    const { stt } = await this.#stt.current();
    return stt.transcribe(audio16k, language);
  }
}

/** The store, with ONNX Runtime (Whisper's, through transformers.js) on self-hosted wasm. */
const openStore = storeOnce(() => ModelStore.open().then((s) => (configureTransformers(s), s)));
