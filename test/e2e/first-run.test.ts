// First run in real Chromium against the built app: a fresh profile opened without a route shows
// "Set up Hearth on this device" with the set recommended for this device, downloads it from the
// local mirror with one progress bar (pause, resume, a failed file retried), and Talk answers a
// typed question and, on a 390×844 touch phone, a spoken one through the fake microphone. Skip goes
// to Models and is remembered; the install offer follows the browser's beforeinstallprompt event.
// "Show test models" is on (as in every model test), so the set is the fixture set the mirror
// serves: stories260K (real, tiny), random-weight Whisper and Kokoro, and the real Silero VAD. The
// random weights prove the plumbing, not the quality of what is heard or said.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { formatAxe, launchBrowser, offNetworkGuard, runAxe } from '../support/browser';
import { watchContext } from '../support/page-guards';
import { openApp, useMirror, waitForServiceWorker } from '../support/app-page';
import { modelTestEnv } from '../support/model-test-env';
import { download, waitForState, type Session } from '../support/models-page';
import { answers, ask, composer, questions, settledAnswer } from '../support/talk-page';
import { audioDir } from '../support/paths';
import { joinClips } from '../support/speech-audio';
import { recordVoiceStates, voiceBar } from '../support/voice-page';

const SETUP = 'Set up Hearth on this device';
const SET = ['Test: stories260K (TinyStories)', 'Silero VAD v6', 'Test: tiny random Whisper (q8)', 'Test: tiny random Kokoro'];
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1';

const env = modelTestEnv();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-first-run-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });
const setupList = (page: Page) => page.getByRole('list', { name: SETUP });
const progressBar = (page: Page) => page.getByRole('progressbar', { name: 'Setup download' });

/** A fresh profile pointed at the mirror with test models on (through Settings, opened by its
 *  route), then the app opened as a person first opens it: its address, no route. */
async function firstOpen({ phone = false, fakeMicWav }: { phone?: boolean; fakeMicWav?: string } = {}): Promise<Session> {
  const launched = await launchBrowser({ webgpu: false, ...(fakeMicWav ? { fakeMicWav } : {}) });
  let context: BrowserContext = launched.context;
  let release = () => {};
  if (phone) {
    context = await launched.browser!.newContext(PHONE);
    release = (await watchContext(context)).release;
  }
  const guard = await offNetworkGuard(context);
  const page = await openApp(context, env.app.url, '#/settings');
  await waitForServiceWorker(page);
  await useMirror(page, env.app.url, env.mirror.url);
  await page.goto(`${env.app.url}/`);
  await heading(page, SETUP).waitFor();
  const close = async () => {
    release();
    if (phone) await context.close();
    await launched.close();
  };
  return env.use({ launched, context, page, guard, close });
}

/** Waits until the set's one progress bar shows every byte and the screen offers Talk. */
async function waitReady(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Start talking' }).waitFor({ timeout: 120_000 });
  const [value, max] = await Promise.all([progressBar(page).getAttribute('value'), progressBar(page).getAttribute('max')]);
  expect(Number(value)).toBe(Number(max));
}

