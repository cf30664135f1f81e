// The embed engine in Node on the random-weight BERT test models (fp32 and q8: plumbing, not
// quality), read from a (fake-indexeddb) model store as in the worker. Node runs transformers.js on
// its CPU backend, so the pipeline factory maps the engine's device to 'cpu'; everything else is the
// worker's code. Replacing the model must free the one it replaces.
import 'fake-indexeddb/auto';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_MODELS } from '../../../src/catalog/test-models';
import type { ModelEntry } from '../../../src/catalog/types';
import { NoModelLoadedError, WrongModelError } from '../../../src/core/errors';
import { EmbedService } from '../../../src/engines/embed/embed-service';
import { nodeEmbedService, storeWith } from '../../support/node-embed';
import { start, type Mirror } from '../../support/mirror';

const byId = (id: string): ModelEntry => TEST_MODELS.find((m) => m.id === id)!;
const FP32 = byId('test-bert-embed-fp32');
const Q8 = byId('test-bert-embed-q8');

let mirror: Mirror;
let dbName: string;
const made: Array<{ id: string; pipe: FeatureExtractionPipeline; dispose: ReturnType<typeof vi.fn> }> = [];

beforeAll(async () => {
  mirror = await start();
  dbName = await storeWith(mirror, [FP32, Q8]);
}, 60_000);
afterAll(async () => {
  await mirror.close();
});

function service(): EmbedService {
  return nodeEmbedService(dbName, (model, pipe) => {
    // The real dispose runs; the spy only counts the calls.
    const dispose = vi.fn(pipe.dispose.bind(pipe));
    pipe.dispose = dispose;
    made.push({ id: model.id, pipe, dispose });
  });
}

describe('EmbedService', () => {
  it('embeds with the stored model, and replacing it frees the model it replaces', async () => {
    const embed = service();
    await expect(embed.embed(['nothing loaded'])).rejects.toBeInstanceOf(NoModelLoadedError);
    const first = await embed.load(FP32);
    expect(first).toMatchObject({ device: 'wasm', dims: expect.any(Number) });
    const { vectors } = await embed.embed(['turn on the kitchen light', 'what time is it']);
    expect(vectors).toHaveLength(2);
    expect(vectors[0]!.length).toBe(first.dims);

    await embed.load(FP32); // the same model again: nothing reloads, nothing is freed
    expect(made).toHaveLength(1);
    expect(made[0]!.dispose).not.toHaveBeenCalled();

    await embed.load(Q8);
    expect(made.map((m) => m.id)).toEqual([FP32.id, Q8.id]);
    expect(made[0]!.dispose).toHaveBeenCalledTimes(1);
    expect(made[1]!.dispose).not.toHaveBeenCalled();
    expect((await embed.embed(['still works'])).vectors).toHaveLength(1);

    await embed.unload();
    expect(made[1]!.dispose).toHaveBeenCalledTimes(1);
    await expect(embed.embed(['gone'])).rejects.toBeInstanceOf(NoModelLoadedError);
  }, 60_000);

  it('refuses a model that is not an embedding model', async () => {
    await expect(service().load(byId('test-kokoro-fp32'))).rejects.toBeInstanceOf(WrongModelError);
  });
});
