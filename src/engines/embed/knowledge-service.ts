// The knowledge worker's service: the embedding model and the passage index side by side, so a
// question is embedded and searched without its vector crossing to the page. The page owns the
// sealed store (the vault lives there); it hands passages in, with the vectors it has, and keeps the
// vectors this service makes, so nothing is ever embedded twice.
import type { ModelEntry } from '../../catalog/types';
import { NoModelLoadedError } from '../../core/errors';
import type { ComputeDevice } from '../shared/model-holder';
import { EmbedService, type EmbedLoadReport } from './embed-service';
import { KNOWLEDGE_TIMINGS } from './knowledge-timings';
import { PassageIndex, type PassageHit } from './passage-index';

export interface PassageForIndex {
  id: string;
  docId: string;
  text: string;
  /** From the store; null = not embedded yet. */
  vector: Float32Array | null;
  /** The model that made `vector`: another model's vector is made again. */
  vectorModel: string | null;
}

export interface IndexProgress {
  embedded: number;
  total: number;
}

export interface IndexResult {
  /** Vectors made now, by passage id: the page seals and stores them. */
  made: Map<string, Float32Array>;
  /** The model they were made with. */
  model: string;
  indexed: number;
}

/** Most sentence-embedding models take text as it is; E5 wants "query: " / "passage: " before it. */
const NO_PREFIXES = { query: '', passage: '' };

/** Passages embedded per call: big enough to use the batch, small enough to report progress and stop. */
const BATCH = 16;

const measureSince = (name: string, start: number, detail?: Record<string, number>) =>
  performance.measure(name, { start, end: performance.now(), ...(detail ? { detail } : {}) });

export class KnowledgeService {
  readonly #embed: EmbedService;
  #index: PassageIndex | null = null;
  #model: { id: string; dims: number; prefixes: { query: string; passage: string } } | null = null;
  #stopped = false;

  constructor(embed = new EmbedService()) {
    this.#embed = embed;
  }

  async load(model: ModelEntry, device: ComputeDevice = 'wasm'): Promise<EmbedLoadReport> {
    const report = await this.#embed.load(model, device);
    if (this.#model?.id !== model.id || this.#model.dims !== report.dims) {
      // Another model's vectors mean nothing next to this one's: the index starts again.
      this.#index = null;
      this.#model = { id: model.id, dims: report.dims, prefixes: model.embedPrefixes ?? NO_PREFIXES };
    }
    return report;
  }

  unload(): Promise<void> {
    return this.#embed.unload();
  }

  embed(texts: string[]): Promise<{ vectors: Float32Array[]; dims: number }> {
    return this.#embed.embed(texts);
  }

  /** Indexes passages, embedding those without a vector first, in batches, reporting each one. */
  async index(passages: readonly PassageForIndex[], onProgress?: (p: IndexProgress) => void): Promise<IndexResult> {
    const model = this.#model;
    if (!model) throw new NoModelLoadedError('embedding');
    this.#stopped = false;
    const started = performance.now();
    const index = (this.#index ??= PassageIndex.create(model.dims));
    const made = new Map<string, Float32Array>();
    const usable = (p: PassageForIndex) => p.vector !== null && p.vectorModel === model.id && p.vector.length === model.dims;
    const missing = passages.filter((p) => !usable(p));
    let embedded = 0;
    onProgress?.({ embedded, total: missing.length });
    for (let i = 0; i < missing.length && !this.#stopped; i += BATCH) {
      const batch = missing.slice(i, i + BATCH);
      const started = performance.now();
      const { vectors } = await this.#embed.embed(batch.map((p) => model.prefixes.passage + p.text));
      measureSince(KNOWLEDGE_TIMINGS.embedPassages, started, { passages: batch.length });
      batch.forEach((p, j) => made.set(p.id, vectors[j]!));
      await index.add(batch.map((p, j) => ({ id: p.id, docId: p.docId, text: p.text, embedding: Array.from(vectors[j]!) })));
      embedded += batch.length;
      onProgress?.({ embedded, total: missing.length });
    }
    const ready = passages.filter(usable);
    await index.add(ready.map((p) => ({ id: p.id, docId: p.docId, text: p.text, embedding: Array.from(p.vector!) })));
    measureSince(KNOWLEDGE_TIMINGS.index, started, { embedded, indexed: index.size });
    return { made, model: model.id, indexed: index.size };
  }

  /** Stops an index() between batches; what was embedded so far is kept and returned. */
  stop(): void {
    this.#stopped = true;
  }

  async removeDocument(docId: string): Promise<number> {
    return (await this.#index?.removeDocument(docId)) ?? 0;
  }

  /** Hybrid search; keywords only while no embedding model is loaded. */
  async search(query: string, limit = 5): Promise<PassageHit[]> {
    if (!this.#index || !this.#model) return [];
    const embedding = performance.now();
    const { vectors } = await this.#embed.embed([this.#model.prefixes.query + query]);
    const searching = performance.now();
    measureSince(KNOWLEDGE_TIMINGS.embedQuery, embedding);
    const hits = await this.#index.search(query, Array.from(vectors[0]!), limit);
    measureSince(KNOWLEDGE_TIMINGS.searchIndex, searching, { passages: this.#index.size });
    return hits;
  }

  get indexedPassages(): number {
    return this.#index?.size ?? 0;
  }
}
