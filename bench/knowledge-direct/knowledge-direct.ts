// Bench-only browser module (never part of the app): transformers.js' feature-extraction pipeline and
// @orama/orama called straight from the page, without the app's store, vault, worker or comlink.
// bundle.ts builds it into the bench's copy of dist/ and the bench import()s it into the app page:
// same origin, isolation and self-hosted ONNX Runtime files, the app's thread rule, the same model
// files (from the mirror), the same pooling, normalisation and batch of 16 as the app's worker.
import { pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { create, insertMultiple, search, type AnyOrama } from '@orama/orama';
import { mixedScriptTokenizer } from '../../src/engines/embed/search-words';
import { configureTransformers, type OnnxRuntimeFiles } from '../voice-direct/transformers-direct';

/** The app's batch (src/engines/embed/knowledge-service.ts) and candidates per ranking (passage-index.ts). */
const BATCH = 16;
const CANDIDATES = 50;

let pipe: FeatureExtractionPipeline | null = null;
let db: AnyOrama | null = null;
let dims = 0;

export async function load(opts: {
  mirrorUrl: string;
  ort: OnnxRuntimeFiles;
  repo: string;
  dtype: 'fp32' | 'q8';
}): Promise<{ loadMs: number; threads: number; dims: number }> {
  const started = performance.now();
  const threads = configureTransformers(opts.mirrorUrl, opts.ort);
  pipe = (await pipeline('feature-extraction', opts.repo, { dtype: opts.dtype, device: 'wasm' })) as FeatureExtractionPipeline;
  dims = (await pipe('warm up', { pooling: 'mean', normalize: true })).dims.at(-1) ?? 0;
  // The app's schema and tokenizer: the library does the same keyword and vector work as in the app.
  db = create({ schema: { text: 'string', embedding: `vector[${dims}]` }, components: { tokenizer: mixedScriptTokenizer() } });
  return { loadMs: performance.now() - started, threads, dims };
}

/** Embeds `texts` in the app's batches, as the app calls the pipeline; the vectors go into the direct
 *  index (untimed). Returns the embedding time alone. */
export async function embedAndIndex(passages: { id: string; text: string }[]): Promise<{ ms: number }> {
  if (!pipe || !db) throw new Error('load() first');
  let ms = 0;
  for (let i = 0; i < passages.length; i += BATCH) {
    const batch = passages.slice(i, i + BATCH);
    const started = performance.now();
    const out = await pipe(
      batch.map((p) => p.text),
      { pooling: 'mean', normalize: true },
    );
    ms += performance.now() - started;
    const flat = out.data as Float32Array;
    await insertMultiple(
      db,
      batch.map((p, j) => ({ id: p.id, text: p.text, embedding: Array.from(flat.subarray(j * dims, (j + 1) * dims)) })),
    );
  }
  return { ms };
}

/** The two library calls the app's hybrid search makes (keywords, then vectors, 50 candidates each),
 *  timed without the question's embedding, which is made first. */
export async function timedSearch(query: string): Promise<{ ms: number; keywordHits: number; vectorHits: number }> {
  if (!pipe || !db) throw new Error('load() first');
  const vector = Array.from((await pipe(query, { pooling: 'mean', normalize: true })).data as Float32Array);
  const started = performance.now();
  const keywords = await search(db, { term: query, properties: ['text'], limit: CANDIDATES });
  const vectors = await search(db, {
    mode: 'vector',
    vector: { value: vector, property: 'embedding' },
    similarity: -1,
    limit: CANDIDATES,
    includeVectors: false,
  });
  return { ms: performance.now() - started, keywordHits: keywords.hits.length, vectorHits: vectors.hits.length };
}
