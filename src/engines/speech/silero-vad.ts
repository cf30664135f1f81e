// Silero VAD v6 on ONNX Runtime Web (wasm EP): one speech probability per 512-sample frame of
// 16 kHz audio. Runs in the speech worker. The model is stateful: its recurrent state and the last
// 64 samples of the previous frame (its "context", prepended to each input) carry from frame to
// frame, exactly as the upstream Python wrapper feeds it; without the context the v5/v6 models give
// flat, low probabilities.
import * as ort from 'onnxruntime-web/webgpu';
import { FRAME_SAMPLES, SPEECH_RATE } from '../../core/speech-events';

const CONTEXT_SAMPLES = 64;
const STATE_DIMS = [2, 1, 128];

export class SileroVad {
  readonly #session: ort.InferenceSession;
  readonly #input = new Float32Array(CONTEXT_SAMPLES + FRAME_SAMPLES);
  readonly #sr = new ort.Tensor('int64', BigInt64Array.from([BigInt(SPEECH_RATE)]), []);
  #state: ort.Tensor = zeroState();
  /** Inference runs one frame at a time: the state of frame n is the input of frame n + 1. */
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(session: ort.InferenceSession) {
    this.#session = session;
  }

  static async create(model: ArrayBuffer | Uint8Array): Promise<SileroVad> {
    const bytes = model instanceof Uint8Array ? model : new Uint8Array(model);
    const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
    return new SileroVad(session);
  }

  /** Speech probability 0..1 of one 512-sample 16 kHz frame (calls are serialised). */
  process(frame: Float32Array): Promise<number> {
    if (frame.length !== FRAME_SAMPLES) throw new RangeError(`Silero VAD needs ${FRAME_SAMPLES} samples, got ${frame.length}`);
    const run = this.#queue.then(() => this.#run(frame));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #run(frame: Float32Array): Promise<number> {
    const input = this.#input;
    input.copyWithin(0, FRAME_SAMPLES); // the previous frame's last 64 samples become the context
    input.set(frame, CONTEXT_SAMPLES);
    const out = await this.#session.run({
      input: new ort.Tensor('float32', input.slice(), [1, input.length]),
      state: this.#state,
      sr: this.#sr,
    });
    this.#state = out.stateN!;
    return (out.output!.data as Float32Array)[0]!;
  }

  /** Forget the past: a new stream (another recording, the next listening session) starts clean. */
  reset(): void {
    this.#state = zeroState();
    this.#input.fill(0);
  }

  release(): Promise<void> {
    return this.#session.release();
  }
}

const zeroState = () => new ort.Tensor('float32', new Float32Array(2 * 128), STATE_DIMS);
