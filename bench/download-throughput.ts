// Download speed through the app's store against a raw read of the same files, from the same mirror,
// in the same page, interleaved rep by rep so both see the same machine load. The raw baseline is
// what the network stack alone gives: the files one after another (as the downloader takes them),
// cache: 'no-store', each body read to its end and dropped. The store path adds everything a person
// waits for: licence/status checks, streaming SHA-256, OPFS writes, markReady, render. On loopback
// the "network" is the mirror and Chromium's network stack, themselves CPU work on the same two
// cores as the store's hashing and writes; run.ts also measures both paths over a link-limited mirror
// (a fast home connection), where the network, not the CPU, sets the pace.
import type { Page } from 'playwright-core';
import { totalBytes, type ModelEntry } from '../src/catalog/types';
import { deleteViaUi, downloadViaUi } from './app-driver';
import { watchHeap } from './heap-sampler';
import type { Session } from './session';
import { modelUrls } from './servers';
import { megabytesPerSecond, summarise, type Summary } from './stats';
import { overheadOf, snapshotStorage, type OverheadSample } from './store-overhead';

export interface ThroughputSample {
  rep: number;
  rawMs: number;
  rawMBps: number;
  storeMs: number;
  storeMBps: number;
  /** This rep's store/raw, measured seconds apart (the headline is the ratio of the medians). */
  ratio: number;
  licenceShown: boolean;
  overhead: OverheadSample;
  /** The tab's peak used JS heap during each path (bytes). */
  rawPeakHeapBytes: number;
  storePeakHeapBytes: number;
}

export interface ThroughputResult {
  model: string;
  bytes: number;
  files: number;
  samples: ThroughputSample[];
  rawMBps: Summary;
  storeMBps: Summary;
  /** median(store MB/s) / median(raw MB/s): 1 = the store costs nothing over the network read. */
  ratio: number;
  /** Highest peak JS heap over the reps, per path (bytes). */
  rawPeakHeapBytes: number;
  storePeakHeapBytes: number;
}

/** Reads every URL in turn inside the page; returns elapsed ms and bytes read. */
export function rawFetch(page: Page, urls: string[]): Promise<{ ms: number; bytes: number }> {
  return page.evaluate(async (list) => {
    const started = performance.now();
    let bytes = 0;
    for (const url of list) {
      const response = await fetch(url, { cache: 'no-store' });
      if (!response.ok || !response.body) throw new Error(`raw fetch ${url}: HTTP ${response.status}`);
      const reader = response.body.getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.byteLength;
    }
    return { ms: performance.now() - started, bytes };
  }, urls);
}

export async function measureThroughput(
  session: Session,
  mirrorUrl: string,
  model: ModelEntry,
  reps: number,
  label = model.name,
): Promise<ThroughputResult> {
  const { page } = session;
  const bytes = totalBytes(model);
  const urls = modelUrls(mirrorUrl, model);
  const samples: ThroughputSample[] = [];
  for (let rep = 1; rep <= reps; rep++) {
    const rawHeap = await watchHeap(page);
    const raw = await rawFetch(page, urls);
    const rawPeakHeapBytes = await rawHeap.stop();
    if (raw.bytes !== bytes) throw new Error(`${model.name}: raw fetch read ${raw.bytes} bytes, the catalog lists ${bytes}`);
    const before = await snapshotStorage(page, mirrorUrl);
    const storeHeap = await watchHeap(page);
    const store = await downloadViaUi(page, model);
    const storePeakHeapBytes = await storeHeap.stop();
    const after = await snapshotStorage(page, mirrorUrl);
    samples.push({
      rep,
      rawMs: raw.ms,
      rawMBps: megabytesPerSecond(bytes, raw.ms),
      storeMs: store.ms,
      storeMBps: megabytesPerSecond(bytes, store.ms),
      ratio: raw.ms / store.ms,
      licenceShown: store.licenceShown,
      overhead: overheadOf(before, after, bytes),
      rawPeakHeapBytes,
      storePeakHeapBytes,
    });
    await deleteViaUi(page, model);
  }
  const rawMBps = summarise(samples.map((s) => s.rawMBps));
  const storeMBps = summarise(samples.map((s) => s.storeMBps));
  return {
    model: label,
    bytes,
    files: model.files.length,
    samples,
    rawMBps,
    storeMBps,
    ratio: storeMBps.median / rawMBps.median,
    rawPeakHeapBytes: Math.max(...samples.map((s) => s.rawPeakHeapBytes)),
    storePeakHeapBytes: Math.max(...samples.map((s) => s.storePeakHeapBytes)),
  };
}
