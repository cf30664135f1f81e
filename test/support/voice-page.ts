// Drives the voice bar and the Voice settings as a person would, and records what the voice bar
// shows over time (test tooling, not product code).
import type { Page } from 'playwright-core';
import { openTalk } from './talk-page';

export type ListenModeLabel = 'Hold to talk' | 'Hands-free' | 'Wake word';

export async function setVoiceSettings(
  page: Page,
  {
    mode,
    bargeIn,
    speak,
    wake,
  }: {
    mode?: ListenModeLabel;
    bargeIn?: boolean;
    speak?: boolean;
    wake?: string;
  },
): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  const card = page.getByRole('region', { name: 'Voice' });
  if (mode) await card.getByRole('radio', { name: new RegExp(`^${mode}`) }).check();
  if (wake) await card.getByRole('combobox', { name: 'Wake word' }).selectOption({ label: wake });
  if (bargeIn !== undefined) await card.getByRole('checkbox', { name: 'Interrupt by talking' }).setChecked(bargeIn);
  if (speak !== undefined) await card.getByRole('checkbox', { name: 'Read spoken answers aloud' }).setChecked(speak);
  await openTalk(page);
}

export const voiceBar = (page: Page) => page.getByRole('region', { name: 'Voice' });

/** One state the voice bar showed: when it began (page clock) and the last answer's status at that
 *  moment, read in the same task, so a test never races the page to learn what was under way. */
export interface VoiceStateRecord {
  state: string;
  at: number;
  answer: string | null;
}

/** Starts collecting every state the voice bar shows (data-voice-state). */
export async function recordVoiceStates(page: Page): Promise<void> {
  // The voice bar comes with its lazily loaded part of Talk, after the heading.
  await page.locator('[data-voice-state]').first().waitFor();
  await page.evaluate(() => {
    const w = window as unknown as { __voiceStates?: VoiceStateRecord[] };
    w.__voiceStates = [];
    const bar = document.querySelector('[data-voice-state]');
    if (!bar) throw new Error('no voice bar on the page');
    const note = () => {
      const state = bar.getAttribute('data-voice-state') ?? '';
      if (w.__voiceStates!.at(-1)?.state === state) return;
      const answers = document.querySelectorAll('[role="log"] article.message-assistant');
      const answer = answers[answers.length - 1]?.getAttribute('data-status') ?? null;
      w.__voiceStates!.push({ state, at: performance.now(), answer });
    };
    note();
    new MutationObserver(note).observe(bar, { attributes: true, attributeFilter: ['data-voice-state'] });
    // Status lines can flash by faster than a locator polls (a wake word heard at once), so keep them all.
    const w2 = window as unknown as { __voiceStatusTexts?: string[] };
    w2.__voiceStatusTexts = [];
    const status = bar.querySelector('[role="status"]');
    if (!status) throw new Error('no voice status line on the page');
    const noteText = () => {
      const text = status.textContent ?? '';
      if (w2.__voiceStatusTexts!.at(-1) !== text) w2.__voiceStatusTexts!.push(text);
    };
    noteText();
    new MutationObserver(noteText).observe(status, { childList: true, characterData: true, subtree: true });
  });
}

/** Every text the voice status line showed since recordVoiceStates, in order. */
export const voiceStatusTexts = (page: Page): Promise<string[]> =>
  page.evaluate(() => [...((window as unknown as { __voiceStatusTexts?: string[] }).__voiceStatusTexts ?? [])]);

export const voiceStates = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    ((window as unknown as { __voiceStates?: Array<{ state: string }> }).__voiceStates ?? []).map((s) => s.state),
  );

/** The recorded states, with when each began and what the answer was doing then. */
export const voiceStateTimes = (page: Page): Promise<VoiceStateRecord[]> =>
  page.evaluate(() => [...((window as unknown as { __voiceStates?: VoiceStateRecord[] }).__voiceStates ?? [])]);

export async function waitForVoiceState(page: Page, state: string, timeout = 60_000): Promise<void> {
  await page.locator(`[data-voice-state="${state}"]`).waitFor({ timeout });
}

/** The numbers of the last turn's timing line (data attributes), or null before a turn. */
export async function turnTimings(
  page: Page,
): Promise<Record<'stt' | 'llm' | 'tts' | 'total' | 'interrupt', number | null> | null> {
  const line = page.locator('.voice-timings');
  if (!(await line.count())) return null;
  const read = async (name: string) => {
    const v = await line.getAttribute(`data-${name}-ms`);
    return v === null ? null : Number(v);
  };
  return {
    stt: await read('stt'),
    llm: await read('llm'),
    tts: await read('tts'),
    total: await read('total'),
    interrupt: await read('interrupt'),
  };
}
