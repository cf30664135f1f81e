// Hearth on phones and tablets, in real Chromium with mobile emulation (isMobile, touch, device pixel
// ratio): 390×844 and 320×640 phones, an 820×1180 tablet, a 1280×800 desktop. No sideways scrolling,
// targets of at least 44 px, 200 % text, Talk's drawer, the composer over an on-screen keyboard, touch
// hold-to-talk, axe in both schemes and languages, screenshots for a person to look at, and the app
// coming back from the background.
//
// What is emulated: the on-screen keyboard is the viewport growing shorter with the page laid out
// again, which is what Chromium on Android does with `interactive-widget=resizes-content` (headless
// Chromium has no keyboard). The VisualViewport fallback for browsers that lay the keyboard over the
// page (iOS Safari) is unit-tested (test/core/keyboard-inset.test.ts); here it must stay at 0. 200 %
// text is the browser's default font size at 32 px (DevTools Page.setFontSizes, as Chrome's font
// size setting). Touches are real touch events through DevTools Input.dispatchTouchEvent. The
// background is the back/forward cache: leaving and coming back hides, freezes, resumes and shows
// the very same page (pagehide/pageshow with persisted), which is what a phone does to a suspended tab.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as appServer from '../support/app-server';
import { chromiumPath, expectNoCspViolations, formatAxe, offNetworkGuard, runAxe } from '../support/browser';
import { openApp, useMirror, waitForServiceWorker } from '../support/app-page';
import { audioDir } from '../support/paths';
import { joinClips } from '../support/speech-audio';
import { download, freshSession, waitForState } from '../support/models-page';
import { modelTestEnv } from '../support/model-test-env';
import { answers, ask, composer, openTalk, settledAnswer } from '../support/talk-page';
import { voiceBar } from '../support/voice-page';
import {
  clippedText,
  deviceContext,
  DESKTOP,
  onScreenAndUncovered,
  PHONE,
  screenshot,
  screenshotDir,
  showView,
  sidewaysOverflow,
  smallTargets,
  SMALL_PHONE,
  TABLET,
  VIEWS,
  type Device,
} from '../support/phone-layout';

const HEADINGS_EN: Record<string, string> = {
  talk: 'Talk',
  models: 'Models',
  knowledge: 'Knowledge',
  devices: 'Devices',
  settings: 'Settings',
};

