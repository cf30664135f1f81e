// Times a language model's "Test on this device" as a person sees it, inside the page: from the
// capture-phase click on the button (before the app's handler runs) to each growth of the story in
// the card's sample, to the result line. A growth is an update on screen, not a token: the llm worker
// sends text at most once a frame (src/engines/llm/token-batcher.ts), and Chromium may hand a port several
// queued messages in one task, which Preact renders together. The caller counts the tokens.
import type { Page } from 'playwright-core';

export interface CheckWatchSpec {
  /** The card is the <article> whose <h3> is exactly this model name. */
  card: string;
  /** Accessible name of the check's button. */
  button: string;
  /** The sample starts as the prompt; only growth past it is generated text. */
  prompt: string;
  timeoutMs: number;
}

export interface WatchedCheck {
  /** ms after the click at which the sample grew on screen (by one token or several). */
  updateAtMs: number[];
  /** ms after the click at which the result line appeared. */
  doneMs: number;
  /** The sample as last streamed, and the result line. */
  sample: string;
  status: string;
}

type Armed = { __benchCheckWatch?: Promise<WatchedCheck> };

// No named functions inside the callback: tsx (esbuild keepNames) would wrap them in a `__name`
// helper that does not exist in the page.
export async function armCheckWatch(page: Page, spec: CheckWatchSpec): Promise<void> {
  await page.evaluate(({ card, button, prompt, timeoutMs }) => {
    const watched = new Promise<WatchedCheck>((resolve, reject) => {
      let start: number | null = null;
      let sample = '';
      const updateAtMs: number[] = [];
      const armed = new AbortController();
      addEventListener(
        'click',
        (e) => {
          const el = (e.target as Element | null)?.closest('button');
          if (el?.getAttribute('aria-label') === button) start = performance.now();
        },
        { capture: true, signal: armed.signal },
      );
      const observer = new MutationObserver(() => {
        if (start === null) return;
        const now = performance.now();
        const box = [...document.querySelectorAll('article')]
          .find((a) => a.querySelector('h3')?.textContent === card)
          ?.querySelector('.model-check');
        const failed = box?.querySelector('.error');
        const done = box?.querySelector('.ok');
        if (failed) {
          armed.abort();
          reject(new Error(`${card}: ${failed.textContent}`));
        } else if (done) {
          armed.abort();
          resolve({ updateAtMs, doneMs: now - start, sample, status: done.textContent ?? '' });
        } else {
          const text = box?.querySelector('blockquote.sample')?.textContent ?? '';
          if (text.length > prompt.length && text.length > sample.length && text.startsWith(prompt)) {
            updateAtMs.push(now - start);
            sample = text;
          }
        }
      });
      const timer = setTimeout(() => {
        armed.abort();
        reject(new Error(`${card}: no check result within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      armed.signal.addEventListener('abort', () => {
        observer.disconnect();
        clearTimeout(timer);
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    watched.catch(() => {}); // read (and rethrown) by readCheckWatch
    (globalThis as Armed).__benchCheckWatch = watched;
  }, spec);
}

export async function readCheckWatch(page: Page): Promise<WatchedCheck> {
  try {
    return await page.evaluate(() => {
      const watched = (globalThis as Armed).__benchCheckWatch;
      if (!watched) throw new Error('check watch not armed (did the page reload?)');
      return watched;
    });
  } catch (e) {
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
    throw new Error(first.replace(/^page\.evaluate: (Error: )?/, ''), { cause: e });
  }
}
