// One voice turn through the app, driven as a person drives it: Settings set once, then per turn a new
// conversation, "Start listening" (the fake microphone plays the utterance), the answer read aloud to
// its end, "Stop listening". The figures are the app's own: the voice bar's timing line
// (p.voice-timings, data-*-ms and data-*-rtf), timed inside the app with performance.now().
import type { Page } from 'playwright-core';
import { saveAssistantSettings } from './app-driver';
import { say } from './ui-text';

const TURN_TIMEOUT_MS = 180_000;

export interface AppVoiceSettings {
  /** The Speech engine option's label: the built-in voice, or a stored TTS model's name. */
  engineLabel: string;
  /** Spoken language for a multilingual Whisper (so the app does not run language detection). */
  language: string;
  maxTokens: number;
  temperature: number;
  /** Talking over the answer interrupts it (the barge-in part); off for timed turns. */
  bargeIn?: boolean;
}

export interface AppTurn {
  sttMs: number;
  llmMs: number;
  ttsMs: number;
  totalMs: number;
  utteranceMs: number;
  sttRtf: number;
  ttsRtf: number;
  transcript: string;
  answer: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Sets what every turn shares, in Settings. */
export async function configureAppVoice(page: Page, s: AppVoiceSettings): Promise<void> {
  await saveAssistantSettings(page, { temperature: s.temperature, maxTokens: s.maxTokens });
  const card = page.getByRole('region', { name: say('settings.voice'), exact: true });
  await card.getByRole('radio', { name: new RegExp(`^${escape(say('voice.set.mode.hands-free'))}`) }).check();
  await card.getByRole('checkbox', { name: say('voice.set.speakAnswers') }).setChecked(true);
  // The fake microphone cannot hear the answer; off unless asked, so nothing else cuts a turn short.
  await card.getByRole('checkbox', { name: say('voice.set.bargeIn') }).setChecked(s.bargeIn ?? false);
  const language = card.getByRole('combobox', { name: say('voice.set.language') });
  if (await language.isEnabled()) await language.selectOption(s.language);
  await page.getByRole('combobox', { name: say('voice.tts.engine') }).selectOption({ label: s.engineLabel });
  await page.getByRole('link', { name: say('nav.talk') }).click();
  await page.getByRole('textbox', { name: say('talk.message') }).waitFor();
}

type Watched = { __benchVoiceTurn?: Promise<void> };

/** Resolves once the voice bar is back to "listening" after "speaking": the turn-taking reducer
 *  (src/core/turn-taking.ts) returns there only when the answer is written and its audio has finished. */
async function armTurnWatch(page: Page): Promise<void> {
  await page.evaluate((timeoutMs) => {
    const bar = document.querySelector('[data-voice-state]');
    if (!bar) throw new Error('no voice bar ([data-voice-state]) on the page');
    // No named functions in here: tsx (esbuild keepNames) would wrap them in a `__name` helper that
    // does not exist in the page.
    const done = new Promise<void>((resolve, reject) => {
      let answered = false;
      const seen = [bar.getAttribute('data-voice-state')];
      const over = new AbortController();
      // A batch of mutations reaches the callback at once: the states passed through are the records'
      // old values, so a short "speaking" between two renders is not missed.
      const observer = new MutationObserver((records) => {
        const state = bar.getAttribute('data-voice-state');
        for (const value of [...records.map((r) => r.oldValue), state]) {
          if (value !== seen.at(-1)) seen.push(value);
          if (value === 'speaking') answered = true;
        }
        if (answered && state === 'listening') {
          over.abort();
          resolve();
        }
      });
      const timer = setTimeout(() => {
        over.abort();
        reject(
          new Error(
            `no spoken answer within ${timeoutMs / 1000} s (voice bar states: ${seen.join(' → ')}; ` +
              `it says "${(bar.textContent ?? '').trim().slice(0, 200)}")`,
          ),
        );
      }, timeoutMs);
      over.signal.addEventListener('abort', () => {
        observer.disconnect();
        clearTimeout(timer);
      });
      observer.observe(bar, { attributes: true, attributeOldValue: true, attributeFilter: ['data-voice-state'] });
    });
    done.catch(() => {});
    (globalThis as Watched).__benchVoiceTurn = done;
  }, TURN_TIMEOUT_MS);
}

async function readTimings(page: Page): Promise<Omit<AppTurn, 'transcript' | 'answer'>> {
  const line = page.locator('p.voice-timings');
  const read = async (name: string) => {
    const v = await line.getAttribute(`data-${name}`);
    if (v === null || !Number.isFinite(Number(v)))
      throw new Error(`the voice timings line has no number in data-${name} ("${v}")`);
    return Number(v);
  };
  return {
    sttMs: await read('stt-ms'),
    llmMs: await read('llm-ms'),
    ttsMs: await read('tts-ms'),
    totalMs: await read('total-ms'),
    utteranceMs: await read('utterance-ms'),
    sttRtf: await read('stt-rtf'),
    ttsRtf: await read('tts-rtf'),
  };
}

export async function appTurn(page: Page): Promise<AppTurn> {
  await page.getByRole('button', { name: say('talk.new'), exact: true }).click();
  const bar = page.getByRole('region', { name: say('voice.bar'), exact: true });
  // The voice bar is its own chunk: on the first turn it can mount after the message box.
  await page.locator('[data-voice-state]').waitFor();
  await armTurnWatch(page);
  await bar.getByRole('button', { name: say('voice.startListening') }).click();
  try {
    await page.evaluate(() => (globalThis as Watched).__benchVoiceTurn);
    // Every stage has its figure once the answer has been spoken.
    await page.locator('p.voice-timings[data-total-ms][data-tts-ms][data-tts-rtf]').waitFor({ timeout: 5_000 });
  } catch (e) {
    // Leave the bar idle, so the next engine's turns start from "Start listening" again.
    await bar
      .getByRole('button', { name: say('voice.stopListening') })
      .click({ timeout: 5000 })
      .catch(() => {});
    throw e;
  }
  const timings = await readTimings(page);
  const log = page.getByRole('log', { name: say('talk.messages') });
  const transcript = await log
    .getByRole('article', { name: say('talk.you') })
    .last()
    .locator('.message-text')
    .innerText();
  const answer = await log
    .getByRole('article', { name: say('talk.assistant') })
    .last()
    .locator('.message-text')
    .innerText();
  await bar.getByRole('button', { name: say('voice.stopListening') }).click();
  await page.locator('[data-voice-state="idle"]').waitFor();
  return { ...timings, transcript, answer };
}
