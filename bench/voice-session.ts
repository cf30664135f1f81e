// A fresh on-disk profile like session.ts's, with Chromium's fake microphone playing `micWav`. The fake
// device starts the file from its beginning each time the app opens the microphone (checked: the
// clip's onset came 2.04 s into a 2 s-silence-first file on three reopenings), so every "Start
// listening" hears the same utterance at the same moment.
import { launchBrowser, type LaunchedBrowser } from '../test/support/browser';
import { openApp, useMirror } from '../test/support/app-page';
import type { Servers } from './servers';
import type { Session } from './session';
import { makeTempDir } from './temp-dirs';
import { say } from './ui-text';

export async function withMicSession<T>({ app, mirror, trap }: Servers, micWav: string, fn: (s: Session) => Promise<T>): Promise<T> {
  const { dir, remove } = makeTempDir('hearth-bench-profile-');
  let browser: LaunchedBrowser | undefined;
  try {
    browser = await launchBrowser({ webgpu: false, persistentDir: dir, fakeMicWav: micWav, args: [...trap.args, '--lang=en-US'] });
    const page = await openApp(browser.context, app.url, '#/settings');
    await useMirror(page, app.url, mirror.url);
    const openModels = async () => {
      await page.goto(`${app.url}/#/models`);
      await page.getByRole('heading', { level: 1, name: say('nav.models') }).waitFor();
      await page.locator('article.model-card').first().waitFor();
    };
    await openModels();
    return await fn({ context: browser.context, page, openModels, close: async () => {} });
  } finally {
    await browser?.close().catch(() => {});
    remove();
  }
}
