// A stopwatch that runs inside the page, so neither Playwright's round trips nor a polling interval
// land in the numbers. It starts in a capture-phase click listener (before the app's own handler
// runs) and stops in a MutationObserver callback, i.e. in the microtask after Preact commits the
// awaited state to the model's card. Polling IndexedDB every 20 ms instead would add up to 20 ms
// of quantisation and compete with the downloader for the database.
import type { Page } from 'playwright-core';

export interface StopwatchSpec {
  /** The card is the <article> whose <h3> is exactly this model name. */
  card: string;
  /** Accessible names (aria-label, else text) of buttons whose click (re)starts it: the last one counts,
   *  so a licence dialog between "Download" and "Accept and download" is not timed. */
  startOn: string[];
  /** CSS selector inside the card that stops it. */
  stopAt: string;
  /** CSS selector inside the card that means failure; its card's alert text becomes the error. */
  failAt: string;
  timeoutMs: number;
}

export interface Lap {
  ms: number;
  /** Text of the element that stopped the watch. */
  text: string;
}

type Armed = { __benchStopwatch?: Promise<Lap> };

// No named functions inside the callback: tsx (esbuild keepNames) would wrap them in a `__name`
// helper that does not exist in the page.
export async function armStopwatch(page: Page, spec: StopwatchSpec): Promise<void> {
  await page.evaluate(({ card, startOn, stopAt, failAt, timeoutMs }) => {
    const lap = new Promise<Lap>((resolve, reject) => {
      let start: number | null = null;
      const armed = new AbortController();
      addEventListener(
        'click',
        (e) => {
          const button = (e.target as Element | null)?.closest('button');
          const name = button?.getAttribute('aria-label') ?? button?.textContent?.trim();
          if (name && startOn.includes(name)) start = performance.now();
        },
        { capture: true, signal: armed.signal },
      );
      const observer = new MutationObserver(() => {
        if (start === null) return;
        const el = [...document.querySelectorAll('article')].find((a) => a.querySelector('h3')?.textContent === card);
        const done = el?.querySelector(stopAt);
        const failed = el?.querySelector(failAt);
        if (!done && !failed) return;
        const ms = performance.now() - start;
        armed.abort();
        if (failed) reject(new Error(`${card}: ${el?.querySelector('[role=alert]')?.textContent ?? failed.textContent}`));
        else resolve({ ms, text: done?.textContent ?? '' });
      });
      const timer = setTimeout(() => {
        armed.abort();
        reject(new Error(`${card}: no "${stopAt}" within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      armed.signal.addEventListener('abort', () => {
        observer.disconnect();
        clearTimeout(timer);
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    lap.catch(() => {}); // read (and rethrown) by readStopwatch; not an unhandled rejection meanwhile
    (globalThis as Armed).__benchStopwatch = lap;
  }, spec);
}

export async function readStopwatch(page: Page): Promise<Lap> {
  try {
    return await page.evaluate(() => {
      const lap = (globalThis as Armed).__benchStopwatch;
      if (!lap) throw new Error('stopwatch not armed (did the page reload?)');
      return lap;
    });
  } catch (e) {
    // "page.evaluate: Error: <ours>\n    at <page stack>": keep only our sentence.
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
    throw new Error(first.replace(/^page\.evaluate: (Error: )?/, ''), { cause: e });
  }
}