describe('first run', () => {
  test('setup offers the set with sizes, licences and reasons, downloads it with one bar, and Talk answers', async () => {
    const { page } = await firstOpen();
    const list = setupList(page);
    for (const name of SET) await list.getByText(name, { exact: true }).waitFor();
    expect(await list.getByRole('listitem').count()).toBe(4);
    const text = await list.innerText();
    expect(text).toContain('runs on the CPU (llama.cpp)');
    expect(text).toContain('This browser offers no WebGPU');
    expect(text).toContain('A test fixture: proves the plumbing only.');
    expect(await list.getByRole('link', { name: /^MIT/ }).count()).toBeGreaterThan(0); // licences link out
    expect(await page.getByText(/^Download: [\d.]+ MB · Free space: /).count()).toBe(1);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(formatAxe(await runAxe(page)), `setup ${scheme}`).toBe('');
    }

    await page.getByRole('button', { name: 'Keep the models on this device' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /The browser (will keep them|did not promise)/ })
      .waitFor();

    // A file of the set arrives damaged once: the screen says which, keeps the rest, and Try again
    // fetches only what is missing.
    env.mirror.fault({ match: /tiny-random-kokoro\/resolve\/main\/onnx\/model\.onnx$/, kind: 'corrupt', times: 1 });
    await page.getByRole('button', { name: 'Download and set up' }).click();
    await progressBar(page).waitFor();
    const failure = page.getByRole('alert').filter({ hasText: 'Test: tiny random Kokoro' });
    await failure.waitFor({ timeout: 120_000 });
    expect(await failure.innerText()).toMatch(/onnx\/model\.onnx/);
    expect(await progressBar(page).count()).toBe(1); // one bar for the whole set, also with a failure
    await page.getByRole('button', { name: 'Try again' }).click();
    await waitReady(page);
    expect(await page.getByRole('progressbar').count()).toBe(1);
    for (const state of await list.locator('[data-state]').all()) expect(await state.getAttribute('data-state')).toBe('ready');

    await page.getByRole('link', { name: 'Start talking' }).click();
    await heading(page, 'Talk').waitFor();
    await voiceBar(page).waitFor(); // the voice is set up: VAD and Whisper are stored
    await ask(page, 'Once upon a time');
    const answer = await settledAnswer(page);
    expect(answer.status).toBe('complete');
    expect(answer.text.length).toBeGreaterThan(0);

    // Setup is done: opening the app again goes straight to Talk.
    // The page it leaves still holds three workers with models in them: on a loaded machine the new
    // one can take a while to show.
    await page.goto(`${env.app.url}/`);
    await heading(page, 'Talk').waitFor({ timeout: 120_000 });
    expect(page.url()).not.toContain('#/setup');
  });

  test('pause and resume: the bar stops, the bytes stay, and the rest comes with a Range request', async () => {
    const { page } = await firstOpen();
    // The language model trickles in, so there is time to pause it mid-file.
    env.mirror.fault({ match: /stories260K\.gguf$/, kind: 'slow', bytesPerSecond: 100_000 });
    await page.getByRole('button', { name: 'Download and set up' }).click();
    await expect.poll(() => env.mirror.bytesSent(/stories260K\.gguf$/), { timeout: 60_000 }).toBeGreaterThan(100_000);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('status').filter({ hasText: 'Paused. What is downloaded so far is kept.' }).waitFor({ timeout: 60_000 });
    const llm = setupList(page).getByRole('listitem').filter({ hasText: SET[0]! });
    expect(await llm.locator('[data-state]').getAttribute('data-state')).toBe('paused');
    const stored = Number(await progressBar(page).getAttribute('value'));
    expect(stored).toBeLessThan(Number(await progressBar(page).getAttribute('max')));

    env.mirror.clearFaults();
    env.mirror.resetLog();
    await page.getByRole('button', { name: 'Resume' }).click();
    await waitReady(page);
    const ranged = env.mirror.requests.filter((r) => r.method === 'GET' && /stories260K\.gguf$/.test(r.path));
    expect(ranged.length).toBe(1);
    expect(ranged[0]!.range).toMatch(/^bytes=[1-9]\d*-$/); // from the bytes kept, not from 0
  });

  test('a profile that already has a language model (chosen by hand) opens on Talk, not setup', async () => {
    const launched = await launchBrowser({ webgpu: false });
    const guard = await offNetworkGuard(launched.context);
    const page = await openApp(launched.context, env.app.url, '#/settings');
    env.use({ launched, context: launched.context, page, guard, close: () => launched.close() });
    await waitForServiceWorker(page);
    await useMirror(page, env.app.url, env.mirror.url);
    await page.goto(`${env.app.url}/#/models`);
    await heading(page, 'Models').waitFor();
    await download(page, SET[0]!);
    await waitForState(page, SET[0]!, 'ready');
    await page.goto(`${env.app.url}/`);
    await heading(page, 'Talk').waitFor();
    await page.reload();
    await heading(page, 'Talk').waitFor();
    expect(page.url()).not.toContain('#/setup');
  });

  test('skip leads to Models and is remembered; setup stays reachable from Models', async () => {
    const { page } = await firstOpen();
    // Cancel, after a question: the language model's partial bytes go (its whole size is to be
    // downloaded again); parts already stored stay.
    const llm = setupList(page).getByRole('listitem').filter({ hasText: SET[0]! });
    expect(await llm.innerText()).toContain('1.19 MB');
    env.mirror.fault({ match: /stories260K\.gguf$/, kind: 'slow', bytesPerSecond: 50_000 });
    await page.getByRole('button', { name: 'Download and set up' }).click();
    await expect.poll(() => env.mirror.bytesSent(/stories260K\.gguf$/), { timeout: 60_000 }).toBeGreaterThan(100_000);
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel the setup download?' });
    await dialog.getByRole('button', { name: 'Cancel download' }).click();
    await page.getByRole('button', { name: 'Download and set up' }).waitFor();
    expect(await llm.innerText()).toContain('1.19 MB');
    env.mirror.clearFaults();

    await page.getByRole('button', { name: 'Skip, I’ll choose' }).click();
    await heading(page, 'Models').waitFor();
    await page.goto(`${env.app.url}/`);
    await heading(page, 'Talk').waitFor();
    await page.reload();
    await heading(page, 'Talk').waitFor();
    expect(page.url()).not.toContain('#/setup');
    await page.goto(`${env.app.url}/#/models`);
    await page.getByRole('link', { name: /^Set up Hearth on this device/ }).click();
    await heading(page, SETUP).waitFor();
    await setupList(page).getByText(SET[0]!, { exact: true }).waitFor();
  });

  // Loading Whisper and the VAD for the first listen takes minutes on a loaded 2-core machine.
  test('on a 390×844 touch phone: setup, then a spoken question is heard and answered', { timeout: 480_000 }, async () => {
    const mic = joinClips(tmp, 'question', [1, path.join(audioDir, 'LDC93S1.wav'), 40]);
    const { page } = await firstOpen({ phone: true, fakeMicWav: mic });
    await setupList(page).getByText(SET[0]!, { exact: true }).waitFor();
    expect(formatAxe(await runAxe(page)), 'phone setup').toBe('');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scroll').toBe(true);
    await page.getByRole('button', { name: 'Download and set up' }).tap();
    await waitReady(page);
    await page.getByRole('link', { name: 'Start talking' }).tap();
    await heading(page, 'Talk').waitFor();

    // Hash changes, not loads: a load could cut the settings write short.
    await page.evaluate(() => (location.hash = '#/settings'));
    const voiceCard = page.getByRole('region', { name: 'Voice' });
    const handsFree = voiceCard.getByRole('radio', { name: /^Hands-free/ });
    await handsFree.check();
    await expect.poll(() => handsFree.isChecked()).toBe(true);
    // The fake microphone repeats its clip: without this, the repeat would stop the answer being read.
    const bargeIn = voiceCard.getByRole('checkbox', { name: 'Interrupt by talking' });
    await bargeIn.setChecked(false);
    await expect.poll(() => bargeIn.isChecked()).toBe(false);
    await page.evaluate(() => (location.hash = '#/talk'));
    await heading(page, 'Talk').waitFor();
    await recordVoiceStates(page);
    await voiceBar(page).getByRole('button', { name: 'Start listening' }).tap();
    await expect.poll(() => questions(page).count(), { timeout: 300_000, interval: 250 }).toBeGreaterThanOrEqual(1);
    await expect.poll(() => answers(page).first().getAttribute('data-status'), { timeout: 120_000 }).toBe('complete');
    await voiceBar(page).getByRole('button', { name: 'Stop listening' }).tap();
    expect(await composer(page).isVisible()).toBe(true);
  });
});

