// The knowledge recall test's control: the same library and questions searched outside the browser,
// by the app's own core chunker and PassageIndex (Orama + the English/Chinese words of
// search-words.ts) with the same random-weight test embedder on Node's CPU backend, three ways:
// hybrid (as the app searches), keywords alone and vectors alone (Orama's vector search over the same
// vectors). The app's hybrid result must match this one's; the other two say where its score comes
// from. Import 'fake-indexeddb/auto' first (the embedder reads its weights from a model store).
import { create, insertMultiple, search } from '@orama/orama';
import type { ModelEntry } from '../../src/catalog/types';
import { chunkBlocks, DEFAULT_CHUNKING } from '../../src/core/knowledge/chunking';
import type { TextBlock } from '../../src/core/knowledge/text-blocks';
import type { EmbedService } from '../../src/engines/embed/embed-service';
import { PassageIndex } from '../../src/engines/embed/passage-index';
import type { LabelledQuestion } from './knowledge-fixtures';

export interface FoundText {
  document: string;
  text: string;
}

export type Ranking = 'hybrid' | 'keywords' | 'vectors';

/** The app's batch (src/engines/embed/knowledge-service.ts). */
const BATCH = 16;

/** Per question, the first `k` passages of each ranking. */
export async function rankOutsideBrowser(
  blocks: ReadonlyMap<string, TextBlock[]>,
  questions: readonly LabelledQuestion[],
  embed: EmbedService,
  model: ModelEntry,
  k: number,
): Promise<Record<Ranking, Map<LabelledQuestion, FoundText[]>>> {
  const { dims } = await embed.load(model);
  const passages = [...blocks].flatMap(([document, b]) =>
    chunkBlocks(b, DEFAULT_CHUNKING).map((c) => ({ id: `${document}:${c.index}`, docId: document, text: c.text })),
  );
  const vectors: number[][] = [];
  for (let i = 0; i < passages.length; i += BATCH) {
    const { vectors: made } = await embed.embed(passages.slice(i, i + BATCH).map((p) => p.text));
    vectors.push(...made.map((v) => Array.from(v)));
  }
  const index = PassageIndex.create(dims);
  await index.add(passages.map((p, i) => ({ ...p, embedding: vectors[i]! })));
  const vectorDb = create({ schema: { embedding: `vector[${dims}]` } as const });
  await insertMultiple(
    vectorDb,
    passages.map((p, i) => ({ id: p.id, embedding: vectors[i]! })),
  );
  const byId = new Map(passages.map((p) => [p.id, { document: p.docId, text: p.text }]));
  const texts = (ids: string[]) => ids.map((id) => byId.get(id)!);
  const out: Record<Ranking, Map<LabelledQuestion, FoundText[]>> = { hybrid: new Map(), keywords: new Map(), vectors: new Map() };
  for (const q of questions) {
    const { vectors: asked } = await embed.embed([q.question]);
    const vector = Array.from(asked[0]!);
    out.hybrid.set(q, texts((await index.search(q.question, vector, k)).map((h) => h.id)));
    out.keywords.set(q, texts((await index.search(q.question, null, k)).map((h) => h.id)));
    const nearest = await search(vectorDb, {
      mode: 'vector',
      vector: { value: vector, property: 'embedding' },
      similarity: -1,
      limit: k,
      includeVectors: false,
    });
    out.vectors.set(q, texts(nearest.hits.map((h) => h.id)));
  }
  return out;
}
