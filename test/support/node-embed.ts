// The embed engine as Node tests run it: the test BERT models downloaded from the mirror into a
// fake-indexeddb model store, and transformers.js on Node's CPU backend in place of the worker's
// WebGPU/wasm (the only difference from the worker). Import 'fake-indexeddb/auto' first.
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import type { ModelEntry } from '../../src/catalog/types';
import { download } from '../../src/downloads/downloader';
import { EmbedService } from '../../src/engines/embed/embed-service';
import { dtypeFor } from '../../src/engines/shared/transformers-env';
import { ModelStore } from '../../src/store/model-store';
import { freshDbName } from './fixture-models';
import type { Mirror } from './mirror';

/** Downloads `models` into a new model store; returns its database name. */
export async function storeWith(mirror: Mirror, models: readonly ModelEntry[]): Promise<string> {
  const dbName = freshDbName();
  const store = await ModelStore.open(dbName);
  for (const model of models) await download(model, { store, source: mirror.url, storage: null });
  store.close();
  (globalThis as { self?: unknown }).self ??= globalThis; // configureTransformers reads the worker global
  return dbName;
}

/** An EmbedService reading `dbName`; `onMade` sees every pipeline it builds. */
export function nodeEmbedService(
  dbName: string,
  onMade?: (model: ModelEntry, pipe: FeatureExtractionPipeline) => void,
): EmbedService {
  return new EmbedService(
    async (model) => {
      const { pipeline } = await import('@huggingface/transformers');
      const pipe = (await pipeline('feature-extraction', model.repo, {
        dtype: dtypeFor(model.quantization),
        device: 'cpu',
      })) as FeatureExtractionPipeline;
      onMade?.(model, pipe);
      return pipe;
    },
    () => ModelStore.open(dbName),
  );
}
