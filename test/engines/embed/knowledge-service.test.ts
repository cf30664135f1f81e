// The knowledge service in Node with the random-weight BERT test model (its vectors prove the
// embedding plumbing, not meaning): passages without vectors are embedded in batches with progress,
// passages that have vectors are never embedded again, a question is embedded and searched in one
// call, a new embedding model starts the index again.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { TEST_MODELS } from '../../../src/catalog/test-models';
import type { ModelEntry } from '../../../src/catalog/types';
import { NoModelLoadedError } from '../../../src/core/errors';
import { KnowledgeService, type IndexProgress, type PassageForIndex } from '../../../src/engines/embed/knowledge-service';
import { nodeEmbedService, storeWith } from '../../support/node-embed';
import { start, type Mirror } from '../../support/mirror';

const byId = (id: string): ModelEntry => TEST_MODELS.find((m) => m.id === id)!;
const FP32 = byId('test-bert-embed-fp32');
const Q8 = byId('test-bert-embed-q8');
/** The q8 files again, with E5's "query: " / "passage: " instructions. */
const PREFIXED = byId('test-bert-embed-sized-by-source');

let mirror: Mirror;
let dbName: string;
beforeAll(async () => {
  mirror = await start();
  dbName = await storeWith(mirror, [FP32, Q8]);
}, 60_000);
afterAll(() => mirror.close());

const passages = (n: number): PassageForIndex[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `doc-${i % 3}:${i}`,
    docId: `doc-${i % 3}`,
    text: i === 7 ? 'The boiler pressure should stay at 1.5 bar.' : `Passage ${i} about recipes, gardens and trains.`,
    vector: null,
    vectorModel: null,
  }));

test('embeds what has no vector, in batches with progress, and searches by words and vectors', async () => {
  const embeds: number[] = [];
  const inner = nodeEmbedService(dbName);
  const original = inner.embed.bind(inner);
  inner.embed = (texts) => (embeds.push(texts.length), original(texts));
  const service = new KnowledgeService(inner);
  await expect(service.index(passages(2))).rejects.toBeInstanceOf(NoModelLoadedError);
  const { dims } = await service.load(FP32);

  const progress: IndexProgress[] = [];
  const first = await service.index(passages(40), (p) => progress.push(p));
  expect(first.made.size).toBe(40);
  expect(first.indexed).toBe(40);
  expect([...first.made.values()].every((v) => v.length === dims)).toBe(true);
  expect(progress.at(0)).toEqual({ embedded: 0, total: 40 });
  expect(progress.at(-1)).toEqual({ embedded: 40, total: 40 });
  expect(progress.length).toBeGreaterThan(2); // batches, not one call
  expect(embeds.every((n) => n <= 16)).toBe(true);

  const hits = await service.search('boiler pressure', 3);
  expect(hits[0]).toMatchObject({ id: 'doc-1:7', docId: 'doc-1' });
  expect(hits[0]!.keywordShare).toBeGreaterThan(0);
  expect(hits.length).toBe(3); // the vectors rank the rest

  // A reopened app hands the stored vectors back: nothing is embedded again.
  const again = new KnowledgeService(inner);
  await again.load(FP32);
  embeds.length = 0;
  const reloaded = passages(40).map((p) => ({ ...p, vector: first.made.get(p.id)!, vectorModel: first.model }));
  const second = await again.index(reloaded);
  expect(second.made.size).toBe(0);
  expect(second.indexed).toBe(40);
  expect((await again.search('boiler pressure', 1))[0]!.id).toBe('doc-1:7');
  expect(embeds).toEqual([1]); // the question only

  expect(await again.removeDocument('doc-1')).toBe(13);
  expect((await again.search('boiler pressure', 50)).map((h) => h.docId)).not.toContain('doc-1');
});

test('stop() ends indexing between batches and keeps what was embedded', async () => {
  const service = new KnowledgeService(nodeEmbedService(dbName));
  await service.load(FP32);
  const result = await service.index(passages(64), (p) => p.embedded >= 16 && service.stop());
  expect(result.made.size).toBe(16);
  expect(result.indexed).toBe(16);
});

test('another embedding model starts the index again and re-embeds', async () => {
  const service = new KnowledgeService(nodeEmbedService(dbName));
  await service.load(FP32);
  const first = await service.index(passages(5));
  await service.load(Q8);
  const stored = passages(5).map((p) => ({ ...p, vector: first.made.get(p.id)!, vectorModel: first.model }));
  const second = await service.index(stored);
  // q8 vectors have the same width as fp32 ones, but mean other things: every passage is embedded again
  expect(second.model).toBe(Q8.id);
  expect(second.made.size).toBe(5);
  expect(second.indexed).toBe(5);
});

test("a model trained with instructions gets them: 'passage: ' before each passage, 'query: ' before a question", async () => {
  const seen: string[][] = [];
  const inner = nodeEmbedService(dbName);
  const original = inner.embed.bind(inner);
  inner.embed = (texts) => (seen.push(texts), original(texts));
  const service = new KnowledgeService(inner);
  await service.load({ ...PREFIXED, files: Q8.files }); // the same bytes, stored under the q8 entry
  const text = 'The boiler pressure should stay at 1.5 bar.';
  const { made } = await service.index([{ id: 'd:0', docId: 'd', text, vector: null, vectorModel: null }]);
  await service.search('boiler pressure');
  expect(seen.slice(-2)).toEqual([[`passage: ${text}`], ['query: boiler pressure']]);
  // The vector stored is the one of the instructed text, not of the bare one.
  const [instructed] = (await inner.embed([`passage: ${text}`])).vectors;
  const [bare] = (await inner.embed([text])).vectors;
  expect(Array.from(made.get('d:0')!)).toEqual(Array.from(instructed!));
  expect(Array.from(made.get('d:0')!)).not.toEqual(Array.from(bare!));
});
