// Page-level helpers for e2e tests of the app itself (test tooling, not product code).
import type { BrowserContext, Page } from 'playwright-core';

/** Opens the app at a view and waits for its heading. */
export async function openApp(context: BrowserContext, baseUrl: string, hash = '#/talk'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/${hash}`);
  await page.locator('main h1').waitFor();
  return page;
}

/** Resolves once the app's service worker has installed (precache complete) and controls the page. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
}

/** Points the app at a model mirror through Settings, as a person would, and reloads so the service
 *  worker re-issues the page with a CSP that allows it. */
export async function useMirror(page: Page, baseUrl: string, mirrorUrl: string, { testModels = true } = {}): Promise<void> {
  await page.goto(`${baseUrl}/#/settings`);
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  await page.getByLabel('Model source').fill(mirrorUrl);
  await page.getByRole('button', { name: 'Save model source' }).click();
  await page.getByRole('button', { name: 'Reload now' }).waitFor();
  const testBox = page.getByLabel(/Show test models/);
  if ((await testBox.isChecked()) !== testModels) await testBox.setChecked(testModels);
  await waitForServiceWorker(page);
  await page.getByRole('button', { name: 'Reload now' }).click();
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
}
