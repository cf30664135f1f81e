// The report as plain-text tables for stdout: medians with the min-max spread of the reps beside them.
import { failed, type Report } from './report';
import type { Summary } from './stats';
import { voiceHeading, voiceTable, werTable } from './voice-table';
import { startupTable } from './startup';
import { knowledgeHeading, knowledgeTable } from './knowledge-table';

/** Left-aligns the first column, right-aligns the rest (numbers). */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
/** "12.3 (11.9-13.0)" */
const spread = (s: Summary, digits = 1) => `${fixed(s.median, digits)} (${fixed(s.min, digits)}-${fixed(s.max, digits)})`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

function throughputTable(throughput: NonNullable<Report['throughput']>): string {
  if (failed(throughput)) return `not measured: ${throughput.error}`;
  return formatTable(
    ['Model', 'Size', 'Raw MB/s', 'Store MB/s', 'Store/raw', 'Peak JS heap store/raw'],
    throughput.map((t) => [
      t.model,
      mb(t.bytes),
      spread(t.rawMBps),
      spread(t.storeMBps),
      fixed(t.ratio, 2),
      `${mb(t.storePeakHeapBytes)} / ${mb(t.rawPeakHeapBytes)}`,
    ]),
  );
}

function overheadTable(r: Report, overhead: NonNullable<Report['overhead']>): string {
  if (failed(overhead)) return `not measured: ${overhead.error}`;
  return (
    formatTable(
      ['Model', 'Store growth/model', 'Model bytes in caches', 'Cache Storage growth'],
      overhead.map((o) => [
        o.model,
        o.ratio ? spread(o.ratio, 3) : 'n/a',
        String(o.maxModelCacheBytes),
        o.maxCachesDelta === null ? 'n/a' : `${o.maxCachesDelta} B`,
      ]),
    ) + `\n${cacheLine(r)}`
  );
}

function cacheLine(r: Report): string {
  if (!r.throughput || failed(r.throughput)) return '';
  const last = r.throughput.at(-1)?.samples.at(-1)?.overhead;
  if (!last) return '';
  const size = last.cacheStorageBytes === null ? 'an unknown amount' : mb(last.cacheStorageBytes);
  return `(Cache Storage holds ${size} in ${last.cacheEntries} entries: the precached shell and wasm runtimes.)`;
}

function loadTable(load: NonNullable<Report['load']>): string {
  if (failed(load)) return `not measured: ${load.error}`;
  const share = (s: Summary) => [fixed(s.median / load.freshMs.median, 2), fixed(s.min / load.freshMs.min, 2)];
  return (
    formatTable(
      ['Measure', 'ms', 'vs a (medians)', 'vs a (fastest)'],
      [
        ['a) fresh: download to ready + first load', spread(load.freshMs, 0), '1.00', '1.00'],
        ['     of which the download', spread(load.downloadMs, 0), ...share(load.downloadMs)],
        ['     of which the first load', spread(load.firstLoadMs, 0), ...share(load.firstLoadMs)],
        [
          'b) load from the store after a reload',
          spread(load.reloadLoadMs, 0),
          fixed(load.reloadRatio, 2),
          fixed(load.reloadRatioFastest, 2),
        ],
        ['c) the same, offline', spread(load.offlineLoadMs, 0), fixed(load.offlineRatio, 2), fixed(load.offlineRatioFastest, 2)],
      ],
    ) + `\nmirror requests during the offline loads: ${load.samples.reduce((n, s) => n + s.offlineMirrorRequests, 0)}`
  );
}

const LLM_HEADING =
  '4. Language model: the app\'s "Test on this device" vs @wllama/wllama called directly, same page, same model';

type LlmOutcome = NonNullable<Report['llm']>[number];

function llmModelLine(llm: LlmOutcome): string {
  if (failed(llm)) return '   (not measured)';
  const { request: q } = llm;
  return (
    `   ${llm.model}: "${q.prompt}", ${llm.tokens} tokens, temperature ${q.temperature}, ${llm.threads} CPU ` +
    `thread(s), ${llm.crossOriginIsolated ? '' : 'NOT '}cross-origin isolated; ${llm.runs} runs each, alternating`
  );
}

