// A long kiosk session (`npm run bench -- soak`): the ambient screen listening hands-free to the fake
// microphone, which plays the same question over and over, plus a typed question now and then, for
// BENCH_SOAK_TURNS answers. At the end of the warm-up and then every `SAMPLE_EVERY` answers it
// records, after a forced garbage collection: the page's JS heap, DOM nodes, documents and event
// listeners (DevTools Memory.getDOMCounters), the whole agent's memory with its workers
// (performance.measureUserAgentSpecificMemory, the page is cross-origin isolated) and the origin's
// IndexedDB bytes. Wanted: flat after warm-up; the conversation itself is kept, so IndexedDB grows
// with what was said, reported per answer.
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import type { ModelEntry } from '../src/catalog/types';
import { audioDir } from '../test/support/paths';
import { joinClips } from '../test/support/speech-audio';
import { downloadViaUi } from './app-driver';
import { configureAppVoice } from './voice-app-turn';
import { withSession } from './session';
import type { Servers } from './servers';
import { makeTempDir } from './temp-dirs';
import { agentMemoryBytes } from './heap-sampler';
import { say } from './ui-text';

const UTTERANCE = 'LDC93S1.wav';
/** Every this many answers a typed question goes in between the spoken ones. */
const TYPED_EVERY = 10;
const TYPED_QUESTIONS = ['what time is it', 'Tell me a story about a cat.', 'set a timer for 2 minutes', 'Once upon a time'];
/** No new answer for this long means the session is stuck: the part fails rather than hangs. */
const STALL_MS = 180_000;

export interface SoakSample {
  answers: number;
  /** Seconds since the kiosk screen opened. */
  atS: number;
  heapUsedBytes: number;
  /** The page and its workers (null where the browser would not measure). */
  agentBytes: number | null;
  domNodes: number;
  jsEventListeners: number;
  documents: number;
  /** Elements in the document now; DOM nodes minus these (and their text) are detached ones still alive. */
  attachedElements: number;
  /** Elements under each part of the kiosk screen (its main's children, by class). */
  parts: Record<string, number>;
  indexedDbBytes: number;
}

export interface SoakResult {
  targetAnswers: number;
  warmupAnswers: number;
  typed: number;
  samples: SoakSample[];
  /** end - start (after warm-up) of each measure; per answer for the byte counts. */
  growth: {
    heapBytesPerAnswer: number;
    agentBytesPerAnswer: number | null;
    domNodes: number;
    jsEventListeners: number;
    indexedDbBytesPerAnswer: number;
  };
  durationS: number;
}

export async function measureSoak(
  servers: Servers,
  models: { vad: ModelEntry; whisper: ModelEntry; llm: ModelEntry },
  targetAnswers: number,
  log: (line: string) => void,
): Promise<SoakResult> {
  const warmupAnswers = Math.min(20, Math.max(1, Math.floor(targetAnswers / 5)));
  const sampleEvery = Math.max(10, Math.floor(targetAnswers / 10));
  const tmp = makeTempDir('hearth-bench-soak-');
  try {
    // The fake device plays its file in a loop: a question every ~12 s, whatever the app is doing.
    const mic = joinClips(tmp.dir, 'soak', [1, path.join(audioDir, UTTERANCE), 8]);
    return await withSession(
      servers,
      async ({ page }) => {
        for (const model of [models.vad, models.whisper, models.llm]) await downloadViaUi(page, model);
        await configureAppVoice(page, { engineLabel: say('voice.tts.builtin'), language: 'en', maxTokens: 24, temperature: 0.8 });
        // Straight into kiosk mode, as the manifest's shortcut opens it.
        await page.goto(`${servers.app.url}/?mode=kiosk`);
        await page.locator('.kiosk-answer[data-answers]').waitFor();
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('HeapProfiler.enable');
        const origin = new URL(servers.app.url).origin;
        const opened = Date.now();
        const samples: SoakSample[] = [];
        let typed = 0;
        let lastCount = -1;
        let lastChange = Date.now();
        let nextSample = warmupAnswers;
        for (;;) {
          const count = await answers(page);
          if (count !== lastCount) {
            lastCount = count;
            lastChange = Date.now();
          } else if (Date.now() - lastChange > STALL_MS) {
            const line = await page
              .locator('.kiosk-voice')
              .innerText()
              .catch(() => '(no voice line)');
            throw new Error(
              `no new answer for ${STALL_MS / 1000} s after ${count} (voice state: ${await voiceState(page)}; the voice line said: ${line})`,
            );
          }
          if (count >= nextSample || count >= targetAnswers) {
            const sample = await takeSample(page, cdp, origin, count, (Date.now() - opened) / 1000);
            samples.push(sample);
            log(
              `soak: ${count} answers, heap ${(sample.heapUsedBytes / 1e6).toFixed(1)} MB, ${sample.domNodes} nodes, ` +
                `${sample.jsEventListeners} listeners, IndexedDB ${(sample.indexedDbBytes / 1e6).toFixed(2)} MB`,
            );
            nextSample = count + sampleEvery;
          }
          if (count >= targetAnswers) break;
          if (count > 0 && count % TYPED_EVERY === 0 && typed < count / TYPED_EVERY && (await typeWhenIdle(page, typed))) typed++;
          await page.waitForTimeout(1000);
        }
        const start = samples[0]!;
        const end = samples.at(-1)!;
        const answered = Math.max(1, end.answers - start.answers);
        return {
          targetAnswers,
          warmupAnswers,
          typed,
          samples,
          growth: {
            heapBytesPerAnswer: (end.heapUsedBytes - start.heapUsedBytes) / answered,
            agentBytesPerAnswer:
              end.agentBytes !== null && start.agentBytes !== null ? (end.agentBytes - start.agentBytes) / answered : null,
            domNodes: end.domNodes - start.domNodes,
            jsEventListeners: end.jsEventListeners - start.jsEventListeners,
            indexedDbBytesPerAnswer: (end.indexedDbBytes - start.indexedDbBytes) / answered,
          },
          durationS: (Date.now() - opened) / 1000,
        };
      },
      { micWav: mic },
    );
  } finally {
    tmp.remove();
  }
}