describe('phone layout, no models', () => {
  let app: appServer.AppServer;
  let browser: Browser;

  beforeAll(async () => {
    app = await appServer.start();
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function openOn(device: Device, { locale, colorScheme }: { locale?: string; colorScheme?: 'light' | 'dark' } = {}) {
    const context = await deviceContext(browser, device, {
      ...(locale ? { locale } : {}),
      ...(colorScheme ? { colorScheme } : {}),
    });
    const guard = await offNetworkGuard(context);
    const page = await context.newPage();
    return { context, guard, page };
  }

  test('at 320 and 390 px no view scrolls sideways and every target is at least 44 × 44 px', async () => {
    for (const device of [SMALL_PHONE, PHONE]) {
      const { context, guard, page } = await openOn(device);
      expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
      for (const view of VIEWS) {
        await showView(page, app.url, view);
        expect(await sidewaysOverflow(page), `${device.name} ${view}`).toEqual([]);
        expect(await smallTargets(page), `${device.name} ${view}`).toEqual([]);
      }
      // The drawer's controls too.
      await showView(page, app.url, 'talk');
      await page.getByRole('button', { name: 'Conversations and model' }).click();
      await page.getByRole('dialog', { name: 'Conversations and model' }).waitFor();
      expect(await sidewaysOverflow(page), `${device.name} drawer`).toEqual([]);
      expect(await smallTargets(page), `${device.name} drawer`).toEqual([]);
      expect(guard.blocked).toEqual([]);
      await context.close();
    }
  });

  test('at 200 % text nothing scrolls sideways or is cut off, at 320 and 390 px', async () => {
    for (const device of [SMALL_PHONE, PHONE]) {
      const { context, page } = await openOn(device);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Page.enable');
      const problems: string[] = [];
      for (const view of VIEWS) {
        await showView(page, app.url, view);
        // Set again after each navigation: a page can move to a new renderer (cross-origin
        // isolation), and Chromium does not always carry the override over.
        await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
        // The app's text follows the browser's font size (no fixed pixel root size).
        await expect
          .poll(() => page.evaluate(() => getComputedStyle(document.body).fontSize), {
            message: `${device.name} ${view}`,
          })
          .toBe('32px');
        const found = [...(await sidewaysOverflow(page)), ...(await clippedText(page)), ...(await smallTargets(page))];
        problems.push(...found.map((p) => `${view}: ${p}`));
        await screenshot(page, `${device.name}-text-200-${view}`);
      }
      expect(problems, `200 % text, ${device.name}`).toEqual([]);
      await context.close();
    }
  });

  test('Talk on a phone: history and engine in a drawer with focus kept inside; desktop unchanged', async () => {
    const { context, page } = await openOn(PHONE);
    await showView(page, app.url, 'talk');
    // Conversation first: no list, no model picker on the page itself.
    expect(await page.getByRole('navigation', { name: 'Conversations' }).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Model' }).count()).toBe(0);
    const opener = page.getByRole('button', { name: 'Conversations and model' });
    expect(await opener.getAttribute('aria-haspopup')).toBe('dialog');
    expect(await opener.getAttribute('aria-expanded')).toBe('false');
    await opener.focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: 'Conversations and model' });
    await drawer.waitFor();
    expect(await opener.getAttribute('aria-expanded')).toBe('true');
    await drawer.getByRole('navigation', { name: 'Conversations' }).waitFor();
    await drawer.getByRole('combobox', { name: 'Model' }).waitFor();
    // Focus went into the drawer and stays there, forwards and backwards.
    const focusInside = () => page.evaluate(() => !!document.activeElement?.closest('dialog[open]'));
    expect(await focusInside()).toBe(true);
    const stops = await drawer.locator('button:not([disabled]), input, select').count();
    for (let i = 0; i < stops * 2 + 1; i++) {
      await page.keyboard.press('Tab');
      expect(await focusInside(), `Tab ${i + 1}`).toBe(true);
    }
    for (let i = 0; i < stops + 1; i++) {
      await page.keyboard.press('Shift+Tab');
      expect(await focusInside(), `Shift+Tab ${i + 1}`).toBe(true);
    }
    expect(await page.evaluate(() => document.querySelector('dialog.drawer')?.matches(':modal'))).toBe(true);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await opener.getAttribute('aria-expanded')).toBe('false');
    // The close button and a tap on the backdrop close it too.
    await opener.click();
    await drawer.getByRole('button', { name: 'Close' }).click();
    await drawer.waitFor({ state: 'detached' });
    await opener.click();
    await drawer.waitFor();
    await page.touchscreen.tap(200, 20); // above the sheet
    await drawer.waitFor({ state: 'detached' });
    await context.close();

    // From the tablet up: the list beside the chat, the picker above it, no drawer button.
    for (const device of [TABLET, DESKTOP]) {
      const wide = await openOn(device);
      await showView(wide.page, app.url, 'talk');
      await wide.page.getByRole('navigation', { name: 'Conversations' }).waitFor();
      await wide.page.getByRole('combobox', { name: 'Model' }).waitFor();
      expect(await wide.page.getByRole('button', { name: 'Conversations and model' }).count()).toBe(0);
      await wide.context.close();
    }
  });

  test('the composer stays in view and uncovered when the keyboard takes the bottom of the screen', async () => {
    for (const device of [PHONE, SMALL_PHONE]) {
      const { context, page } = await openOn(device);
      await showView(page, app.url, 'talk');
      const box = composer(page);
      const { width, height } = device.options.viewport!;
      // The empty Talk view of a fresh profile has no model: its composer is shown, disabled.
      const before = await onScreenAndUncovered(box);
      expect(before.bottom).toBeLessThanOrEqual(before.viewport);
      expect(before.hit).toBe(true);
      // Thumb reach: the composer is in the bottom quarter of the screen.
      expect(before.top).toBeGreaterThan(height * 0.6);
      // A keyboard of 40 % of the screen (about 336 px on the 844 px phone): the page is laid out again.
      await page.setViewportSize({ width, height: Math.round(height * 0.6) });
      await expect.poll(() => page.evaluate(() => innerHeight)).toBe(Math.round(height * 0.6));
      const after = await onScreenAndUncovered(box);
      expect(after.bottom, device.name).toBeLessThanOrEqual(after.viewport);
      expect(after.top, device.name).toBeGreaterThanOrEqual(0);
      expect(after.hit, `${device.name}: something lies over the composer`).toBe(true);
      // The browser did the resizing: the overlay fallback adds nothing on top.
      expect(
        await page.evaluate(
          () => getComputedStyle(document.documentElement).getPropertyValue('--keyboard-inset').trim() || '0px',
        ),
      ).toBe('0px');
      expect(await sidewaysOverflow(page)).toEqual([]);
      await context.close();
    }
  });

  test('axe finds nothing on any view at phone size, light and dark, English and Chinese', async () => {
    for (const locale of ['en-US', 'zh-CN']) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const { context, page } = await openOn(PHONE, { locale, colorScheme });
        for (const view of VIEWS) {
          await showView(page, app.url, view);
          if (locale === 'en-US') await page.getByRole('heading', { level: 1, name: HEADINGS_EN[view] }).waitFor();
          else expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
          expect(formatAxe(await runAxe(page)), `${locale} ${colorScheme} ${view}`).toBe('');
        }
        // The drawer open, too.
        await showView(page, app.url, 'talk');
        await page.locator('.drawer-button').click();
        await page.locator('dialog.drawer[open]').waitFor();
        expect(formatAxe(await runAxe(page)), `${locale} ${colorScheme} drawer`).toBe('');
        await context.close();
      }
    }
  });

  test('screenshots of every view at phone, tablet and desktop sizes go to test-results/', async () => {
    const written: string[] = [];
    for (const device of [PHONE, SMALL_PHONE, TABLET, DESKTOP]) {
      const { context, page } = await openOn(device);
      for (const view of VIEWS) {
        await showView(page, app.url, view);
        written.push(await screenshot(page, `${device.name}-${view}`));
      }
      if (device === PHONE || device === SMALL_PHONE) {
        await showView(page, app.url, 'talk');
        await page.getByRole('button', { name: 'Conversations and model' }).click();
        await page.getByRole('dialog').waitFor();
        written.push(await screenshot(page, `${device.name}-talk-drawer`));
      }
      await context.close();
    }
    for (const file of written) expect(fs.statSync(file).size).toBeGreaterThan(1000);
    expect(path.relative(process.cwd(), screenshotDir)).toMatch(/^test-results/);
  });
});

