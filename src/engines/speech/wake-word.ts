// openWakeWord on ONNX Runtime Web: melspectrogram -> embedding_model -> one wake-word head, run
// every 80 ms of audio. Which samples, frames and embeddings each model sees is decided in
// src/core/wake-features.ts; this file only runs the models. Part of the speech worker bundle.
import * as ort from 'onnxruntime-web/webgpu';
import {
  EMBEDDING_DIM,
  EMBEDDING_WINDOW_FRAMES,
  EmbeddingHistory,
  HEAD_EMBEDDINGS,
  MEL_BINS,
  MEL_INPUT_SAMPLES,
  MelHistory,
  StepAccumulator,
  WakeTrigger,
  scaleMel,
} from '../../core/wake-features';
import type { ModelEntry } from '../../catalog/types';
import { ORT_WASM_PATHS } from '../../catalog/runtime-assets';
import { ModelStore } from '../../store/model-store';
import { ModelFormatError, WrongModelError } from '../../core/errors';

export interface WakeWordFiles {
  mel: ArrayBuffer;
  embedding: ArrayBuffer;
  head: ArrayBuffer;
}

/** One input, one output: the name pair a session is run with (the heads' names differ). */
class SingleIoModel {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly input: string,
    private readonly output: string,
  ) {}

  static async create(bytes: ArrayBuffer): Promise<SingleIoModel> {
    const session = await ort.InferenceSession.create(new Uint8Array(bytes), { executionProviders: ['wasm'] });
    const [input] = session.inputNames;
    const [output] = session.outputNames;
    if (!input || !output) throw new ModelFormatError('wake-word model', 'has no input or no output');
    return new SingleIoModel(session, input, output);
  }

  async run(data: Float32Array, dims: readonly number[]): Promise<Float32Array> {
    const results = await this.session.run({ [this.input]: new ort.Tensor('float32', data, dims) });
    return results[this.output]!.data as Float32Array;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

export class WakeWordDetector {
  /** Scores at or above this fire the wake word. */
  threshold = 0.5;

  private readonly steps = new StepAccumulator();
  private readonly mel = new MelHistory();
  private readonly embeddings = new EmbeddingHistory();
  private readonly trigger = new WakeTrigger();
  private lastFired = false;
  /** push() calls run one after another: each step's features depend on the previous step's. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Bumped by reset(), so a step already inside the models cannot write into the fresh state. */
  private generation = 0;

  private constructor(
    readonly word: string,
    private readonly melModel: SingleIoModel,
    private readonly embeddingModel: SingleIoModel,
    private readonly head: SingleIoModel,
  ) {}

  static async create(files: WakeWordFiles, word: string): Promise<WakeWordDetector> {
    useSelfHostedRuntime();
    const [mel, embedding, head] = await Promise.all([
      SingleIoModel.create(files.mel),
      SingleIoModel.create(files.embedding),
      SingleIoModel.create(files.head),
    ]);
    return new WakeWordDetector(word, mel, embedding, head);
  }

  /**
   * Feeds 16 kHz mono audio (the 512-sample mic frames, though any length works). Resolves to the
   * head's score (0..1) when this audio completed an 80 ms step and the head has 16 embeddings to
   * read, else null; with several steps in one call, their highest score.
   */
  push(frame16k: Float32Array): Promise<number | null> {
    const generation = this.generation;
    const steps = this.steps.push(frame16k);
    const result = this.queue.then(() => this.runSteps(steps, generation));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** True when the latest prediction was a detection: at or above the threshold and not the same
   *  utterance as the previous detection (see WakeTrigger's cool-down). */
  get fired(): boolean {
    return this.lastFired;
  }

  /** Forgets all audio, so what comes next is scored as if listening had just started. */
  reset(): void {
    this.generation++;
    this.steps.reset();
    this.mel.reset();
    this.embeddings.reset();
    this.trigger.reset();
    this.lastFired = false;
  }

  async dispose(): Promise<void> {
    this.reset();
    await this.queue;
    await Promise.all([this.melModel.release(), this.embeddingModel.release(), this.head.release()]);
  }

  private async runSteps(steps: Float32Array[], generation: number): Promise<number | null> {
    let best: number | null = null;
    let fired = false;
    for (const samples of steps) {
      if (generation !== this.generation) return null;
      const score = await this.runStep(samples, generation);
      if (score === null) continue;
      fired = this.trigger.update(score, this.threshold) || fired;
      best = best === null ? score : Math.max(best, score);
    }
    if (best !== null) this.lastFired = fired;
    return best;
  }

  private async runStep(samples: Float32Array, generation: number): Promise<number | null> {
    const melFrames = scaleMel(await this.melModel.run(samples, [1, MEL_INPUT_SAMPLES]));
    if (generation !== this.generation) return null;
    const window = this.mel.addStep(melFrames);
    const embedding = await this.embeddingModel.run(window, [1, EMBEDDING_WINDOW_FRAMES, MEL_BINS, 1]);
    if (generation !== this.generation) return null;
    const headInput = this.embeddings.add(embedding);
    if (!headInput) return null;
    const [score] = await this.head.run(headInput, [1, HEAD_EMBEDDINGS, EMBEDDING_DIM]);
    return generation === this.generation ? score! : null;
  }
}

/** Points ONNX Runtime at the app's own wasm files unless something (transformers.js's set-up, a
 *  test) already chose them: the runtime's default is a CDN, which an offline app cannot use. */
function useSelfHostedRuntime(): void {
  ort.env.wasm.wasmPaths ??= { ...ORT_WASM_PATHS };
}

/** Loads a stored wake-word catalog entry (task 'wake') into a detector: the front end's two models
 *  and the head the entry names, for the phrase it names. */
export async function loadWakeWord(model: ModelEntry, store?: ModelStore): Promise<WakeWordDetector> {
  if (model.task !== 'wake' || !model.wake) throw new WrongModelError(model.id, 'a wake-word model');
  const db = store ?? (await ModelStore.open());
  const read = async (path: string) => (await db.readFile(model.repo, path, model.revision)).arrayBuffer();
  const [mel, embedding, head] = await Promise.all([
    read('melspectrogram.onnx'),
    read('embedding_model.onnx'),
    read(model.wake.head),
  ]);
  return WakeWordDetector.create({ mel, embedding, head }, model.wake.phrase);
}
