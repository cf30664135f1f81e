// Barge-in through the app: a hands-free turn whose long answer is being read aloud when the same
// words come again from the fake microphone (25 s after the first time, whatever the machine's
// pace). The app's own figure is the voice bar's data-interrupt-ms: from the VAD's speech start to
// playback and generation both stopped (wanted ≤ 300 ms). A speed figure, so it lives here and not
// in test/e2e/voice.test.ts, which checks what happens, not how fast.
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { ModelEntry } from '../src/catalog/types';
import { audioDir } from '../test/support/paths';
import { joinClips } from '../test/support/speech-audio';
import { downloadViaUi } from './app-driver';
import { configureAppVoice } from './voice-app-turn';
import { withSession } from './session';
import type { Servers } from './servers';
import { summarise, type Summary } from './stats';
import { makeTempDir } from './temp-dirs';
import { say } from './ui-text';

export const BARGE_IN_TARGET_MS = 300;
const UTTERANCE = 'LDC93S1.wav';
const TURN_TIMEOUT_MS = 240_000;

export interface BargeInResult {
  reps: number;
  /** One figure per rep that interrupted (ms). */
  interruptMs: number[];
  summary: Summary;
  targetMs: number;
  /** Reps whose answer had finished before the words came again (nothing to interrupt). */
  missed: number;
}

export async function measureBargeIn(
  servers: Servers,
  models: { vad: ModelEntry; whisper: ModelEntry; llm: ModelEntry },
  reps: number,
  log: (line: string) => void,
): Promise<BargeInResult> {
  const tmp = makeTempDir('hearth-bench-barge-');
  try {
    const clip = path.join(audioDir, UTTERANCE);
    const mic = joinClips(tmp.dir, 'barge-in', [1, clip, 25, clip, 60]);
    return await withSession(
      servers,
      async ({ page }) => {
        for (const model of [models.vad, models.whisper, models.llm]) await downloadViaUi(page, model);
        // An answer long enough to still be read aloud when the words come again 25 s in.
        await configureAppVoice(page, {
          engineLabel: say('voice.tts.builtin'),
          language: 'en',
          maxTokens: 1500,
          temperature: 0,
          bargeIn: true,
        });
        const interruptMs: number[] = [];
        let missed = 0;
        for (let rep = 1; rep <= reps; rep++) {
          log(`barge-in: rep ${rep} of ${reps}`);
          const ms = await bargeInTurn(page);
          if (ms === null) missed++;
          else interruptMs.push(ms);
        }
        return { reps, interruptMs, summary: summarise(interruptMs), targetMs: BARGE_IN_TARGET_MS, missed };
      },
      { micWav: mic },
    );
  } finally {
    tmp.remove();
  }
}

/** One conversation: the question, its answer being spoken, the same words again. The interrupt
 *  figure of this turn, or null when the second words came after the answer had been read. */
async function bargeInTurn(page: Page): Promise<number | null> {
  await page.getByRole('button', { name: say('talk.new'), exact: true }).click();
  const bar = page.getByRole('region', { name: say('voice.bar'), exact: true });
  const line = page.locator('p.voice-timings');
  const before = (await line.count()) ? await line.getAttribute('data-interrupt-ms') : null;
  const asked = page.getByRole('log', { name: say('talk.messages') }).getByRole('article', { name: say('talk.you') });
  await bar.getByRole('button', { name: say('voice.startListening') }).click();
  try {
    const deadline = Date.now() + TURN_TIMEOUT_MS;
    for (;;) {
      const now = (await line.count()) ? await line.getAttribute('data-interrupt-ms') : null;
      if (now !== null && now !== before) return Number(now);
      // The second words became a question of their own without cutting anything off.
      if ((await asked.count()) >= 2 && (await bar.getAttribute('data-voice-state')) === 'listening') return null;
      if (Date.now() > deadline) throw new Error('no barge-in and no second question within the turn timeout');
      await page.waitForTimeout(100);
    }
  } finally {
    await bar.getByRole('button', { name: say('voice.stopListening') }).click();
    await page.locator('[data-voice-state="idle"]').waitFor();
  }
}
