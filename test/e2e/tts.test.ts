// Speech out in the real built app and real Chromium: the Settings voice preview speaks through the
// tts worker and the Speaker (Web Audio -> MediaStream -> <audio>). The built-in eSpeak-NG voice
// works with no model stored and offline; the random-weight Kokoro test model (N tokens -> N x 600
// samples at 24 kHz) speaks from the store. Every test ends with the shared checks: no request
// left the machine and no CSP violation.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { download, freshSession, waitForState } from '../support/models-page';
import { modelTestEnv } from '../support/model-test-env';

const KOKORO = 'Test: tiny random Kokoro';
const LONG_TEXT = 'Hello. The kitchen lights are on, the front door is locked, and the heating is set for the night.';

const env = modelTestEnv();

/** Plays per page: the preview numbers its runs from 1 on each page load. */
const runs = new WeakMap<Page, number>();

interface Sample {
  seconds: number;
  peak: number;
  sampleRate: number;
  synthMs: number;
}

async function openSettings(page: Page): Promise<void> {
  runs.delete(page);
  await page.goto(`${env.app.url}/#/settings`);
  // A real load (not just a hash change): offline it comes from the service worker.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  await page.locator('#tts-engine').waitFor();
}

/** Types the text into the preview, presses Play sample and returns the figures of what played. */
async function playSample(page: Page, text: string): Promise<Sample> {
  const run = (runs.get(page) ?? 0) + 1;
  runs.set(page, run);
  await page.getByLabel('Sample text').fill(text);
  await page.getByRole('button', { name: 'Play sample' }).click();
  const outcome = page.locator(`.tts-status[data-run="${run}"]`);
  await outcome.waitFor({ timeout: 120_000 });
  if ((await outcome.getAttribute('data-state')) === 'error') throw new Error(await outcome.innerText());
  const num = async (name: string) => Number(await outcome.getAttribute(`data-${name}`));
  return {
    seconds: await num('played-seconds'),
    peak: await num('peak-level'),
    sampleRate: await num('sample-rate'),
    synthMs: await num('synth-ms'),
  };
}

/** How the page plays speech: an <audio> element fed by a MediaStream (what echo cancellation hears). */
const speakerElement = (page: Page) =>
  page.evaluate(() => {
    const audio = document.querySelector<HTMLAudioElement>('audio[data-role="speaker"]');
    const stream = audio?.srcObject;
    return audio
      ? {
          mediaStream: stream instanceof MediaStream,
          audioTracks: stream instanceof MediaStream ? stream.getAudioTracks().length : 0,
        }
      : null;
  });

