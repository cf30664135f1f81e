// Drives the Models view by role and name, as a person would (test tooling, not product code).
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser, offNetworkGuard, type LaunchedBrowser, type NetworkGuard } from './browser';
import { openApp, useMirror, waitForServiceWorker } from './app-page';

export interface Session {
  launched: LaunchedBrowser;
  context: BrowserContext;
  page: Page;
  guard: NetworkGuard;
  close(): Promise<void>;
}

/** A fresh profile (empty IndexedDB) with the app installed and pointed at the mirror. */
export async function freshSession(
  appUrl: string,
  mirrorUrl: string,
  {
    webgpu = false,
    quotaBytes,
    fakeMicWav,
    denyMic,
    noMic,
  }: { webgpu?: boolean; quotaBytes?: number; fakeMicWav?: string; denyMic?: boolean; noMic?: boolean } = {},
): Promise<Session> {
  // noMic: permission is granted but there is no capture device at all (headless has none of its own).
  const launched = await launchBrowser({
    webgpu,
    ...(fakeMicWav ? { fakeMicWav, denyMic } : {}),
    ...(noMic ? { args: ['--use-fake-ui-for-media-stream'] } : {}),
  });
  const guard = await offNetworkGuard(launched.context);
  // Chromium applies an overridden quota to storage opened after it (and estimate() still reports
  // the real one), so it is set before the app's first visit.
  if (quotaBytes !== undefined) {
    const blank = await launched.context.newPage();
    const cdp = await launched.context.newCDPSession(blank);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(appUrl).origin, quotaSize: quotaBytes });
  }
  const page = await openApp(launched.context, appUrl, '#/settings');
  await waitForServiceWorker(page);
  await useMirror(page, appUrl, mirrorUrl);
  await page.goto(`${appUrl}/#/models`);
  await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
  return { launched, context: launched.context, page, guard, close: () => launched.close() };
}

/** What a fresh profile stores once the app is installed and pointed at the mirror (shell + runtimes). */
export async function installedUsage(appUrl: string, mirrorUrl: string): Promise<number> {
  const session = await freshSession(appUrl, mirrorUrl);
  try {
    return await session.page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  } finally {
    await session.close();
  }
}

export const card = (page: Page, name: string): Locator => page.getByRole('article', { name, exact: true });
export const stateLine = (page: Page, name: string): Locator => card(page, name).locator('p.model-state');
export const button = (page: Page, verb: string, name: string): Locator =>
  page.getByRole('button', { name: `${verb} ${name}`, exact: true });

/** Reloads the page and waits for the Models view to be back. */
export async function reloadModels(page: Page): Promise<void> {
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
}

export async function waitForState(page: Page, name: string, state: string, timeout = 90_000): Promise<void> {
  await card(page, name).locator(`p.model-state[data-state="${state}"]`).waitFor({ timeout });
}

/** Clicks Download and accepts the licence dialog when it is shown (first download only). */
export async function download(page: Page, name: string, { expectLicence = true } = {}): Promise<void> {
  await button(page, 'Download', name).click();
  if (!expectLicence) return;
  const dialog = page.getByRole('dialog', { name: `Licence of ${name}` });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Accept and download', exact: true }).click();
}

/** Presses "Test on this device: {name}" and waits for the outcome: the status line, and the text a
 *  language model wrote (empty for other models). Throws with the alert's text when the check failed. */
export async function runCheck(page: Page, name: string, timeout = 120_000): Promise<{ status: string; sample: string }> {
  const box = card(page, name).locator('.model-check');
  await page.getByRole('button', { name: `Test on this device: ${name}`, exact: true }).click();
  const outcome = box.locator('p.ok[role="status"], p.error[role="alert"]');
  await outcome.waitFor({ timeout });
  const text = await outcome.innerText();
  if ((await outcome.getAttribute('role')) === 'alert') throw new Error(text);
  const sample = box.locator('blockquote.sample');
  return { status: text, sample: (await sample.count()) > 0 ? await sample.innerText() : '' };
}

/** The figures of a language-model check line ("Works: N tokens/s, first token after X ms (loaded
 *  in Y ms; CPU threads: T)."), or null when the line is not one. */
export function llmCheck(status: string): { tokensPerSecond: number; ttftMs: number; loadMs: number; threads: number } | null {
  const m = /([\d.]+) tokens\/s, first token after (\d+) ms \(loaded in (\d+) ms; CPU threads: (\d+)\)/.exec(status);
  return m ? { tokensPerSecond: Number(m[1]), ttftMs: Number(m[2]), loadMs: Number(m[3]), threads: Number(m[4]) } : null;
}
