// Whisper through the app against Whisper called directly, on the very same audio: the Whisper card's
// "Test on this device" (the built-in voice says a sentence, the app resamples it to 16 kHz, the
// speech worker transcribes it and reports its own time) against voice-direct making that audio the
// same way and calling transformers.js' pipeline on the page. The hands-free turns compare Whisper on
// the microphone's segment with the clip padded to its length: random weights write more or fewer
// tokens for slightly different audio, so only this pairing isolates what the app adds around Whisper.
// Equal transcripts on both sides show the audio was the same.
import type { Page } from 'playwright-core';
import type { ModelEntry } from '../src/catalog/types';
import { timedCheck } from './app-driver';
import { median, summarise, type Summary } from './stats';

/** The check's sentence and voice (src/ui/model-check/checks.ts). */
const SPOKEN_SAMPLE = 'Turn on the kitchen lights, please.';
const VOICE = 'en-us';

type DirectModule = typeof import('./voice-direct/voice-direct');
type WithDirect = { __benchVoice?: DirectModule };

export interface SttPair {
  pair: number;
  appFirst: boolean;
  appMs: number;
  directMs: number;
  appText: string;
  directText: string;
}

export interface SttSameAudio {
  sentence: string;
  audioMs: number;
  app: Summary;
  direct: Summary;
  /** median(app) / median(direct): 1 = the app costs nothing around Whisper. */
  ratio: number;
  /** Median of the pairs' app - direct (ms). */
  addedMs: number;
  /** Every pair heard the same words on both sides (the audio was the same). */
  sameTranscripts: boolean;
  samples: SttPair[];
}

async function appCheck(page: Page, model: ModelEntry): Promise<{ ms: number; text: string }> {
  const { reportedMs } = await timedCheck(page, model, 'check.sttOk');
  const card = page
    .locator('article.model-card')
    .filter({ has: page.getByRole('heading', { level: 3, name: model.name, exact: true }) });
  return { ms: reportedMs, text: (await card.locator('.model-check .sample').innerText()).trim() };
}

const directCheck = (page: Page, language: string | null) =>
  page.evaluate(
    ({ sentence, voice, language }) => {
      const direct = (globalThis as WithDirect).__benchVoice;
      if (!direct) throw new Error('voice-direct is not loaded in this page');
      return direct.sttSpoken(sentence, voice, language);
    },
    { sentence: SPOKEN_SAMPLE, voice: VOICE, language },
  );

/** Needs voice-direct loaded in `page` (with the built-in voice) and the model stored; shows Models. */
export async function measureSttSameAudio(
  page: Page,
  model: ModelEntry,
  language: string | null,
  runs: number,
  openModels: () => Promise<void>,
): Promise<SttSameAudio> {
  await openModels();
  const app = () => appCheck(page, model);
  const direct = () => directCheck(page, language);
  await app(); // warm-ups: the first app check also loads Whisper in the speech worker
  const { audioMs } = await direct();
  const samples: SttPair[] = [];
  for (let pair = 1; pair <= runs; pair++) {
    const appFirst = pair % 2 === 1;
    const a = appFirst ? await app() : null;
    const d = await direct();
    const b = a ?? (await app());
    samples.push({ pair, appFirst, appMs: b.ms, directMs: d.ms, appText: b.text, directText: d.text });
  }
  const appSummary = summarise(samples.map((s) => s.appMs));
  const directSummary = summarise(samples.map((s) => s.directMs));
  return {
    sentence: SPOKEN_SAMPLE,
    audioMs,
    app: appSummary,
    direct: directSummary,
    ratio: appSummary.median / directSummary.median,
    addedMs: median(samples.map((s) => s.appMs - s.directMs)),
    sameTranscripts: samples.every((s) => s.appText === s.directText),
    samples,
  };
}
