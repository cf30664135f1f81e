// One fresh browser profile with the app open on Models, pointed at the mirror through Settings as
// a person would. The profile is on disk (a temp dir), not an incognito context: incognito keeps
// IndexedDB in memory, which would flatter the store's write speed and hide its disk use.
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, type LaunchedBrowser } from '../test/support/browser';
import { openApp, useMirror } from '../test/support/app-page';
import type { Servers } from './servers';
import { makeTempDir } from './temp-dirs';
import { say } from './ui-text';

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Shows the Models view (reloading the page when it is already there: a new embed worker). */
  openModels(): Promise<void>;
  close(): Promise<void>;
}

/** `micWav`: Chromium's fake microphone plays this file. The fake device starts it from its beginning
 *  each time the app opens the microphone (checked: the clip's onset came 2.04 s into a
 *  2 s-silence-first file on three reopenings), so every "Start listening" hears the same utterance
 *  at the same moment. */
export async function openSession(
  { app, mirror, trap }: Servers,
  { micWav, beforeVisit }: { micWav?: string; beforeVisit?: (context: BrowserContext) => Promise<void> } = {},
): Promise<Session> {
  const { dir, remove: removeDir } = makeTempDir('hearth-bench-profile-');
  let browser: LaunchedBrowser | undefined;
  try {
    // Only loopback (the app, the mirror) is reachable; the trap refuses and records the rest.
    browser = await launchBrowser({
      webgpu: false,
      persistentDir: dir,
      ...(micWav ? { fakeMicWav: micWav } : {}),
      args: [...trap.args, '--lang=en-US'],
    });
    await beforeVisit?.(browser.context); // e.g. a quota override, which Chromium applies to storage opened after it
    const page = await openApp(browser.context, app.url, '#/settings');
    await useMirror(page, app.url, mirror.url);
    const openModels = async () => {
      if (page.url().endsWith('#/models')) await page.reload();
      else await page.goto(`${app.url}/#/models`);
      await page.getByRole('heading', { level: 1, name: say('nav.models') }).waitFor();
      await page.locator('article.model-card').first().waitFor();
    };
    await openModels();
    const opened = browser;
    return {
      context: opened.context,
      page,
      openModels,
      close: async () => {
        await opened.close().catch(() => {});
        removeDir();
      },
    };
  } catch (e) {
    await browser?.close().catch(() => {});
    removeDir();
    throw e;
  }
}

/** Runs `fn` in a fresh session and always closes it. */
export async function withSession<T>(
  servers: Servers,
  fn: (s: Session) => Promise<T>,
  options: { micWav?: string } = {},
): Promise<T> {
  const session = await openSession(servers, options);
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}
