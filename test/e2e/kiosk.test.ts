// Kiosk mode on a kitchen tablet, in real Chromium at tablet size: started from Settings behind a
// PIN, an ambient screen with no navigation (clock, the last answer, a running timer), the screen
// kept on with the Screen Wake Lock API and asked for again after the page was hidden, a reload that
// stays in kiosk mode, wrong PINs refused and then rate-limited across a reload, Erase everything
// behind the same PIN; and listening that starts by itself and comes back after the microphone is
// lost and after a fault injected in the Whisper worker; with the wake word chosen, it waits for "hey Mycroft" (openWakeWord, real weights) and what
// follows the word is asked and answered. The voice parts use the fake microphone, Silero VAD (real
// weights) and a random-weight Whisper: they prove the listening plumbing, not what is heard.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectNoCspViolations, formatAxe, launchBrowser, offNetworkGuard, runAxe } from '../support/browser';
import { openApp } from '../support/app-page';
import { download, freshSession, waitForState } from '../support/models-page';
import { modelTestEnv } from '../support/model-test-env';
import { composer, openTalk } from '../support/talk-page';
import { joinClips } from '../support/speech-audio';
import { audioDir, repoRoot } from '../support/paths';
import { setVoiceSettings } from '../support/voice-page';

const VAD = 'Silero VAD v6';
const WHISPER = 'Test: tiny random Whisper (q8)';
const STORIES = 'Test: stories260K (TinyStories)';
const MYCROFT = 'openWakeWord "hey Mycroft"';
const PIN = '4821';
const TABLET = { width: 1024, height: 768 };

const env = modelTestEnv();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-kiosk-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const shots = path.join(repoRoot, 'test-results', 'kiosk');

const kiosk = (page: Page) => page.locator('.kiosk');

async function grantWakeLock(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Browser.setPermission', {
    origin: new URL(page.url()).origin,
    permission: { name: 'screen-wake-lock' },
    setting: 'granted',
  });
}

async function setPinAndStart(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  const card = page.getByRole('form', { name: 'Kiosk mode' });
  await card.getByText('No PIN is set yet').waitFor();
  await expect.poll(() => card.getByRole('button', { name: 'Start kiosk mode' }).isDisabled()).toBe(true);
  await card.getByLabel('New PIN (4–12 digits)').fill('12a4');
  await card.getByLabel('PIN again').fill('12a4');
  await card.getByRole('button', { name: 'Set PIN' }).click();
  await card.getByRole('alert').filter({ hasText: 'Use digits only.' }).waitFor();
  await card.getByLabel('New PIN (4–12 digits)').fill(PIN);
  await card.getByLabel('PIN again').fill(PIN);
  await card.getByRole('button', { name: 'Set PIN' }).click();
  await card.getByRole('status').filter({ hasText: 'PIN saved.' }).waitFor();
  await card.getByRole('button', { name: 'Start kiosk mode' }).click();
  await kiosk(page).waitFor();
}

/** Types `pin` into the leave dialog and returns what it says (or '' once it has left). */
async function tryLeave(page: Page, pin: string): Promise<string> {
  await page.getByRole('button', { name: 'Leave kiosk mode' }).click();
  const dialog = page.getByRole('dialog', { name: 'Leave kiosk mode' });
  await dialog.getByLabel('PIN').fill(pin);
  await dialog.getByRole('button', { name: 'Leave', exact: true }).click();
  const refusal = dialog.getByRole('alert').filter({ hasText: /Wrong PIN|Too many wrong PINs/ });
  const left = page.getByRole('heading', { level: 1, name: 'Settings' });
  await refusal.or(left).first().waitFor();
  if (await left.isVisible()) return '';
  const text = await refusal.innerText();
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await dialog.waitFor({ state: 'detached' });
  return text;
}

/** Keeps every stream the app opens (from the next load on), so a test can count the microphones
 *  opened and take one away as unplugging it would. */
async function recordMicStreams(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const media = navigator.mediaDevices;
    const open = media.getUserMedia.bind(media);
    const streams: MediaStream[] = [];
    Object.defineProperty(globalThis, '__micStreams', { value: streams });
    media.getUserMedia = async (constraints) => {
      const stream = await open(constraints);
      streams.push(stream);
      return stream;
    };
  });
}

