// Part `knowledge`: the app's document index against the libraries it wraps, in one page of the built
// app with the random-weight test embedder (its timing is real, its meaning is not).
// - Embedding throughput: blocks of about 1,000 passages (10 plain-text files) imported through the
//   Knowledge view's file picker (read, chunk, seal, store, embed in the worker, index, seal the
//   vectors) against transformers.js' feature-extraction pipeline called in the same page on the same
//   passage texts (the app's chunker cut them in Node), same model files, threads, pooling and batch of
//   16, alternating A B, B A per block. The worker's own embedding time (its User Timing entries) is
//   compared too: that separates the pipeline call from what the import adds around it.
// - Query latency after the first block (~1k passages) and the last (~10k): the worker's time in
//   PassageIndex.search (keywords + vectors + fusion + highlight spans; the question's embedding
//   excluded) against @orama/orama's two searches on an index of the same texts and vectors, same
//   schema and tokenizer, alternating per query.
// - Index bytes per passage: the sealed records in IndexedDB, and the origin's IndexedDB growth.
// - Reopen: a reload with ~10k passages stored until the Knowledge view says search is ready, and the
//   worker's index rebuild alone (it must embed nothing).
import fs from 'node:fs';
import type { Page, Worker } from 'playwright-core';
import type { ModelEntry } from '../src/catalog/types';
import { KNOWLEDGE_TIMINGS } from '../src/engines/embed/knowledge-timings';
import { downloadViaUi } from './app-driver';
import { KNOWLEDGE_DIRECT_PATH } from './knowledge-direct/bundle';
import { makeCorpus, writeBlock, type Corpus } from './knowledge-corpus';
import type { Servers } from './servers';
import { withSession } from './session';
import { median, percentile } from './stats';
import { makeTempDir } from './temp-dirs';
import { say } from './ui-text';
import { appAsset } from './direct-bundle';

type DirectModule = typeof import('./knowledge-direct/knowledge-direct');
type WithDirect = { __benchKnowledge?: DirectModule };

const SEED = 20261206;
const DOCS_PER_BLOCK = 10;
const PASSAGES_PER_DOC = 100;
const QUERY_ROUNDS = 2;
const IMPORT_TIMEOUT_MS = 900_000;

export interface ThroughputPair {
  block: number;
  passages: number;
  documents: number;
  /** Import through the view: files picked to every row done. */
  appMs: number;
  /** The worker's pipeline calls alone (sum of its hearth:embed-passages entries). */
  appEmbedMs: number;
  /** Passages the worker embedded in this block (must equal `passages`). */
  appEmbedded: number;
  directMs: number;
  appFirst: boolean;
}

export interface Latency {
  passages: number;
  appMs: number[];
  directMs: number[];
  /** Click to results on screen: adds the question's embedding and reading the passages. */
  searchBoxMs: number[];
  p50: { app: number; direct: number; searchBox: number };
  p95: { app: number; direct: number; searchBox: number };
}

export interface KnowledgeResult {
  model: string;
  threads: number;
  dims: number;
  pairs: ThroughputPair[];
  /** app passages/s ÷ direct passages/s (medians of the blocks); wanted >= 0.9. */
  throughputRatio: number;
  /** The worker's embedding time alone ÷ direct. */
  workerEmbedRatio: number;
  documentsPerSecond: number;
  passagesPerSecond: { app: number; direct: number };
  latency: Latency[];
  bytesPerPassage: { sealedRecords: number; indexedDbGrowth: number | null; passages: number };
  reopen: { passages: number; reloadToReadyMs: number; workerIndexMs: number; embedded: number };
}

