// The Node side of voice-direct/voice-direct.ts: imports the bundled module into the app page and calls
// it there, so every timing is taken on the page's clock with no Playwright round trip inside it.
import type { Page } from 'playwright-core';
import { VOICE_DIRECT_PATH } from './voice-direct/bundle';
import type {
  DirectEngine,
  DirectLoaded,
  DirectLoadOptions,
  Synthesis,
  TurnRequest,
  TurnTiming,
} from './voice-direct/voice-direct';

type DirectModule = typeof import('./voice-direct/voice-direct');
type WithDirect = { __benchVoice?: DirectModule };

// No named functions inside the callbacks: tsx (esbuild keepNames) would wrap them in a `__name` helper
// that does not exist in the page.
export async function loadVoiceDirect(page: Page, opts: DirectLoadOptions): Promise<DirectLoaded> {
  return page.evaluate(
    async ({ modulePath, opts }) => {
      const direct = (await import(modulePath)) as DirectModule;
      (globalThis as WithDirect).__benchVoice = direct;
      return direct.load(opts);
    },
    { modulePath: VOICE_DIRECT_PATH, opts },
  );
}

export const directStt = (page: Page, audio16k: Float32Array, language: string | null): Promise<{ text: string; ms: number }> =>
  page.evaluate(
    ({ audio, language }) => {
      const direct = (globalThis as WithDirect).__benchVoice;
      if (!direct) throw new Error('voice-direct is not loaded in this page');
      return direct.stt(audio, language);
    },
    { audio: [...audio16k], language },
  );

export const directTts = (page: Page, engine: DirectEngine, text: string, voice: string): Promise<Synthesis> =>
  page.evaluate(
    ({ engine, text, voice }) => {
      const direct = (globalThis as WithDirect).__benchVoice;
      if (!direct) throw new Error('voice-direct is not loaded in this page');
      return direct.tts(engine, text, voice);
    },
    { engine, text, voice },
  );

export const directSentences = (page: Page, answer: string): Promise<string[]> =>
  page.evaluate((answer) => {
    const direct = (globalThis as WithDirect).__benchVoice;
    if (!direct) throw new Error('voice-direct is not loaded in this page');
    return direct.sentencesOf(answer);
  }, answer);

export const directTurn = (page: Page, request: TurnRequest): Promise<TurnTiming> =>
  page.evaluate((request) => {
    const direct = (globalThis as WithDirect).__benchVoice;
    if (!direct) throw new Error('voice-direct is not loaded in this page');
    return direct.turn(request);
  }, request);

export async function unloadVoiceDirect(page: Page): Promise<void> {
  await page.evaluate(() => (globalThis as WithDirect).__benchVoice?.unload());
}
