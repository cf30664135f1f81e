// Choosing Knowledge's embedding model in real Chromium: with two stored, the view offers the choice;
// switching embeds every passage again with progress, search goes on working, the choice survives a
// reload, and the reopen embeds nothing. The second model is listed without sizes or hashes, as
// multilingual-e5-small is: its download asks the mirror for them. Testing a model in the Models view runs in a worker of its
// own, so it never throws away the index Knowledge searches. Both models are the random-weight test
// BERT (its fp32 and q8 files): this proves the plumbing — which model embeds, when, and
// that the index follows — not meaning; the searches below are found by their keywords.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { download, freshSession, waitForState } from '../support/models-page';
import { modelTestEnv } from '../support/model-test-env';

const FP32 = 'Test: tiny random BERT embeddings (fp32)';
// The q8 files listed as multilingual-e5-small is: no sizes or hashes in the catalog (the mirror
// states them), and E5's "query: " / "passage: " instructions.
const SIZED = 'Test: tiny random BERT embeddings (sizes from the source)';
const env = modelTestEnv();

async function openKnowledge(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Knowledge' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Knowledge' }).waitFor();
}

/** Keeps every state the library status shows, with its progress, from the page's first script on,
 *  so a reopen that embeds even one passage is seen however briefly it shows. */
const RECORD_STATUS = () => {
  const w = window as unknown as { __libraryStates?: string[] };
  w.__libraryStates = [];
  const note = () => {
    const el = document.querySelector('.library-status');
    if (!el) return;
    const entry = `${el.getAttribute('data-state')}:${el.getAttribute('data-total') ?? ''}`;
    if (w.__libraryStates!.at(-1) !== entry) w.__libraryStates!.push(entry);
  };
  new MutationObserver(note).observe(document, { subtree: true, childList: true, attributes: true });
};
const libraryStates = (page: Page) =>
  page.evaluate(() => [...((window as unknown as { __libraryStates?: string[] }).__libraryStates ?? [])]);

async function searchFinds(page: Page, query: string, title: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search your documents' }).fill(query);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const output = page.locator(`.search-output[data-query="${query}"]`);
  await output.waitFor();
  const sources = await output.locator('.search-hit-source').allInnerTexts();
  expect(
    sources.map((s) => s.split(' · ')[0]),
    query,
  ).toContain(title);
}

describe('knowledge: choosing the embedding model', () => {
  test('switching re-embeds with progress, survives a reload, and a model test leaves the index alone', async () => {
    const session = env.use(await freshSession(env.app.url, env.mirror.url));
    const { page } = session;
    await page.addInitScript(RECORD_STATUS); // for the reload below
    await page.evaluate(RECORD_STATUS);
    for (const name of [FP32, SIZED]) await download(page, name);
    for (const name of [FP32, SIZED]) await waitForState(page, name, 'ready');

    await openKnowledge(page);
    await page.getByText(`Search uses ${FP32}.`).waitFor({ timeout: 60_000 });
    const choice = page.getByRole('combobox', { name: 'Embedding model' });
    expect(await choice.inputValue()).toBe('test-bert-embed-fp32');

    // Enough passages that re-embedding shows its count.
    const body = Array.from({ length: 30 }, (_, i) => `Line ${i}: the boiler's thermocouple was checked in week ${i}.`);
    await page.getByLabel('Title').fill('Boiler log');
    await page.getByLabel('Text', { exact: true }).fill(body.join('\n\n'));
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('li.import-row[data-stage="done"]').filter({ hasText: 'Boiler log' }).waitFor({ timeout: 120_000 });
    await searchFinds(page, 'thermocouple', 'Boiler log');

    // Switch: every passage is embedded again, with its count shown, then search goes on.
    await page.evaluate(() => void ((window as unknown as { __libraryStates: string[] }).__libraryStates = []));
    await choice.selectOption('test-bert-embed-sized-by-source');
    await page.getByText(`Search uses ${SIZED}.`).waitFor({ timeout: 120_000 });
    const switching = await libraryStates(page);
    const totals = switching.filter((s) => s.startsWith('opening:')).map((s) => Number(s.split(':')[1]));
    expect(Math.max(...totals), switching.join(' ')).toBeGreaterThan(1);
    expect(switching.at(-1)).toBe('ready:');
    await searchFinds(page, 'thermocouple', 'Boiler log');

    // Testing the other model in Models: it loads in a worker of its own.
    await page.getByRole('link', { name: 'Models' }).first().click();
    await page.getByRole('button', { name: `Test on this device: ${FP32}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Works: \d+-dimensional embedding/ })
      .waitFor({ timeout: 120_000 });
    await openKnowledge(page);
    await page.getByText(`Search uses ${SIZED}.`).waitFor();
    await searchFinds(page, 'week', 'Boiler log');

    // Reload: the choice is kept and nothing is embedded again (no progress count ever shows).
    await page.reload();
    await openKnowledge(page);
    await page.getByText(`Search uses ${SIZED}.`).waitFor({ timeout: 60_000 });
    const reopening = await libraryStates(page);
    expect(
      reopening.filter((s) => s.startsWith('opening:') && s !== 'opening:0'),
      reopening.join(' '),
    ).toEqual([]);
    expect(await page.getByRole('combobox', { name: 'Embedding model' }).inputValue()).toBe('test-bert-embed-sized-by-source');
    await searchFinds(page, 'thermocouple', 'Boiler log');
  }, 360_000);
});