const micStreamsOpened = (page: Page): Promise<number> =>
  page.evaluate(() => (globalThis as unknown as { __micStreams: MediaStream[] }).__micStreams.length);

/** Keeps every text the element at `selector` shows from now on, in order (a line can be gone
 *  before a locator looks); returns what was kept so far. */
async function keepTexts(page: Page, selector: string): Promise<() => Promise<string[]>> {
  const key = `__keptTexts ${selector}`;
  await page.evaluate(
    ([sel, k]) => {
      const seen: string[] = [];
      Object.defineProperty(globalThis, k, { value: seen });
      new MutationObserver(() => {
        const text = document.querySelector(sel)?.textContent ?? '';
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    },
    [selector, key] as const,
  );
  return () => page.evaluate((k) => (globalThis as unknown as Record<string, string[]>)[k]!, key);
}

/** Headless Chromium never hides a page: the test says the page is hidden, then visible, as a phone
 *  or a tablet's power button would (the app's own listeners do the rest). */
async function setVisibility(page: Page, state: 'hidden' | 'visible'): Promise<void> {
  await page.evaluate((s) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
}

describe('Kiosk mode (tablet)', () => {
  test('PIN, ambient screen, screen kept on, reload, wrong PINs limited, Erase behind the PIN', async () => {
    const session = env.use(await freshSession(env.app.url, env.mirror.url));
    const { page } = session;
    await page.setViewportSize(TABLET);
    await grantWakeLock(page);
    // Something to show: a timer set by typing (the quick commands need no model).
    await openTalk(page);
    await composer(page).fill('set a timer for 5 minutes');
    await composer(page).press('Enter');
    await page.locator('.timer-list').first().waitFor();

    await setPinAndStart(page);
    expect(await page.getByRole('navigation').count(), 'no navigation in kiosk mode').toBe(0);
    expect(await page.evaluate(() => document.fullscreenElement !== null), 'fullscreen').toBe(true);
    await expect.poll(() => kiosk(page).getAttribute('data-wake-lock')).toBe('held');
    await page.getByText('Screen kept on').waitFor();
    // No voice models here: it says what listening needs and does not keep trying in vain.
    await page.locator('.kiosk-voice .error').filter({ hasText: 'Listening needs the Silero VAD model' }).waitFor();
    expect(await page.getByText('Listening stopped; trying again').count()).toBe(0);
    // The ambient screen: the clock, the last answer in large type, the timer counting down.
    const clock = page.locator('.kiosk-clock time');
    expect(Date.parse((await clock.getAttribute('datetime'))!)).toBeLessThanOrEqual(Date.now());
    await expect.poll(() => page.locator('.kiosk-answer-text').innerText()).toMatch(/5 minutes?/i);
    const remaining = page.locator('.kiosk-timers .timer-list li').first();
    const before = await remaining.innerText();
    await expect.poll(() => remaining.innerText(), { timeout: 10_000 }).not.toBe(before);
    fs.mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, 'tablet-light.png'), scale: 'css' });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const violations = await runAxe(page);
      expect(violations, formatAxe(violations)).toEqual([]);
    }
    await page.screenshot({ path: path.join(shots, 'tablet-dark.png'), scale: 'css' });

    // Hidden (screen off, another app): the lock goes; visible again: asked for and granted again.
    await setVisibility(page, 'hidden');
    await expect.poll(() => kiosk(page).getAttribute('data-wake-lock')).toBe('released');
    await setVisibility(page, 'visible');
    await expect.poll(() => kiosk(page).getAttribute('data-wake-lock')).toBe('held');
    expect(await kiosk(page).getAttribute('data-wake-granted')).toBe('2');

    // A reload, or an address typed for another view, stays in kiosk mode.
    await page.goto(`${env.app.url}/#/settings`);
    await kiosk(page).waitFor();
    expect(await page.getByRole('heading', { name: 'Settings' }).count()).toBe(0);
    await expect.poll(() => kiosk(page).getAttribute('data-wake-lock')).toBe('held');

    // A wrong PIN is refused; the right one leaves, to Settings.
    expect(await tryLeave(page, '0000')).toBe('Wrong PIN.');
    expect(await tryLeave(page, PIN)).toBe('');
    await page.getByRole('navigation').waitFor();
    expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();

    // Erase everything asks for the same PIN and does nothing on a wrong one.
    await page.getByRole('button', { name: 'Erase everything' }).click();
    const erase = page.getByRole('dialog', { name: 'Erase everything on this device?' });
    await erase.getByLabel('PIN').fill('1111');
    await erase.getByRole('button', { name: 'Erase everything' }).click();
    await erase.getByRole('alert').filter({ hasText: 'Wrong PIN.' }).waitFor();
    await erase.getByRole('button', { name: 'Keep my data' }).click();
    await page.getByRole('form', { name: 'Kiosk mode' }).getByText('A PIN is set.').waitFor();

    // Two more wrong PINs (three in a row with the one above): the next is not even checked, the
    // right one included, and a reload does not reset the count.
    await page.getByRole('form', { name: 'Kiosk mode' }).getByRole('button', { name: 'Start kiosk mode' }).click();
    await kiosk(page).waitFor();
    expect(await tryLeave(page, '2222')).toBe('Wrong PIN.');
    expect(await tryLeave(page, '3333')).toMatch(/^Too many wrong PINs\. Try again in (29|30) s\.$/);
    expect(await tryLeave(page, PIN)).toMatch(/^Too many wrong PINs\. Try again in \d+ s\.$/);
    await page.reload();
    await kiosk(page).waitFor();
    expect(await tryLeave(page, PIN)).toMatch(/^Too many wrong PINs\. Try again in \d+ s\.$/);
    // The wait is real time: once it is over, the right PIN leaves.
    const lockedUntil = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('hearth-settings');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const value = await new Promise<{ kioskAttempts: { lockedUntil: number } }>((resolve) => {
        const req = db.transaction('kv').objectStore('kv').get('settings');
        req.onsuccess = () => resolve(req.result);
      });
      db.close();
      return value.kioskAttempts.lockedUntil;
    });
    await page.waitForFunction((until) => Date.now() > until, lockedUntil, { timeout: 40_000, polling: 500 });
    expect(await tryLeave(page, PIN)).toBe('');

    // The manifest's shortcut (and a bookmark) open straight into kiosk mode; the address then drops
    // the request, so leaving and reloading stays out.
    await page.goto(`${env.app.url}/?mode=kiosk#/talk`);
    await kiosk(page).waitFor();
    expect(new URL(page.url()).search).toBe('');
  });

  test('timers going off on the ambient screen ring and are said aloud, and leave no DOM behind', async () => {
    const session = env.use(await freshSession(env.app.url, env.mirror.url));
    const { page } = session;
    await page.setViewportSize(TABLET);
    await setPinAndStart(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    const domNodes = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Memory.getDOMCounters')).nodes;
    };
    const timers = kiosk(page).getByRole('region', { name: 'Timers' });
    const nodes: number[] = [];
    for (let ring = 1; ring <= 4; ring++) {
      await composer(page).fill('set a timer for 1 second');
      await composer(page).press('Enter');
      // Heard to the end: the built-in voice, which needs no download, said it after the beeps.
      await expect.poll(() => timers.getAttribute('data-announced'), { timeout: 60_000 }).toBe(String(ring));
      expect(Number(await timers.getAttribute('data-beeps'))).toBe(ring);
      await timers.getByRole('button', { name: 'Dismiss' }).click();
      await timers.waitFor({ state: 'detached' });
      nodes.push(await domNodes());
    }
    // The first ring starts the alert's audio and the built-in voice once; after that a ring and its
    // dismissal leave nothing behind (a kiosk rings timers for days).
    expect(Math.max(...nodes.slice(1)) - nodes[1]!, `DOM nodes after each ring: ${nodes.join(', ')}`).toBeLessThan(40);
  }, 240_000);

  test('listening starts by itself and comes back after the microphone is lost', async () => {
    const silence = joinClips(tmp, 'silence', [30]);
    const session = env.use(await freshSession(env.app.url, env.mirror.url, { fakeMicWav: silence }));
    const { page, context } = session;
    await recordMicStreams(context);
    for (const name of [VAD, WHISPER]) await download(page, name);
    for (const name of [VAD, WHISPER]) await waitForState(page, name, 'ready');
    await page.setViewportSize(TABLET);
    await page.reload(); // the init script applies from this load on
    await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
    await setPinAndStart(page);

    const voice = page.locator('.kiosk-voice');
    await expect.poll(() => voice.getAttribute('data-mic-on'), { timeout: 120_000 }).toBe('true');
    await voice.getByRole('status').filter({ hasText: 'Listening' }).waitFor();
    const opened = () => micStreamsOpened(page);
    expect(await opened()).toBe(1);

    // The microphone goes away (its track ends, as when it is unplugged): said, then opened again.
    await page.evaluate(() => {
      const track = (globalThis as unknown as { __micStreams: MediaStream[] }).__micStreams[0]!.getAudioTracks()[0]!;
      track.stop();
      track.dispatchEvent(new Event('ended'));
    });
    await expect.poll(opened, { timeout: 60_000 }).toBe(2);
    await expect.poll(() => voice.getAttribute('data-mic-on'), { timeout: 60_000 }).toBe('true');
    await voice.getByRole('status').filter({ hasText: 'Listening' }).waitFor();
    expect(await voice.getByRole('alert').count(), 'the problem line goes once listening is back').toBe(0);

    // The page is put away and brought back (headless Chromium neither hides nor freezes a page, even
    // through DevTools' Page.setWebLifecycleState: the test says so itself): on return the app says
    // what became of the voice, which is still listening on the same microphone.
    await setVisibility(page, 'hidden');
    await setVisibility(page, 'visible');
    await page
      .locator('.back-line')
      .getByText(/^Back after \d+ s in the background\. Still listening\./)
      .waitFor();
    expect(await voice.getAttribute('data-mic-on')).toBe('true');
    expect(await opened(), 'the same microphone, not a new one').toBe(2);

    // Leaving kiosk mode lets the microphone go: listening was the kiosk's doing.
    expect(await tryLeave(page, PIN)).toBe('');
    await expect
      .poll(() =>
        page.evaluate(() =>
          (globalThis as unknown as { __micStreams: MediaStream[] }).__micStreams.every((s) =>
            s.getAudioTracks().every((t) => t.readyState === 'ended'),
          ),
        ),
      )
      .toBe(true);
  });

  test('after the speech worker fails mid-session, listening comes back by itself and the next question is answered', async () => {
    // The fake microphone plays its file from the start each time the app opens it: a question 20 s
    // in (time for the test to arm the fault once listening has begun), then silence.
    const mic = joinClips(tmp, 'fault', [20, path.join(audioDir, 'LDC93S1.wav'), 20]);
    const session = env.use(await freshSession(env.app.url, env.mirror.url, { fakeMicWav: mic }));
    const { page, context } = session;
    await recordMicStreams(context);
    for (const name of [VAD, WHISPER, STORIES]) await download(page, name);
    for (const name of [VAD, WHISPER, STORIES]) await waitForState(page, name, 'ready');
    await setVoiceSettings(page, { speak: false });
    await page.setViewportSize(TABLET);
    await page.reload(); // the init script applies from this load on
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const problems = await keepTexts(page, '.kiosk-voice [role="alert"]');
    await setPinAndStart(page);
    const voice = page.locator('.kiosk-voice');
    await voice.getByRole('status').filter({ hasText: 'Listening' }).waitFor({ timeout: 120_000 });
    // One fault in the real Whisper worker, armed now that its model is loaded and warmed up: the
    // next transcription throws, as a model run that breaks while listening would.
    const whisperWorkers = page.workers().filter((w) => /\/speech-(?!vad)[^/]*\.js/.test(w.url()));
    expect(whisperWorkers.map((w) => w.url())).toHaveLength(1);
    await whisperWorkers[0]!.evaluate(`(() => {
      const real = performance.now.bind(performance);
      performance.now = () => {
        if ((new Error().stack ?? '').includes('transcribe')) {
          performance.now = real;
          throw new Error('injected fault');
        }
        return real();
      };
    })()`);
    const opened = () => micStreamsOpened(page);

    // The first question broke the worker: said on the screen, the microphone closed and opened
    // again, and the question the file plays again is heard and answered.
    await expect
      .poll(() => kiosk(page).locator('.kiosk-answer').getAttribute('data-answers'), { timeout: 240_000 })
      .toBe('1')
      .catch(async (e: Error) => {
        throw new Error(`${e.message}\nproblems: ${(await problems()).join(' | ')}; microphones opened: ${await opened()}`);
      });
    expect(await problems()).toEqual(['Listening stopped: Transcription failed: injected fault']);
    expect(await opened()).toBe(2);
    expect(await voice.getAttribute('data-mic-on')).toBe('true');
    expect(await voice.getByRole('alert').count(), 'the problem line goes once listening is back').toBe(0);
    await expectNoCspViolations(page);
  }, 420_000);

  test('with the wake word chosen, the kiosk waits for "hey Mycroft" and answers what follows it', async () => {
    // The fake microphone plays its file from the start each time the app opens it: the wake word a
    // second in, a request after it, then a long silence.
    const mic = joinClips(tmp, 'wake', [
      1,
      path.join(audioDir, 'oww_hey_mycroft_test.wav'),
      0.6,
      path.join(audioDir, 'LDC93S1.wav'),
      40,
    ]);
    const session = env.use(await freshSession(env.app.url, env.mirror.url, { fakeMicWav: mic }));
    const { page } = session;
    for (const name of [VAD, WHISPER, STORIES, MYCROFT]) await download(page, name);
    for (const name of [VAD, WHISPER, STORIES, MYCROFT]) await waitForState(page, name, 'ready');
    await setVoiceSettings(page, { mode: 'Wake word', wake: MYCROFT, speak: false });
    await page.setViewportSize(TABLET);
    // Every text the kiosk's voice line shows, kept: "Waiting for …" can be gone before a locator looks.
    const voiceTexts = await keepTexts(page, '.kiosk-voice [role="status"]');
    await setPinAndStart(page);
    // Listening began by itself, in wake-word mode (not turned into hands-free), and what followed the
    // word became a question and an answer on the ambient screen.
    await expect
      .poll(() => kiosk(page).locator('.kiosk-answer').getAttribute('data-answers'), { timeout: 240_000 })
      .toBe('1')
      .catch(async (e: Error) => {
        throw new Error(`${e.message}\nvoice line: ${(await voiceTexts()).join(' | ')}`);
      });
    const texts = await voiceTexts();
    const waited = texts.indexOf('Waiting for “hey Mycroft”');
    expect(waited, texts.join(' | ')).toBeGreaterThanOrEqual(0);
    expect(texts.indexOf('Listening…', waited), texts.join(' | ')).toBeGreaterThan(waited);
    expect(await page.locator('.kiosk-voice').getAttribute('data-mic-on')).toBe('true');
    await expectNoCspViolations(page);
  }, 420_000);

  test('in Chinese, on a phone and a tablet: the ambient screen in Chinese, axe finds nothing', async () => {
    const launched = await launchBrowser({ webgpu: false, locale: 'zh-CN' });
    try {
      const guard = await offNetworkGuard(launched.context);
      const page = await openApp(launched.context, env.app.url, '#/talk');
      await page.goto(`${env.app.url}/?mode=kiosk`);
      await page.getByRole('button', { name: '离开展台模式' }).waitFor();
      await page.locator('.kiosk-answer-text').getByText('问点什么吧', { exact: false }).waitFor();
      for (const size of [{ width: 390, height: 844 }, TABLET]) {
        await page.setViewportSize(size);
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          const violations = await runAxe(page);
          expect(violations, formatAxe(violations)).toEqual([]);
          await page.screenshot({ path: path.join(shots, `zh-${size.width}-${scheme}.png`), scale: 'css' });
        }
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
          'no sideways scrolling',
        ).toBe(true);
      }
      await page.getByRole('button', { name: '离开展台模式' }).click();
      const dialog = page.getByRole('dialog', { name: '离开展台模式' });
      await dialog.getByText('尚未设置 PIN').waitFor();
      await dialog.getByRole('button', { name: '离开', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: '设置' }).waitFor();
      expect(guard.blocked).toEqual([]);
      await expectNoCspViolations(page);
    } finally {
      await launched.close();
    }
  });
});