const VAD = 'Silero VAD v6';
const WHISPER = 'Test: tiny random Whisper (q8)';
const STORIES = 'Test: stories260K (TinyStories)';

describe('phone with models (fake microphone, CPU engines)', () => {
  const env = modelTestEnv();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-phone-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** The running desktop session becomes a 390×844 touch phone (DevTools device emulation). */
  async function becomePhone(page: Page, height = 844): Promise<CDPSession> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 390, height, deviceScaleFactor: 3, mobile: true });
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
    await expect.poll(() => page.evaluate(() => innerWidth)).toBe(390);
    return cdp;
  }

  async function centre(page: Page, selector: string): Promise<{ x: number; y: number }> {
    const r = await page.locator(selector).evaluate((el) => {
      const b = el.getBoundingClientRect();
      return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    });
    return r;
  }

  test('touch hold-to-talk listens while held, without selecting text or opening a menu; the keyboard leaves the composer in view', async () => {
    const mic = joinClips(tmp, 'phone-hold', [1, path.join(audioDir, 'LDC93S1.wav'), 5]);
    const session = env.use(await freshSession(env.app.url, env.mirror.url, { webgpu: false, fakeMicWav: mic }));
    const { page } = session;
    for (const name of [VAD, WHISPER, STORIES]) await download(page, name);
    for (const name of [VAD, WHISPER, STORIES]) await waitForState(page, name, 'ready');
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('spinbutton', { name: 'Longest answer (tokens)' }).fill('24');
    await page.getByRole('button', { name: 'Save assistant settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await openTalk(page);
    const cdp = await becomePhone(page);

    const button = voiceBar(page).getByRole('button', { name: 'Hold to talk' });
    await button.waitFor();
    // Big, at the bottom, within thumb reach.
    const box = (await button.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(56);
    expect(box.width).toBeGreaterThanOrEqual(200);
    expect(box.y).toBeGreaterThan(844 / 2);
    expect(await smallTargets(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toEqual([]);
    // (-webkit-touch-callout is WebKit's alone: Chromium drops it, and its long-press menu is the
    // contextmenu event checked below.)
    const styles = await button.evaluate((el) => {
      const s = getComputedStyle(el);
      return { select: s.userSelect, touch: s.touchAction };
    });
    expect(styles).toEqual({ select: 'none', touch: 'none' });

    await page.evaluate(() => {
      const w = window as unknown as { __menus: boolean[] };
      w.__menus = [];
      addEventListener('contextmenu', (e) => w.__menus.push(e.defaultPrevented));
    });
    const at = await centre(page, '.mic-button');
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: at.x, y: at.y }] });
    // Held: listening, and the microphone's sound reaches the meter (the press lasted well past a
    // long press: the models loaded meanwhile).
    await expect.poll(() => button.getAttribute('aria-pressed'), { timeout: 120_000 }).toBe('true');
    await page.locator('[data-voice-state="listening"]').waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => (document.querySelector<HTMLMeterElement>('meter.mic-level')?.value ?? 0) > 0, null, {
      timeout: 60_000,
    });
    expect(await page.evaluate(() => getSelection()?.toString() ?? '')).toBe('');
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('false');
    await page.locator('.voice-bar:not([data-voice-state="listening"])').waitFor();
    expect(await page.evaluate(() => getSelection()?.toString() ?? '')).toBe('');
    // Any context menu the long press raised was refused.
    expect(await page.evaluate(() => (window as unknown as { __menus: boolean[] }).__menus.every(Boolean))).toBe(true);
    // What was said while held is a question like any other: let its turn end before typing.
    await page.locator('[data-voice-state="idle"]').waitFor({ timeout: 180_000 });
    if ((await answers(page).count()) > 0) await settledAnswer(page);

    // A conversation longer than the screen, then the keyboard.
    for (const q of ['Once upon a time', 'The cat', 'A little girl']) {
      await ask(page, q);
      await settledAnswer(page);
    }
    expect(await answers(page).count()).toBeGreaterThanOrEqual(3);
    const text = composer(page);
    const spot = await centre(page, '#composer-text');
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [spot] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(() => text.evaluate((el) => el === document.activeElement)).toBe(true);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 390, height: 508, deviceScaleFactor: 3, mobile: true });
    await expect.poll(() => page.evaluate(() => innerHeight)).toBe(508);
    const shown = await onScreenAndUncovered(text);
    expect(shown.bottom).toBeLessThanOrEqual(shown.viewport);
    expect(shown.top).toBeGreaterThan(508 / 2);
    expect(shown.hit).toBe(true);
    await screenshot(page, 'phone-390x508-talk-keyboard');
    await ask(page, 'And then?');
    await settledAnswer(page);
    expect(await answers(page).count()).toBeGreaterThanOrEqual(4);
  });

  test('back from the background: a download cut off meanwhile continues, and one line says so', async () => {
    // Playwright turns the back/forward cache off by default; this browser keeps it.
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox'],
      ignoreDefaultArgs: ['--disable-back-forward-cache'],
    });
    try {
      // The browser may still evict a cached page for its own reasons (a reply that reached the page
      // as it was frozen, on a loaded machine): such a try starts again in a fresh profile. A reason
      // that comes from the app itself (an unload handler, a held lock) fails at once.
      const refusals: string[] = [];
      for (let attempt = 1; ; attempt++) {
        const context = await browser.newContext();
        const guard = await offNetworkGuard(context);
        const page = await openApp(context, env.app.url, '#/settings');
        const notUsed = await bfcacheRefusals(context, page);
        await waitForServiceWorker(page);
        await useMirror(page, env.app.url, env.mirror.url);
        await page.goto(`${env.app.url}/#/models`);
        await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
        // The network goes while the download runs (a phone asleep): it stops with its bytes kept.
        await context.setOffline(true);
        await download(page, STORIES);
        await waitForState(page, STORIES, 'failed');
        // Leave once the page is idle, as a person would: fewer replies land on the frozen page.
        await page.evaluate(() => new Promise((done) => requestIdleCallback(done)));
        await page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));
        // The page is put away (hidden, frozen) and brought back; the network is back meanwhile.
        await page.goto(`${env.app.url}/icons/icon.svg`);
        await context.setOffline(false);
        await page.goBack({ waitUntil: 'commit' });
        await page.locator('main h1').waitFor();
        const restored = await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage === true);
        if (!restored) {
          expect(
            notUsed.filter((r) => r.type !== 'Circumstantial'),
            'the app keeps itself out of the cache',
          ).toEqual([]);
          refusals.push(notUsed.map((r) => r.reason).join(', ') || 'no reason given');
          await context.close();
          expect(attempt, `restored, not reloaded, in one of 3 tries (evicted: ${refusals.join('; ')})`).toBeLessThan(3);
          continue;
        }
        const line = page.locator('.back-line[role="status"]');
        await expect
          .poll(() => line.innerText())
          .toMatch(/^Back after \d+ s in the background\. Downloads cut off meanwhile continue from where they stopped: 1\./);
        await waitForState(page, STORIES, 'ready');
        await line.getByRole('button', { name: 'Dismiss' }).click();
        await expect.poll(() => line.innerText()).toBe('');
        expect(guard.blocked).toEqual([]);
        await expectNoCspViolations(page);
        break;
      }
    } finally {
      await browser.close();
    }
  });
});

interface NotRestored {
  type: string;
  reason: string;
}

/** Why the browser did not restore the page from the back/forward cache, as DevTools reports it. */
async function bfcacheRefusals(context: BrowserContext, page: Page): Promise<NotRestored[]> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Page.enable');
  const reasons: NotRestored[] = [];
  cdp.on('Page.backForwardCacheNotUsed', (e) => reasons.push(...e.notRestoredExplanations));
  return reasons;
}
