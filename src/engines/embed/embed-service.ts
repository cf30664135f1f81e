// Sentence embeddings with transformers.js, reading weights only from the model store. Runs inside
// the embed worker; loading is explicit, held through the engines' one contract (another model frees
// the held one), and ends with a warm-up inference.
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import type { ModelEntry } from '../../catalog/types';
import { WrongModelError } from '../../core/errors';
import { ModelStore } from '../../store/model-store';
import { storeOnce } from '../shared/store-once';
import { ModelHolder, type ComputeDevice, type ModelLoadReport } from '../shared/model-holder';
import { loadOnDevice } from '../shared/on-device';
import { configureTransformers, dtypeFor } from '../shared/transformers-env';

export interface EmbedLoadReport extends ModelLoadReport {
  dims: number;
}

/** Builds the feature-extraction pipeline of a model on a device (tests give one that runs in Node). */
export type EmbedPipelineFactory = (model: ModelEntry, device: ComputeDevice) => Promise<FeatureExtractionPipeline>;

const pipelineOnDevice: EmbedPipelineFactory = async (model, device) => {
  const { pipeline } = await import('@huggingface/transformers');
  return (await pipeline('feature-extraction', model.repo, {
    dtype: dtypeFor(model.quantization),
    device,
    revision: model.revision ?? 'main',
  })) as FeatureExtractionPipeline;
};

interface Loaded {
  pipe: FeatureExtractionPipeline;
  report: EmbedLoadReport;
}

export class EmbedService {
  readonly #held = new ModelHolder<Loaded>('embedding', (loaded) => loaded.pipe.dispose());
  readonly #createPipeline: EmbedPipelineFactory;
  readonly #store: () => Promise<ModelStore>;

  constructor(createPipeline = pipelineOnDevice, openStore = () => ModelStore.open()) {
    this.#createPipeline = createPipeline;
    this.#store = storeOnce(openStore);
  }

  async load(model: ModelEntry, device: ComputeDevice = 'wasm'): Promise<EmbedLoadReport> {
    if (model.task !== 'embed') throw new WrongModelError(model.name, 'an embedding model');
    return (await this.#held.load(`${model.id}:${device}`, () => this.#load(model, device))).report;
  }

  unload(): Promise<void> {
    return this.#held.unload();
  }

  async #load(model: ModelEntry, asked: ComputeDevice): Promise<Loaded> {
    const started = performance.now();
    configureTransformers(await this.#store());
    let dims = 0;
    const { value: pipe, ...where } = await loadOnDevice(asked, async (device) => {
      const pipe = await this.#createPipeline(model, device);
      try {
        // Warm-up: the first inference compiles kernels (and shows a GPU that cannot run the build).
        dims = (await pipe('warm up', { pooling: 'mean', normalize: true })).dims.at(-1) ?? 0;
      } catch (e) {
        await pipe.dispose().catch(() => undefined);
        throw e;
      }
      return pipe;
    });
    return { pipe, report: { ...where, loadMs: Math.round(performance.now() - started), dims } };
  }

  async embed(texts: string[]): Promise<{ vectors: Float32Array[]; dims: number }> {
    const { pipe } = await this.#held.current();
    const out = await pipe(texts, { pooling: 'mean', normalize: true });
    const dims = out.dims.at(-1) ?? 0;
    const flat = out.data as Float32Array;
    const vectors = texts.map((_, i) => flat.slice(i * dims, (i + 1) * dims));
    return { vectors, dims };
  }
}
