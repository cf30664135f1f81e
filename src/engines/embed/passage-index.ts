// The search index over a person's passages: Orama's BM25 keyword index (with the English + Chinese
// words of search-words.ts) and its vector index over the passages' embeddings, joined by rank
// (core/knowledge/rank-fusion). The index lives in the knowledge worker's memory and is rebuilt from
// the stored passages and their stored embeddings when the app opens, so nothing is embedded twice.
import { create, insertMultiple, removeMultiple, search, type AnyOrama } from '@orama/orama';
import { fuseByRank } from '../../core/knowledge/rank-fusion';
import { InvalidInputError } from '../../core/errors';
import { mixedScriptTokenizer, searchWordSpans, searchWords } from './search-words';

export interface IndexedPassage {
  id: string;
  docId: string;
  text: string;
  embedding: readonly number[];
}

export interface PassageHit {
  id: string;
  docId: string;
  /** Fused rank score (higher is better). */
  score: number;
  /** The part of `score` that keyword search gave (0-1); the rest came from the vectors. */
  keywordShare: number;
  /** Where the question's words stand in the passage (UTF-16 offsets, end exclusive), for highlighting. */
  matches: [number, number][];
}

/** How deep each ranking goes before fusion: enough that a passage one list ranks low still counts. */
const CANDIDATES = 50;

export class PassageIndex {
  readonly dims: number;
  readonly #db: AnyOrama;
  readonly #byDoc = new Map<string, Set<string>>();
  readonly #texts = new Map<string, { docId: string; text: string }>();

  private constructor(dims: number, db: AnyOrama) {
    this.dims = dims;
    this.#db = db;
  }

  static create(dims: number): PassageIndex {
    if (!Number.isInteger(dims) || dims <= 0)
      throw new InvalidInputError(`an embedding size must be a positive whole number, not ${dims}`);
    const db = create({
      schema: { text: 'string', embedding: `vector[${dims}]` },
      components: { tokenizer: mixedScriptTokenizer() },
    });
    return new PassageIndex(dims, db);
  }

  get size(): number {
    return this.#texts.size;
  }

  async add(passages: readonly IndexedPassage[]): Promise<void> {
    for (const p of passages) {
      if (p.embedding.length !== this.dims) {
        throw new InvalidInputError(
          `passage ${p.id} has an embedding of ${p.embedding.length} numbers; this index holds ${this.dims}`,
        );
      }
    }
    const fresh = passages.filter((p) => !this.#texts.has(p.id));
    await insertMultiple(
      this.#db,
      fresh.map((p) => ({ id: p.id, text: p.text, embedding: [...p.embedding] })),
    );
    for (const p of fresh) {
      this.#texts.set(p.id, { docId: p.docId, text: p.text });
      const ids = this.#byDoc.get(p.docId) ?? new Set<string>();
      ids.add(p.id);
      this.#byDoc.set(p.docId, ids);
    }
  }

  /** Removes every passage of a document; returns how many there were. */
  async removeDocument(docId: string): Promise<number> {
    const ids = [...(this.#byDoc.get(docId) ?? [])];
    if (ids.length) await removeMultiple(this.#db, ids);
    for (const id of ids) this.#texts.delete(id);
    this.#byDoc.delete(docId);
    return ids.length;
  }

  /** Hybrid search: `vector` is the question's embedding (null: keywords only, e.g. no model yet). */
  async search(query: string, vector: readonly number[] | null, limit: number): Promise<PassageHit[]> {
    if (this.size === 0) return [];
    const keywordIds = searchWords(query).length
      ? (await search(this.#db, { term: query, properties: ['text'], limit: CANDIDATES })).hits.map((h) => h.id)
      : [];
    let vectorIds: string[] = [];
    if (vector) {
      if (vector.length !== this.dims)
        throw new InvalidInputError(`a question embedding of ${vector.length} numbers; this index holds ${this.dims}`);
      const found = await search(this.#db, {
        mode: 'vector',
        vector: { value: [...vector], property: 'embedding' },
        similarity: -1, // rank everything; fusion decides, not a cosine threshold
        limit: CANDIDATES,
        includeVectors: false,
      });
      vectorIds = found.hits.map((h) => h.id);
    }
    const questionWords = new Set(searchWords(query));
    return fuseByRank({ keywords: keywordIds, vectors: vectorIds }, limit).map((hit) => {
      const { docId, text } = this.#texts.get(hit.id)!;
      const matches = searchWordSpans(text)
        .filter((s) => questionWords.has(s.word))
        .map((s): [number, number] => [s.start, s.end]);
      return { id: hit.id, docId, score: hit.score, keywordShare: (hit.from.keywords ?? 0) / hit.score, matches };
    });
  }
}