describe('speech out', () => {
  test('the built-in voice speaks offline with no model stored, through an <audio> element fed by a MediaStream', async () => {
    const { page, context } = env.use(await freshSession(env.app.url, env.mirror.url));
    await context.setOffline(true);
    try {
      env.mirror.resetLog();
      await openSettings(page);
      expect(await page.locator('#tts-engine').inputValue()).toBe('builtin');
      expect(await page.locator('#tts-engine option').count()).toBe(1);
      const short = await playSample(page, 'Hello.');
      const long = await playSample(page, LONG_TEXT);
      console.log(`built-in voice: short ${JSON.stringify(short)}, long ${JSON.stringify(long)}`);
      expect(short.sampleRate).toBe(22050);
      expect(short.seconds).toBeGreaterThan(0.2);
      expect(long.seconds).toBeGreaterThan(3 * short.seconds);
      // RMS of the output, read from the analyser tap while it played: speech, not silence.
      expect(long.peak).toBeGreaterThan(0.02);
      expect(await speakerElement(page)).toEqual({ mediaStream: true, audioTracks: 1 });

      await page.locator('#tts-voice').selectOption('cmn');
      await expect.poll(() => page.locator('#tts-voice').inputValue()).toBe('cmn');
      const chinese = await playSample(page, '你好，今天天气很好。');
      expect(chinese.seconds).toBeGreaterThan(0.5);
      expect(chinese.peak).toBeGreaterThan(0.02);
      expect(env.mirror.requests).toEqual([]);
    } finally {
      await context.setOffline(false);
    }
  });

  test('a built-in voice beyond the UI languages fetches its dictionary once, then speaks offline', async () => {
    const { page, context } = env.use(await freshSession(env.app.url, env.mirror.url));
    const dictionaryRequests: string[] = [];
    context.on('request', (r) => /espeak-ng-\w+_dict-[\w-]+\.dat$/.test(r.url()) && dictionaryRequests.push(r.url()));
    await openSettings(page);
    await page.locator('#tts-voice').selectOption('es');
    await expect.poll(() => page.locator('#tts-voice').inputValue()).toBe('es');
    const online = await playSample(page, 'Hola, buenos días.');
    expect(online.peak).toBeGreaterThan(0.02);
    expect(dictionaryRequests.map((u) => u.replace(/.*\/assets\//, ''))).toEqual([expect.stringMatching(/^espeak-ng-es_dict-/)]);
    // Not precached: only the voice that was used is stored, in its own cache.
    const stored = await page.evaluate(async () => (await (await caches.open('hearth-espeak-ng-data')).keys()).map((r) => r.url));
    expect(stored).toEqual([expect.stringMatching(/espeak-ng-es_dict-/)]);

    await context.setOffline(true);
    try {
      await openSettings(page); // a new page and tts worker, from the service worker
      await expect.poll(() => page.locator('#tts-voice').inputValue()).toBe('es');
      const offline = await playSample(page, 'Hola otra vez.');
      expect(offline.peak).toBeGreaterThan(0.02);
      // A language never used cannot be fetched offline: said plainly, nothing else breaks.
      await page.locator('#tts-voice').selectOption('de');
      await expect.poll(() => page.locator('#tts-voice').inputValue()).toBe('de');
      await expect(playSample(page, 'Guten Tag.')).rejects.toThrow(/de language data/);
    } finally {
      await context.setOffline(false);
    }
  });

  test('the Kokoro test model speaks from the store: N x 600 samples at 24 kHz, faster at speed 2, and offline', async () => {
    const { page, context } = env.use(await freshSession(env.app.url, env.mirror.url));
    await download(page, KOKORO);
    await waitForState(page, KOKORO, 'ready');
    await openSettings(page);
    await page.locator('#tts-engine').selectOption({ label: KOKORO });
    // The choice is saved to IndexedDB and then shown.
    await expect.poll(() => page.locator('#tts-voice').inputValue()).toBe('af_heart');

    // "Hello world." is 16 tokens with the two pads (shared/models/MANIFEST.md): 9600 samples.
    const hello = await playSample(page, 'Hello world.');
    console.log(`kokoro test model: ${JSON.stringify(hello)}`);
    expect(hello.sampleRate).toBe(24000);
    expect(hello.seconds).toBeCloseTo(9600 / 24000, 3);
    expect(hello.peak).toBeGreaterThan(0.05);
    const long = await playSample(page, LONG_TEXT);
    expect(long.seconds).toBeGreaterThan(3 * hello.seconds);
    expect(Math.round(long.seconds * 24000) % 600).toBe(0);
    expect(await speakerElement(page)).toEqual({ mediaStream: true, audioTracks: 1 });

    await page.locator('#tts-voice').selectOption('bf_emma');
    await expect.poll(() => page.locator('#tts-voice').inputValue()).toBe('bf_emma');
    await page.locator('#tts-speed').fill('2');
    await expect.poll(() => page.locator('#tts-speed').inputValue()).toBe('2');
    const fast = await playSample(page, 'Hello world.');
    expect(fast.seconds).toBeCloseTo(4800 / 24000, 3);

    await context.setOffline(true);
    try {
      env.mirror.resetLog();
      await openSettings(page);
      await expect.poll(() => page.locator('#tts-engine').inputValue()).toBe('test-kokoro-fp32');
      const offline = await playSample(page, 'Hello world.');
      expect(offline.seconds).toBeCloseTo(4800 / 24000, 3);
      expect(env.mirror.requests).toEqual([]);
    } finally {
      await context.setOffline(false);
    }
  });
});
