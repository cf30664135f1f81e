// Three pages: two break a rule and do not say so (they must fail), one takes what it provoked.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, type LaunchedBrowser } from '../browser';

const STRICT = `<meta http-equiv="Content-Security-Policy" content="script-src 'none'"><script>1</script>`;
let chrome: LaunchedBrowser;

beforeAll(async () => {
  chrome = await launchBrowser({ webgpu: false });
});
afterAll(() => chrome?.close());

async function strictPage(): Promise<void> {
  const page = await chrome.newPage();
  await page.setContent(STRICT);
  await expect.poll(() => chrome.problems.list.length).toBeGreaterThan(0);
  await page.close();
}

test('unasked CSP violation', strictPage);

test('unasked request to another origin', async () => {
  const page = await chrome.newPage();
  await page.evaluate(() => fetch('https://example.invalid/leak').catch(() => null));
  await expect.poll(() => chrome.problems.list.length).toBeGreaterThan(0);
});

test('a violation the test meant to cause', async () => {
  await strictPage();
  expect(chrome.problems.take(/script-src/).length).toBeGreaterThan(0);
});
