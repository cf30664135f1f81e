// One timed generation on each path, both in the app page and on the page's clock:
//   app:    "Test on this device" on the model's card, timed from the click to each token on screen;
//   direct: wllama-direct.ts (imported into the same page) calling @wllama/wllama itself.
// Both are reduced to the same two figures: time to the first token, and the decode rate after it.
import type { Page } from 'playwright-core';
import { speedReport } from '../src/core/llm-cpu';
import type { ModelEntry } from '../src/catalog/types';
import { llmCheck } from '../test/support/models-page';
import { DIRECT_MODULE_PATH } from './llm-direct/bundle';
import type { CompletionRequest, DirectLoaded, DirectLoadOptions, StreamTiming } from './llm-direct/wllama-direct';
import { armCheckWatch, readCheckWatch } from './llm-check-watch';
import { say } from './ui-text';

const CHECK_TIMEOUT_MS = 120_000;

export interface Speed {
  ttftMs: number;
  /** (tokens - 1) over the time from the first token to the last: the decode rate. */
  tokensPerSecond: number;
}

export interface AppRun {
  /** As a person sees it: click to first token on screen; first to last token on screen. */
  screen: Speed;
  /** The check line's own figures, timed in the llm worker around wllama (rounded as shown). */
  reported: Speed;
  /** Screen updates: the app sends streamed text at most once a frame (token-batcher.ts), so this
   *  counts batches, not tokens; alignToDirect() puts in the token count. */
  updates: number;
  /** Times of the first and last update, ms after the click. */
  firstMs: number;
  lastMs: number;
  tokens: number;
  /** The story as streamed, prompt first. */
  text: string;
  /** The check line's other figures: the first run's load time, and the worker's threads. */
  loadMs: number;
  threads: number;
}

export interface DirectRun {
  speed: Speed;
  /** The same figures computed as the app's check computes them (src/core/llm-cpu speedReport). */
  asReported: Speed;
  tokens: number;
  pieces: number;
  text: string;
}

/** Decode rate between the first and the last token; NaN with fewer than two. */
export function decodeRate(tokens: number, firstMs: number, lastMs: number): number {
  return tokens >= 2 && lastMs > firstMs ? ((tokens - 1) * 1000) / (lastMs - firstMs) : NaN;
}

export async function appRun(page: Page, model: ModelEntry, prompt: string): Promise<AppRun> {
  const button = say('check.button', { name: model.name });
  await armCheckWatch(page, { card: model.name, button, prompt, timeoutMs: CHECK_TIMEOUT_MS });
  await page.getByRole('button', { name: button, exact: true }).click();
  const watched = await readCheckWatch(page);
  const reported = llmCheck(watched.status);
  if (!reported) throw new Error(`${model.name}: unexpected check result "${watched.status}"`);
  const { updateAtMs } = watched;
  if (updateAtMs.length === 0) throw new Error(`${model.name}: the check showed no generated text`);
  return {
    screen: { ttftMs: updateAtMs[0]!, tokensPerSecond: NaN },
    reported: { ttftMs: reported.ttftMs, tokensPerSecond: reported.tokensPerSecond },
    updates: updateAtMs.length,
    firstMs: updateAtMs[0]!,
    lastMs: updateAtMs.at(-1)!,
    tokens: NaN,
    text: watched.sample,
    loadMs: reported.loadMs,
    threads: reported.threads,
  };
}

type DirectModule = typeof import('./llm-direct/wllama-direct');
type WithDirect = { __benchWllama?: DirectModule };

/** Imports wllama-direct.js from the app's origin into the app page and loads the model there. */
export async function loadDirect(page: Page, opts: DirectLoadOptions): Promise<DirectLoaded> {
  return page.evaluate(
    async ({ modulePath, opts }) => {
      const direct = (await import(modulePath)) as DirectModule;
      (globalThis as WithDirect).__benchWllama = direct;
      return direct.load(opts);
    },
    { modulePath: DIRECT_MODULE_PATH, opts },
  );
}

export async function directRun(page: Page, request: CompletionRequest): Promise<DirectRun> {
  // On screen: started by a click, as the app's check is (see armClick), so both wait for the frame
  // the browser renders after a click before it handles any worker's message.
  const selector = await page.evaluate((req) => {
    const direct = (globalThis as WithDirect).__benchWllama;
    if (!direct) throw new Error('wllama-direct is not loaded in this page');
    return direct.armClick(req);
  }, request);
  await page.locator(selector).click();
  const t: StreamTiming = await page.evaluate(() => (globalThis as WithDirect).__benchWllama!.clickedRun());
  // As the check times it (inside the llm worker, which no click delays): a run started without one.
  const quiet: StreamTiming = await page.evaluate((req) => (globalThis as WithDirect).__benchWllama!.complete(req), request);
  for (const run of [t, quiet])
    if (run.firstAt === null || run.lastAt === null) throw new Error('the direct path generated no text');
  const app = speedReport({
    startedAt: quiet.startedAt,
    firstTokenAt: quiet.firstAt!,
    endedAt: quiet.endedAt,
    tokens: quiet.tokens,
  });
  return {
    speed: { ttftMs: t.firstAt! - t.startedAt, tokensPerSecond: decodeRate(t.tokens, t.firstAt!, t.lastAt!) },
    asReported: { ttftMs: app.ttftMs ?? NaN, tokensPerSecond: app.tokensPerSecond ?? NaN },
    tokens: t.tokens,
    pieces: t.pieces,
    text: request.prompt + t.text,
  };
}

export async function unloadDirect(page: Page): Promise<void> {
  await page.evaluate(() => (globalThis as WithDirect).__benchWllama?.unload());
}

/** The app shows the same text as the direct call made (checked by the caller), so it produced the same
 *  tokens: the decode rate on screen is those tokens over the time from first to last update. */
export function alignToDirect(app: AppRun, direct: DirectRun): AppRun {
  return {
    ...app,
    tokens: direct.tokens,
    screen: { ttftMs: app.screen.ttftMs, tokensPerSecond: decodeRate(direct.tokens, app.firstMs, app.lastMs) },
  };
}
