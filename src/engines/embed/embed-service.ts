// Sentence embeddings with transformers.js, reading weights only from the model store. Runs inside
// the embed worker; loading is explicit, memoised, and ends with a warm-up inference.
import { pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import type { ModelEntry } from '../../catalog/types';
import { ModelStore } from '../../store/model-store';
import { configureTransformers, dtypeFor } from '../shared/transformers-env';
import { NoModelLoadedError } from '../../core/errors';

export interface LoadReport {
  device: 'webgpu' | 'wasm';
  loadMs: number;
  dims: number;
}

export class EmbedService {
  #loading: Promise<{ pipe: FeatureExtractionPipeline; report: LoadReport }> | null = null;
  #modelId = '';

  load(model: ModelEntry, device: 'webgpu' | 'wasm' = 'wasm'): Promise<LoadReport> {
    if (this.#loading && this.#modelId === model.id) return this.#loading.then((l) => l.report);
    this.#modelId = model.id;
    this.#loading = this.#load(model, device);
    this.#loading.catch(() => {
      this.#loading = null; // a failed load can be retried
    });
    return this.#loading.then((l) => l.report);
  }

  async #load(model: ModelEntry, device: 'webgpu' | 'wasm') {
    const started = performance.now();
    configureTransformers(await ModelStore.open());
    const pipe = (await pipeline('feature-extraction', model.repo, {
      dtype: dtypeFor(model.quantization),
      device,
      revision: model.revision ?? 'main',
    })) as FeatureExtractionPipeline;
    const warm = await pipe('warm up', { pooling: 'mean', normalize: true });
    const dims = warm.dims.at(-1) ?? 0;
    return { pipe, report: { device, loadMs: Math.round(performance.now() - started), dims } };
  }

  async embed(texts: string[]): Promise<{ vectors: Float32Array[]; dims: number }> {
    if (!this.#loading) throw new NoModelLoadedError('embedding');
    const { pipe } = await this.#loading;
    const out = await pipe(texts, { pooling: 'mean', normalize: true });
    const dims = out.dims.at(-1) ?? 0;
    const flat = out.data as Float32Array;
    const vectors = texts.map((_, i) => flat.slice(i * dims, (i + 1) * dims));
    return { vectors, dims };
  }
}
