// A model source set in Settings must work on every load, whatever served the page: the service
// worker writes it into the page's Content-Security-Policy, but a page loaded past the worker (the
// first visit, a hard reload, a browser without one) has the build's policy, which names only the
// hub. When the policy still refuses the source, the app names the policy, not a dropped connection.
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, offNetworkGuard } from '../support/browser';
import { openApp } from '../support/app-page';
import { button, card, download, waitForState } from '../support/models-page';
import { modelTestEnv } from '../support/model-test-env';

const SMALL = 'Test: stories260K (TinyStories)';
const env = modelTestEnv();

const pagePolicy = (page: Page) =>
  page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');

/** Settings → Model source = the mirror → Save, with the test models shown. */
async function saveMirror(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  await page.getByLabel(/Show test models/).setChecked(true);
  await page.getByLabel('Model source').fill(env.mirror.url);
  await page.getByRole('button', { name: 'Save model source' }).click();
}

async function openModels(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Models' }).click();
  await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
}

test('a mirror saved on the first visit works after "Reload now" pressed at once, and after a hard reload', async () => {
  const launched = await launchBrowser({ webgpu: false });
  const guard = await offNetworkGuard(launched.context);
  // The service worker's install is held back until "Reload now" is pressed: the press is certain to
  // come before the worker controls the page, as when a person is quick on a slow connection.
  let release!: () => void;
  const installHeld = new Promise<void>((resolve) => (release = resolve));
  await launched.context.route(/\.wasm$/, async (route) => {
    await installHeld;
    await route.fallback();
  });
  env.use({ launched, context: launched.context, page: await launched.context.newPage(), guard, close: () => launched.close() });
  const page = await openApp(launched.context, env.app.url, '#/settings');
  await saveMirror(page);
  await page.getByRole('button', { name: 'Reload now' }).click();
  await page.getByRole('status').filter({ hasText: 'waiting for offline support' }).waitFor();
  expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
  release();

  // The reload came once the worker could serve the page, with a policy that names the mirror.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  expect(await pagePolicy(page)).toContain(env.mirror.url);
  await openModels(page);
  await expect.poll(() => page.getByRole('alert').filter({ hasText: 'security policy' }).count()).toBe(0);
  await download(page, SMALL);
  await waitForState(page, SMALL, 'ready');

  // A hard reload skips the service worker: the page comes with the build's policy, sees that it does
  // not name the mirror, and loads itself again through the worker.
  let loads = 0;
  page.on('load', () => void (loads += 1));
  const cdp = await launched.context.newCDPSession(page);
  await cdp.send('Page.reload', { ignoreCache: true });
  await expect.poll(() => loads, { timeout: 60_000 }).toBe(2); // the hard reload, then the app's own
  await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
  expect(await pagePolicy(page)).toContain(env.mirror.url);
  await button(page, 'Delete', SMALL).click();
  await page
    .getByRole('dialog', { name: `Delete ${SMALL}?` })
    .getByRole('button', { name: 'Delete from this device', exact: true })
    .click();
  await waitForState(page, SMALL, 'absent');
  await download(page, SMALL, { expectLicence: false });
  await waitForState(page, SMALL, 'ready');
});

test('without a service worker the app says what to do, and a refused download is named as the policy', async () => {
  const launched = await launchBrowser({ webgpu: false, serviceWorkers: 'block' });
  const guard = await offNetworkGuard(launched.context);
  const page = await openApp(launched.context, env.app.url, '#/settings');
  env.use({ launched, context: launched.context, page, guard, close: () => launched.close() });
  const origin = new URL(env.mirror.url).origin;
  await saveMirror(page);
  await page
    .getByRole('alert')
    .filter({ hasText: `Ask whoever hosts Hearth to add ${origin} to connect-src` })
    .waitFor();

  await openModels(page);
  await page.getByRole('alert').filter({ hasText: 'without its offline support' }).waitFor();
  env.mirror.resetLog();
  await download(page, SMALL);
  await waitForState(page, SMALL, 'failed');
  const said = await card(page, SMALL).getByRole('alert').innerText();
  expect(said).toContain(`security policy does not allow connections to ${origin}`);
  expect(said).not.toMatch(/connection dropped/i);
  expect(env.mirror.requests, 'nothing was asked of the mirror').toEqual([]);
});
