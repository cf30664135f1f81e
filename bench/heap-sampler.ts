// The page's JS heap, sampled while something runs (CDP Runtime.getHeapUsage every 50 ms on the
// page's main isolate, where the app's downloader runs): the peak shows whether a download holds
// whole files in memory. Workers have heaps of their own and are not counted.
import type { Page } from 'playwright-core';

export interface HeapWatch {
  /** Stops sampling; the highest used heap seen, in bytes. */
  stop(): Promise<number>;
}

export async function watchHeap(page: Page, everyMs = 50): Promise<HeapWatch> {
  const cdp = await page.context().newCDPSession(page);
  let peak = 0;
  let running = true;
  const sample = async () => {
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    peak = Math.max(peak, usedSize);
  };
  await sample();
  const loop = (async () => {
    while (running) {
      await new Promise((r) => setTimeout(r, everyMs));
      await sample().catch(() => {});
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await sample().catch(() => {});
      await cdp.detach().catch(() => {});
      return peak;
    },
  };
}

/** The page and its workers (performance.measureUserAgentSpecificMemory: the page is cross-origin
 *  isolated); null where the browser will not measure, or not within a minute. */
export function agentMemoryBytes(page: Page): Promise<number | null> {
  return page
    .evaluate(async () => {
      const perf = performance as Performance & { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> };
      if (!perf.measureUserAgentSpecificMemory || !crossOriginIsolated) return null;
      const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 60_000));
      return Promise.race([perf.measureUserAgentSpecificMemory().then((m) => m.bytes), timeout]);
    })
    .catch(() => null);
}