const answers = async (page: Page): Promise<number> => Number(await page.locator('.kiosk-answer').getAttribute('data-answers'));

const voiceState = (page: Page): Promise<string | null> => page.locator('.kiosk-voice').getAttribute('data-voice-state');

/** Types the next question if the composer takes one now (no answer being written or spoken). */
async function typeWhenIdle(page: Page, typed: number): Promise<boolean> {
  const send = page.getByRole('button', { name: say('talk.send'), exact: true });
  if (!(await send.count())) return false;
  await page.getByRole('textbox', { name: say('talk.message') }).fill(TYPED_QUESTIONS[typed % TYPED_QUESTIONS.length]!);
  if (!(await send.isEnabled())) return false;
  await send.click();
  return true;
}

async function takeSample(page: Page, cdp: CDPSession, origin: string, count: number, atS: number): Promise<SoakSample> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  const usage = await cdp.send('Storage.getUsageAndQuota', { origin });
  const indexedDb = usage.usageBreakdown.find((b) => b.storageType === 'indexeddb')?.usage ?? 0;
  const attached = await page.evaluate(() => {
    const parts: Record<string, number> = {};
    for (const child of document.querySelectorAll('.kiosk-main > *')) {
      const name = child.classList[0] ?? child.tagName.toLowerCase();
      parts[name] = (parts[name] ?? 0) + 1 + child.querySelectorAll('*').length;
    }
    return { elements: document.getElementsByTagName('*').length, parts };
  });
  const agentBytes = await agentMemoryBytes(page);
  return {
    answers: count,
    atS,
    heapUsedBytes: usedSize,
    agentBytes,
    domNodes: dom.nodes,
    jsEventListeners: dom.jsEventListeners,
    documents: dom.documents,
    attachedElements: attached.elements,
    parts: attached.parts,
    indexedDbBytes: indexedDb,
  };
}

export function formatSoak(r: SoakResult): string {
  const mb = (b: number | null) => (b === null ? 'n/a' : (b / 1e6).toFixed(2));
  const rows = r.samples.map(
    (s) =>
      `| ${s.answers} | ${s.atS.toFixed(0)} | ${mb(s.heapUsedBytes)} | ${mb(s.agentBytes)} | ${s.domNodes} | ${s.attachedElements} | ${s.jsEventListeners} | ${s.documents} | ${mb(s.indexedDbBytes)} | ${Object.entries(
        s.parts,
      )
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')} |`,
  );
  const g = r.growth;
  return [
    `Soak: a kiosk session of ${r.samples.at(-1)?.answers ?? 0} answers (${r.typed} typed, the rest spoken), ${r.durationS.toFixed(0)} s; first row after ${r.warmupAnswers} answers of warm-up`,
    '| answers | s | JS heap MB | page+workers MB | DOM nodes | elements in the page | listeners | documents | IndexedDB MB | elements per part |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    `growth after warm-up: heap ${(g.heapBytesPerAnswer / 1e3).toFixed(2)} KB/answer, page+workers ${
      g.agentBytesPerAnswer === null ? 'n/a' : `${(g.agentBytesPerAnswer / 1e3).toFixed(2)} KB/answer`
    }, DOM nodes ${g.domNodes >= 0 ? '+' : ''}${g.domNodes}, listeners ${g.jsEventListeners >= 0 ? '+' : ''}${g.jsEventListeners}, IndexedDB ${(g.indexedDbBytesPerAnswer / 1e3).toFixed(2)} KB/answer`,
  ].join('\n');
}