/** Dispatches what Chromium fires when the app can be installed; its prompt() records the click. */
const offerInstall = (page: Page) =>
  page.evaluate(() => {
    const event = new Event('beforeinstallprompt', { cancelable: true });
    Object.assign(event, {
      prompt: async () => {
        const w = window as unknown as { __prompts?: number };
        w.__prompts = (w.__prompts ?? 0) + 1;
      },
      userChoice: Promise.resolve({ outcome: 'accepted' }),
    });
    dispatchEvent(event);
    return event.defaultPrevented;
  });

/** Two frames: whatever the event changed is on screen. */
const rendered = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

describe('install offer', () => {
  test('an Install app button while the browser offers it, gone after prompting or once installed', async () => {
    // An incognito profile: Chromium never offers installing here, so the event is the test's.
    const launched = await launchBrowser({ webgpu: false });
    try {
      const page = await openApp(launched.context, env.app.url, '#/talk');
      const install = page.getByRole('button', { name: 'Install app' });
      expect(await install.count()).toBe(0);
      expect(await offerInstall(page)).toBe(true); // the mini-infobar is held back for the app's own button
      await install.click();
      await expect.poll(() => page.evaluate(() => (window as unknown as { __prompts?: number }).__prompts)).toBe(1);
      await install.waitFor({ state: 'detached' }); // a prompt event is used once

      await offerInstall(page);
      await install.waitFor();
      await page.evaluate(() => dispatchEvent(new Event('appinstalled')));
      await install.waitFor({ state: 'detached' });
    } finally {
      await launched.close();
    }
  });

  test('Chromium offers installing on its own; running installed (standalone) nothing is offered', async () => {
    // A profile on disk: there Chromium finds the app installable and fires beforeinstallprompt itself.
    const dir = fs.mkdtempSync(path.join(tmp, 'profile-'));
    const launched = await launchBrowser({ webgpu: false, persistentDir: dir });
    try {
      const page = await openApp(launched.context, env.app.url, '#/talk');
      await waitForServiceWorker(page);
      const install = page.getByRole('button', { name: 'Install app' });
      await install.waitFor({ timeout: 60_000 });

      // Installed, and this page moved into the app's window. DevTools' media emulation has no
      // display-mode (Chromium 156 ignores it), so the app is really installed (DevTools' PWA domain).
      const cdp = await launched.context.newCDPSession(page);
      const manifestId = `${env.app.url}/`; // the manifest has no id: its start_url, resolved
      await cdp.send('PWA.install', { manifestId, installUrlOrBundleUrl: `${env.app.url}/` });
      await cdp.send('PWA.openCurrentPageInApp', { manifestId });
      await expect.poll(() => page.evaluate(() => matchMedia('(display-mode: standalone)').matches)).toBe(true);
      await install.waitFor({ state: 'detached' });
      await offerInstall(page);
      await rendered(page);
      expect(await install.count()).toBe(0);
    } finally {
      await launched.close();
    }
  });

  test('iOS Safari gets the Add to Home Screen hint on the setup screen; in Chinese, axe finds nothing', async () => {
    const launched = await launchBrowser({ webgpu: false, locale: 'zh-CN' });
    const context = await launched.browser!.newContext({ ...PHONE, userAgent: IPHONE_UA, locale: 'zh-CN' });
    const guard = await offNetworkGuard(context);
    try {
      const page = await openApp(context, env.app.url, '#/setup');
      await heading(page, '在此设备上设置 Hearth').waitFor();
      await page.getByText('要安装 Hearth，请轻点“共享”，再选“添加到主屏幕”。').waitFor();
      // The real catalog (test models off): Kokoro speaks English only, so the built-in voice speaks Chinese.
      const list = page.getByRole('list', { name: '在此设备上设置 Hearth' });
      await list.getByText('Kokoro 只会说英语，因此由内置语音说这种语言。', { exact: false }).waitFor();
      expect(await list.innerText()).toContain('iPhone');
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        expect(formatAxe(await runAxe(page)), `zh-CN iOS setup ${scheme}`).toBe('');
      }
      expect(guard.blocked).toEqual([]);
    } finally {
      await context.close();
      await launched.close();
    }
  });
});