/** Both ratio columns read "higher is better, 1 = the app costs nothing". */
function llmTable(llm: LlmOutcome): string {
  if (failed(llm)) return `not measured: ${llm.error}`;
  const { direct, app, reported } = llm;
  const row = (name: string, s: typeof direct, base: typeof direct, digits = 1) => [
    name,
    spread(s.ttftMs, digits),
    spread(s.tokensPerSecond),
    fixed(base.ttftMs.median / s.ttftMs.median, 2),
    fixed(s.tokensPerSecond.median / base.tokensPerSecond.median, 2),
  ];
  return (
    formatTable(
      ['Path', 'TTFT ms', 'tokens/s', 'direct/app TTFT', 'app/direct tokens/s'],
      [
        row('wllama directly, from the page', direct, direct),
        row('app, on screen (click to each screen update)', app, direct),
        row('wllama directly, timed as the check times it', reported.direct, reported.direct, 0),
        row('app, its check line (timed in the llm worker)', reported.app, reported.direct, 0),
      ],
    ) +
    '\n' +
    [
      `Ratios of the medians; of the fastest runs: direct/app TTFT ${fixed(llm.ttftRatioFastest, 2)} (on screen), ` +
        `app/direct tokens/s ${fixed(llm.tokensPerSecondRatioFastest, 2)} (as the check times it). Wanted: >= 0.97.`,
      `What the app adds (median of the pairs' differences): ${fixed(llm.addedTtftMs, 1)} ms before the first token, ` +
        `${fixed(llm.addedMsPerToken, 2)} ms per later token (here a token takes ${fixed(1000 / direct.tokensPerSecond.median, 2)} ms directly).`,
      'TTFT: to the first token. tokens/s: the tokens after the first, over the time from it to the last one ' +
        "(the check's own figure: to the end of the stream; its TTFT is whole ms).",
      `Loads (not in the ratios): the app's first check ${llm.appLoadMs} ms, wllama directly (fetch + load) ${llm.directLoadMs.toFixed(0)} ms.`,
      llm.sameText
        ? `Every run wrote the same text: "${llm.texts[0]}"`
        : `The runs wrote ${llm.texts.length} different texts:\n${llm.texts.map((t) => `  "${t}"`).join('\n')}`,
    ].join('\n')
  );
}

/** More runnable work than cores before the bench began (the bench itself keeps two cores busy, so the
 *  end value is always high): everything timed here waits for CPU, the loads above all. */
function busyWarning(m: Report['machine']): string[] {
  const load = m.loadAverage.start;
  return load > m.cores
    ? [
        '',
        `Warning: the machine was busy (load average ${load.toFixed(1)} on ${m.cores} cores at the start). ` +
          'Absolute speeds and the load-time ratios are unreliable; the store/raw ratios hold up better. ' +
          'Run again when it is idle.',
      ]
    : [];
}

export function formatReport(r: Report): string {
  const m = r.machine;
  const load = `load average ${m.loadAverage.start.toFixed(1)} -> ${m.loadAverage.end.toFixed(1)}`;
  const sections: string[][] = [];
  if (r.throughput) {
    sections.push([
      '1. Download: the app\'s store (click to "Ready to use") vs a raw fetch of the same files, same page, same mirror',
      throughputTable(r.throughput),
    ]);
  }
  if (r.overhead) {
    sections.push([
      '2. Store overhead: model-store growth (IndexedDB + OPFS) / catalog bytes; model bytes in Cache Storage (want 0: one copy)',
      overheadTable(r, r.overhead),
    ]);
  }
  if (r.load) {
    sections.push([
      `3. Load: a stored model against a fresh download (${failed(r.load) ? '' : `${r.load.model}, `}` +
        '"loaded in X ms" as the app reports it)',
      loadTable(r.load),
    ]);
  }
  if (r.llm) {
    sections.push([LLM_HEADING]);
    for (const llm of r.llm) sections.push([llmModelLine(llm), llmTable(llm)]);
  }
  if (r.voice) sections.push([voiceHeading(r.voice), voiceTable(r.voice, formatTable)]);
  if (r.bargeIn) sections.push([bargeInLine(r.bargeIn)]);
  if (r.wer) sections.push(['6. Whisper word error rate on the shared clips (real weights only)', werTable(r.wer, formatTable)]);
  if (r.startup) {
    sections.push([
      '7. Startup: JS fetched before the first view of Talk is on screen (gzip, KB = 1000 B); first contentful paint',
      failed(r.startup) ? `not measured: ${r.startup.error}` : startupTable(r.startup),
    ]);
  }
  if (r.knowledge) sections.push([knowledgeHeading(r.knowledge), knowledgeTable(r.knowledge)]);
  return [
    `Hearth bench: ${m.cores} cores (${m.cpu}), ${load}, ${m.chromium}, Node ${m.node}`,
    `${r.settings.reps} reps each; median (min-max); ${r.settings.megabyte}; ${r.settings.profile}; ` +
      `took ${r.durationS.toFixed(0)} s`,
    ...sections.flatMap((lines) => ['', ...lines]),
    '',
    `Non-loopback requests refused: ${r.refusedRequests.app.length} from the app` +
      ` (${r.refusedRequests.browser.length} from Chromium itself, to Google hosts)`,
    ...busyWarning(m),
  ].join('\n');
}

function bargeInLine(b: NonNullable<Report['bargeIn']>): string {
  const head = '5b. Barge-in: talking over a spoken answer, speech start to voice and model stopped (app timing)';
  if (failed(b)) return `${head}\nnot measured: ${b.error}`;
  if (!b.interruptMs.length) return `${head}\nno rep interrupted anything (${b.missed} of ${b.reps} answers were over first)`;
  const s = b.summary;
  const verdict = s.max <= b.targetMs ? 'meets' : s.median <= b.targetMs ? 'median meets' : 'misses';
  return (
    `${head}\n${s.median.toFixed(0)} ms (${s.min.toFixed(0)}-${s.max.toFixed(0)}) over ${b.interruptMs.length} reps; ` +
    `target <= ${b.targetMs} ms: ${verdict}` +
    (b.missed ? `; ${b.missed} answer(s) over before the words came again` : '')
  );
}
