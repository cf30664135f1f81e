// Part `knowledge` as a plain-text table for stdout.
import type { KnowledgeResult } from './knowledge-speed';
import { formatTable } from './table';

const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

export const knowledgeHeading = (k: KnowledgeResult | { error: string }) =>
  '8. Knowledge: import and search through the app vs transformers.js and @orama/orama called directly, same page' +
  ('error' in k
    ? ''
    : `\n   ${k.model} (${k.dims} dims, ${k.threads} ONNX thread(s)): RANDOM weights, so the timing is real and the ` +
      'meaning is not; batches of 16, alternating per block');

export function knowledgeTable(k: KnowledgeResult | { error: string }): string {
  if ('error' in k) return `not measured: ${k.error}`;
  const rate = (n: number, ms: number) => fixed(n / (ms / 1000), 0);
  const throughput = formatTable(
    ['Block', 'Passages', 'App import/s', 'App worker embed/s', 'Direct embed/s', 'App/direct', 'Order'],
    k.pairs.map((p) => [
      String(p.block + 1),
      String(p.passages),
      rate(p.passages, p.appMs),
      rate(p.passages, p.appEmbedMs),
      rate(p.passages, p.directMs),
      fixed(p.directMs / p.appMs, 2),
      p.appFirst ? 'app, direct' : 'direct, app',
    ]),
  );
  const latency = formatTable(
    ['Passages', 'App p50 ms', 'App p95 ms', 'Direct p50 ms', 'Direct p95 ms', 'App/direct p95', 'Search box p50/p95 ms'],
    k.latency.map((l) => [
      String(l.passages),
      fixed(l.p50.app, 1),
      fixed(l.p95.app, 1),
      fixed(l.p50.direct, 1),
      fixed(l.p95.direct, 1),
      fixed(l.p95.app / l.p95.direct, 2),
      `${fixed(l.p50.searchBox, 0)} / ${fixed(l.p95.searchBox, 0)}`,
    ]),
  );
  const b = k.bytesPerPassage;
  return [
    throughput,
    `Passages/s (median of blocks): app import ${fixed(k.passagesPerSecond.app, 0)} (read, chunk, seal, store, embed, index), ` +
      `direct pipeline ${fixed(k.passagesPerSecond.direct, 0)}: app/direct ${fixed(k.throughputRatio, 2)} (wanted >= 0.9); ` +
      `the worker's pipeline calls alone ${fixed(k.workerEmbedRatio, 2)} of direct. Documents/s through the app: ${fixed(k.documentsPerSecond, 2)}.`,
    '',
    latency,
    "App: the worker's PassageIndex.search (keywords + vectors + rank fusion + highlight spans), the question's embedding " +
      "excluded; direct: @orama/orama's full-text and vector searches (50 candidates each) on the same texts, vectors, schema " +
      "and tokenizer. Wanted: app p95 <= 50 ms at 10k. Search box: click to results on screen (adds the question's embedding " +
      'and reading the passages from the sealed store).',
    '',
    `Index bytes per passage: ${fixed(b.sealedRecords, 0)} B in the sealed IndexedDB records, ` +
      `${b.indexedDbGrowth === null ? 'n/a' : `${fixed(b.indexedDbGrowth, 0)} B`} of IndexedDB growth (${b.passages} passages, the documents' text included).`,
    `Reopen with ${k.reopen.passages} passages: reload to "search ready" ${fixed(k.reopen.reloadToReadyMs, 0)} ms ` +
      `(the worker's index rebuild ${fixed(k.reopen.workerIndexMs, 0)} ms, ${k.reopen.embedded} passages embedded).`,
  ].join('\n');
}