async function embedWorker(page: Page): Promise<Worker> {
  for (let i = 0; i < 600; i++) {
    const worker = page.workers().find((w) => /\/embed-[\w-]+\.js/.test(w.url()));
    if (worker) return worker;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the knowledge worker did not start');
}

/** The worker's User Timing entries of one name since the last call (then cleared). */
function takeMeasures(worker: Worker, name: string): Promise<{ ms: number; detail: Record<string, number> | null }[]> {
  return worker.evaluate((n) => {
    const out = performance
      .getEntriesByName(n)
      .map((e) => ({ ms: e.duration, detail: (e as PerformanceMeasure).detail as Record<string, number> | null }));
    performance.clearMeasures(n);
    return out;
  }, name);
}

async function openKnowledge(page: Page, appUrl: string, model: ModelEntry): Promise<void> {
  if (!page.url().endsWith('#/knowledge')) await page.goto(`${appUrl}/#/knowledge`);
  await page.getByText(say('knowledge.model', { model: model.name })).waitFor({ timeout: IMPORT_TIMEOUT_MS });
}

/** Picks the files and waits in the page (every frame) until every row says done; ms in the page. */
async function importViaUi(page: Page, files: string[]): Promise<number> {
  const started = await page.evaluate(() => performance.now());
  await page.getByLabel(say('knowledge.add.button')).setInputFiles(files);
  const done = await page.waitForFunction(
    (n) => {
      if (document.querySelector('li.import-row[data-stage="failed"], li.import-row[data-stage="cancelled"]'))
        return { failed: document.querySelector('li.import-row:not([data-stage="done"])')?.textContent ?? 'a file failed' };
      return document.querySelectorAll('li.import-row[data-stage="done"]').length === n ? { at: performance.now() } : null;
    },
    files.length,
    { polling: 'raf', timeout: IMPORT_TIMEOUT_MS },
  );
  const result = (await done.jsonValue()) as { at?: number; failed?: string };
  if (result.failed) throw new Error(`import failed: ${result.failed}`);
  await page.getByRole('button', { name: say('knowledge.progress.cancel'), exact: true }).waitFor({ state: 'detached' });
  return result.at! - started;
}

async function searchBox(page: Page, query: string): Promise<number> {
  await page.getByRole('searchbox', { name: say('knowledge.search.label') }).fill(query);
  const started = Date.now();
  await page.getByRole('button', { name: say('knowledge.search.button'), exact: true }).click();
  await page.locator(`.search-output[data-query="${query}"]`).waitFor();
  return Date.now() - started;
}

async function latencyAt(page: Page, worker: Worker, queries: string[], passages: number): Promise<Latency> {
  const appMs: number[] = [];
  const directMs: number[] = [];
  const searchBoxMs: number[] = [];
  await takeMeasures(worker, KNOWLEDGE_TIMINGS.searchIndex);
  for (let round = 0; round < QUERY_ROUNDS; round++) {
    for (const [i, query] of queries.entries()) {
      const direct = () =>
        page
          .evaluate(async (q) => (globalThis as WithDirect).__benchKnowledge!.timedSearch(q), query)
          .then((r) => directMs.push(r.ms));
      if ((i + round) % 2) await direct();
      searchBoxMs.push(await searchBox(page, query));
      const [measured] = await takeMeasures(worker, KNOWLEDGE_TIMINGS.searchIndex);
      if (!measured || measured.detail?.passages !== passages)
        throw new Error(`the worker searched ${measured?.detail?.passages} passages, not ${passages}`);
      appMs.push(measured.ms);
      if (!((i + round) % 2)) await direct();
    }
  }
  const at = (p: number) => ({
    app: percentile(appMs, p),
    direct: percentile(directMs, p),
    searchBox: percentile(searchBoxMs, p),
  });
  return { passages, appMs, directMs, searchBoxMs, p50: at(50), p95: at(95) };
}

/** Sealed bytes of every stored passage record (ciphertext, IVs, ids), read straight from IndexedDB. */
function storedPassageBytes(page: Page): Promise<{ bytes: number; records: number }> {
  return page.evaluate(
    () =>
      new Promise<{ bytes: number; records: number }>((resolve, reject) => {
        const open = indexedDB.open('hearth-knowledge');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('passages').objectStore('passages').getAll();
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            let bytes = 0;
            const stack: unknown[] = [...get.result];
            while (stack.length) {
              const v = stack.pop();
              if (typeof v === 'string') bytes += v.length;
              else if (typeof v === 'number') bytes += 8;
              else if (v instanceof ArrayBuffer) bytes += v.byteLength;
              else if (ArrayBuffer.isView(v)) bytes += v.byteLength;
              else if (v && typeof v === 'object') stack.push(...Object.values(v));
            }
            open.result.close();
            resolve({ bytes, records: get.result.length });
          };
        };
      }),
  );
}

const indexedDbUsage = (page: Page) =>
  page.evaluate(async () => {
    const { usageDetails } = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: { indexedDB?: number } };
    return usageDetails?.indexedDB ?? null;
  });

export async function measureKnowledge(
  servers: Servers,
  model: ModelEntry,
  blocks: number,
  log: (line: string) => void,
): Promise<KnowledgeResult> {
  const corpus: Corpus = makeCorpus(SEED, blocks, DOCS_PER_BLOCK, PASSAGES_PER_DOC);
  const dir = makeTempDir('hearth-bench-knowledge-');
  try {
    return await withSession(servers, async ({ page }) => {
      await downloadViaUi(page, model);
      await openKnowledge(page, servers.app.url, model);
      const loaded = await page.evaluate(
        async ({ modulePath, opts }) => {
          const direct = (await import(modulePath)) as DirectModule;
          (globalThis as WithDirect).__benchKnowledge = direct;
          return direct.load(opts);
        },
        {
          modulePath: KNOWLEDGE_DIRECT_PATH,
          opts: {
            mirrorUrl: servers.mirror.url,
            ort: {
              wasm: appAsset(servers.appDir, /^ort-wasm-simd-threaded\.asyncify-.*\.wasm$/),
              mjs: appAsset(servers.appDir, /^ort-wasm-simd-threaded\.asyncify-.*\.mjs$/),
            },
            repo: model.repo,
            dtype: model.quantization === 'q8' ? ('q8' as const) : ('fp32' as const),
          },
        },
      );
      const worker = await embedWorker(page);
      const usageBefore = await indexedDbUsage(page);
      const pairs: ThroughputPair[] = [];
      const latency: Latency[] = [];
      let indexed = 0;
      for (const [b, block] of corpus.blocks.entries()) {
        const files = writeBlock(dir.dir, block);
        const passages = block.documents.flatMap((d) => d.passages.map((text, i) => ({ id: `${d.name}:${i}`, text })));
        const appFirst = b % 2 === 0;
        let appMs = 0;
        let directMs = 0;
        const app = async () => {
          await takeMeasures(worker, KNOWLEDGE_TIMINGS.embedPassages);
          appMs = await importViaUi(page, files);
        };
        const direct = async () => {
          directMs = (await page.evaluate(async (p) => (globalThis as WithDirect).__benchKnowledge!.embedAndIndex(p), passages))
            .ms;
        };
        if (appFirst) await app();
        await direct();
        if (!appFirst) await app();
        const embeds = await takeMeasures(worker, KNOWLEDGE_TIMINGS.embedPassages);
        indexed += block.passages;
        pairs.push({
          block: b,
          passages: block.passages,
          documents: block.documents.length,
          appMs,
          appEmbedMs: embeds.reduce((n, e) => n + e.ms, 0),
          appEmbedded: embeds.reduce((n, e) => n + (e.detail?.passages ?? 0), 0),
          directMs,
          appFirst,
        });
        for (const f of files) fs.rmSync(f);
        const last = pairs.at(-1)!;
        log(
          `knowledge block ${b + 1}/${corpus.blocks.length}: ${block.passages} passages, app ${(last.appMs / 1000).toFixed(1)} s ` +
            `(worker embedding ${(last.appEmbedMs / 1000).toFixed(1)} s), direct ${(directMs / 1000).toFixed(1)} s`,
        );
        if (last.appEmbedded !== block.passages)
          throw new Error(`the worker embedded ${last.appEmbedded} of ${block.passages} passages`);
        if (b === 0 || b === corpus.blocks.length - 1) {
          log(`knowledge query latency at ${indexed} passages`);
          latency.push(await latencyAt(page, worker, corpus.queries, indexed));
        }
      }
      const usageAfter = await indexedDbUsage(page);
      const stored = await storedPassageBytes(page);
      log(`knowledge reopen with ${indexed} passages`);
      const reloadStarted = Date.now();
      await page.reload();
      await openKnowledge(page, servers.app.url, model);
      const reloadToReadyMs = Date.now() - reloadStarted;
      const reopened = await takeMeasures(await embedWorker(page), KNOWLEDGE_TIMINGS.index);
      const rebuild = reopened[0];
      if (!rebuild || rebuild.detail?.indexed !== indexed)
        throw new Error(`the reopened index holds ${rebuild?.detail?.indexed}, not ${indexed}`);
      const rate = (passages: number, ms: number) => passages / (ms / 1000);
      const appRate = median(pairs.map((p) => rate(p.passages, p.appMs)));
      const directRate = median(pairs.map((p) => rate(p.passages, p.directMs)));
      return {
        model: model.name,
        threads: loaded.threads,
        dims: loaded.dims,
        pairs,
        throughputRatio: appRate / directRate,
        workerEmbedRatio: median(pairs.map((p) => p.directMs / p.appEmbedMs)),
        documentsPerSecond: median(pairs.map((p) => rate(p.documents, p.appMs))),
        passagesPerSecond: { app: appRate, direct: directRate },
        latency,
        bytesPerPassage: {
          sealedRecords: stored.bytes / stored.records,
          indexedDbGrowth: usageBefore === null || usageAfter === null ? null : (usageAfter - usageBefore) / stored.records,
          passages: stored.records,
        },
        reopen: { passages: indexed, reloadToReadyMs, workerIndexMs: rebuild.ms, embedded: rebuild.detail.embedded ?? NaN },
      };
    });
  } finally {
    dir.remove();
  }
}
