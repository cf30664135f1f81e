// The Knowledge view in real Chromium against the built app: files picked and dropped, a note,
// per-file reasons, search with highlighted words, opening a document at a passage, Delete, reload.
// The embedding model is 'Test: tiny random BERT embeddings' from the local mirror: its weights are
// RANDOM, so this proves the embedding plumbing (model loaded from the store, passages embedded in the
// worker, vectors sealed and stored, index rebuilt on reload), not meaning. The searches here are
// found by their keywords; the vector half of the hybrid ranking adds random passages, so the test
// asserts which document the highlighted passages come from, never an exact ranking.
// Every file is generated at run time into a temp folder (no fixture is committed). The HTML carries
// a <script>, an inline handler and a remote <img>: the harness fails the test on any request that
// leaves the machine and on any CSP violation, and the page is checked for the script's mark.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { formatAxe, runAxe } from '../support/browser';
import { download, freshSession, waitForState } from '../support/models-page';
import { modelTestEnv } from '../support/model-test-env';

const BERT = 'Test: tiny random BERT embeddings (fp32)';
const env = modelTestEnv();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-knowledge-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const filler = (topic: string, n: number) =>
  Array.from({ length: n }, (_, i) => `Paragraph ${i} about the ${topic}: routine notes that say nothing in particular.`);

function writeFiles(): Record<string, string> {
  const files: Record<string, string | Uint8Array> = {
    // Long enough that the passage with the word is far down: opening it must scroll.
    'boiler-manual.md': [
      '# Boiler manual',
      '',
      '## Daily use',
      '',
      ...filler('radiators', 60).flatMap((p) => [p, '']),
      '## Safety',
      '',
      'If the pilot flame goes out, the **thermocouple** closes the gas valve within a minute.',
      '',
      '- Check the thermocouple every winter.',
    ].join('\n'),
    'recipes.txt': [
      'Sourdough bread',
      '',
      'Feed the sourdough starter the night before baking.',
      '',
      ...filler('kitchen', 5),
    ].join('\n'),
    'garden.html': [
      '<!doctype html><html><head><title>Garden</title>',
      '<script>window.__hearthPwned = "script"; fetch("http://example.invalid/script");</script>',
      '<style>body { background: url(http://example.invalid/bg.png) }</style></head>',
      '<body><h1>Garden notes</h1><p>Water the tomatoes early in the morning.</p>',
      '<img src="http://example.invalid/x.png" onerror="window.__hearthPwned = \'img\'">',
      '</body></html>',
    ].join('\n'),
    'empty.txt': '',
    'photo.txt': new Uint8Array(4096).map((_, i) => (i * 37 + 11) & 0xff),
  };
  const paths: Record<string, string> = {};
  for (const [name, content] of Object.entries(files)) {
    paths[name] = path.join(dir, name);
    fs.writeFileSync(paths[name], content);
  }
  return paths;
}

const ZH_NAME = 'heating-zh.txt';
const ZH_TEXT = '暖气说明\n\n锅炉的压力应该保持在一点五巴左右。\n\n如果暖气片不热，请先给暖气片排气。';

const row = (page: Page, name: string): Locator => page.locator('li.import-row').filter({ hasText: name });
const documentRow = (page: Page, name: string): Locator =>
  page.locator('li.document-row').filter({ has: page.locator('strong', { hasText: new RegExp(`^${name}$`) }) });
const hits = (page: Page): Locator => page.locator('ol.search-results button.search-hit');

/** Searches and waits for that query's answer (the test never repeats a query twice in a row). */
async function searchFor(page: Page, query: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search your documents' }).fill(query);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.locator(`.search-output[data-query="${query}"]`).waitFor();
}

/** Documents of the hits whose text has a <mark> with `word`, and of those without one. */
async function hitSources(page: Page, word: string): Promise<{ marked: string[]; others: string[] }> {
  return hits(page).evaluateAll((buttons, w) => {
    const source = (b: Element) => b.querySelector('.search-hit-source')!.textContent!.split(' · ')[0]!;
    const has = (b: Element) => [...b.querySelectorAll('mark')].some((m) => m.textContent!.toLowerCase() === w);
    return {
      marked: buttons.filter(has).map(source),
      others: buttons.filter((b) => !has(b)).map(source),
    };
  }, word.toLowerCase());
}

/** Drops a file on the view the way a file manager does: a real drop event with a DataTransfer. */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  const transfer = await page.evaluateHandle(
    ([n, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: 'text/plain' }));
      return dt;
    },
    [name, text] as const,
  );
  const view = page.locator('section.knowledge-view');
  await view.dispatchEvent('dragenter', { dataTransfer: transfer });
  await view.dispatchEvent('dragover', { dataTransfer: transfer });
  await view.dispatchEvent('drop', { dataTransfer: transfer });
}

async function openKnowledge(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Knowledge' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Knowledge' }).waitFor();
}

describe('knowledge view', () => {
  test('import, reasons, search with highlights, open at a passage, delete, reload', async () => {
    const session = env.use(await freshSession(env.app.url, env.mirror.url));
    const { page } = session;
    const files = writeFiles();

    // No embedding model yet: the view says so, points to Models, and nothing can be added.
    await openKnowledge(page);
    const goModels = page.getByRole('link', { name: 'Choose an embedding model' });
    await goModels.waitFor();
    expect(await goModels.getAttribute('href')).toBe('#/models');
    expect(await page.getByLabel('Add files…').isDisabled()).toBe(true);

    await goModels.click();
    await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
    await download(page, BERT);
    await waitForState(page, BERT, 'ready');

    await openKnowledge(page);
    await page.getByText(`Search uses ${BERT}.`).waitFor({ timeout: 60_000 });
    const picker = page.getByLabel('Add files…');
    expect(await picker.getAttribute('accept')).toBe('.txt,.text,.md,.markdown,.html,.htm,.pdf,.docx');
    await picker.setInputFiles(Object.values(files));

    const finished = 'li.import-row[data-stage="done"], li.import-row[data-stage="failed"]';
    await expect.poll(() => page.locator(finished).count(), { timeout: 120_000 }).toBe(5);
    for (const name of ['boiler-manual.md', 'recipes.txt', 'garden.html'])
      expect(await row(page, name).getAttribute('data-stage'), name).toBe('done');
    expect(await row(page, 'empty.txt').innerText()).toContain('Not added: the file has no text in it.');
    expect(await row(page, 'photo.txt').innerText()).toContain('Not added: this is not a text file');

    // A file dropped on the view goes through the same import.
    await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached' });
    await dropFile(page, ZH_NAME, ZH_TEXT);
    await page.locator(`li.import-row[data-stage="done"]`).filter({ hasText: ZH_NAME }).waitFor({ timeout: 60_000 });

    // A typed note.
    await page.getByLabel('Title').fill('Alarm code');
    await page.getByLabel('Text', { exact: true }).fill('The alarm panel code is written on the fuse box lid.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator(`li.import-row[data-stage="done"]`).filter({ hasText: 'Alarm code' }).waitFor({ timeout: 60_000 });

    // The good ones are listed with their format and size; the bad ones are not.
    for (const name of ['boiler-manual.md', 'recipes.txt', 'garden.html', ZH_NAME, 'Alarm code'])
      await documentRow(page, name).waitFor();
    expect(await documentRow(page, 'boiler-manual.md').innerText()).toMatch(/Markdown · [\d.]+ kB/);
    expect(await documentRow(page, 'garden.html').innerText()).toContain('HTML');
    expect(await documentRow(page, 'empty.txt').count()).toBe(0);
    expect(await documentRow(page, 'photo.txt').count()).toBe(0);

    // A word only the .md has: its passages carry the word marked; no other document's does.
    await searchFor(page, 'thermocouple');
    const english = await hitSources(page, 'thermocouple');
    expect(english.marked.length).toBeGreaterThan(0);
    expect(new Set(english.marked)).toEqual(new Set(['boiler-manual.md']));
    const mdHit = hits(page)
      .filter({ has: page.locator('mark', { hasText: /^thermocouple$/i }) })
      .first();
    expect(await mdHit.locator('.search-hit-source').innerText()).toContain('Safety'); // its heading

    // Clicking opens the document's text at that passage, marked and scrolled into view.
    const passage = await mdHit.locator('.search-hit-text').innerText();
    await mdHit.click();
    const reader = page.getByRole('region', { name: 'Text of boiler-manual.md' });
    await reader.waitFor();
    const marked = reader.locator('mark');
    await marked.waitFor();
    expect(await marked.innerText()).toContain('thermocouple');
    expect(passage).toContain((await marked.innerText()).split('\n')[0]!.replace(/\*\*/g, ''));
    await expect
      .poll(() =>
        marked.evaluate((m) => {
          const box = m.getBoundingClientRect();
          const frame = m.closest('.document-text')!.getBoundingClientRect();
          return box.top >= frame.top - 1 && box.top < frame.bottom && frame.top < innerHeight && frame.bottom > 0;
        }),
      )
      .toBe(true);
    expect(await reader.evaluate((r) => r.scrollTop)).toBeGreaterThan(0);

    // Chinese: a word of the Chinese note, marked, from that document.
    await searchFor(page, '压力');
    const chinese = await hitSources(page, '压力');
    expect(chinese.marked).toEqual([ZH_NAME]);

    // The HTML is text: its words are found, its script and image never ran or loaded.
    await searchFor(page, 'tomatoes');
    expect((await hitSources(page, 'tomatoes')).marked).toEqual(['garden.html']);
    await page.getByRole('button', { name: 'Read garden.html' }).click();
    const html = page.getByRole('region', { name: 'Text of garden.html' });
    await html.waitFor();
    expect(await html.innerText()).toContain('Water the tomatoes early in the morning.');
    expect(await html.locator('img, script, style').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __hearthPwned?: string }).__hearthPwned)).toBeUndefined();

    await searchFor(page, 'thermocouple');
    expect(formatAxe(await runAxe(page)), 'knowledge view with results and a document open').toBe('');

    // Delete, through its confirmation: the document and its passages are gone from search.
    await searchFor(page, 'sourdough');
    expect((await hitSources(page, 'sourdough')).marked).toEqual(['recipes.txt']);
    await page.getByRole('button', { name: 'Delete recipes.txt' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “recipes.txt”?' });
    await dialog.waitFor();
    expect(formatAxe(await runAxe(page)), 'delete dialog').toBe('');
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await documentRow(page, 'recipes.txt').waitFor({ state: 'detached' });
    await searchFor(page, 'bread');
    await searchFor(page, 'sourdough');
    const afterDelete = await hitSources(page, 'sourdough');
    expect(afterDelete.marked).toEqual([]);
    expect(afterDelete.others).not.toContain('recipes.txt');

    // After a reload the documents are listed and search works again (index rebuilt from the store).
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Knowledge' }).waitFor();
    for (const name of ['boiler-manual.md', 'garden.html', ZH_NAME, 'Alarm code']) await documentRow(page, name).waitFor();
    expect(await documentRow(page, 'recipes.txt').count()).toBe(0);
    await page.getByText(`Search uses ${BERT}.`).waitFor({ timeout: 60_000 });
    await searchFor(page, 'thermocouple');
    expect(new Set((await hitSources(page, 'thermocouple')).marked)).toEqual(new Set(['boiler-manual.md']));
    await searchFor(page, '压力');
    expect((await hitSources(page, '压力')).marked).toEqual([ZH_NAME]);
    await searchFor(page, 'sourdough');
    expect((await hitSources(page, 'sourdough')).others).not.toContain('recipes.txt');
    expect(await page.evaluate(() => (globalThis as { __hearthPwned?: string }).__hearthPwned)).toBeUndefined();
  });

  test('Cancel stops the file being embedded and the ones after it; what was stored is kept', async () => {
    const session = env.use(await freshSession(env.app.url, env.mirror.url));
    const { page } = session;
    await download(page, BERT);
    await waitForState(page, BERT, 'ready');
    // Thousands of passages: embedding them takes long enough to press Cancel in the middle.
    const big = path.join(dir, 'logbook.txt');
    fs.writeFileSync(big, filler('boiler log', 24_000).join('\n\n'));
    const after = path.join(dir, 'after.txt');
    fs.writeFileSync(after, 'A file after the cancelled one.');
    await openKnowledge(page);
    await page.getByText(`Search uses ${BERT}.`).waitFor({ timeout: 60_000 });
    await page.getByLabel('Add files…').setInputFiles([big, after]);
    const bar = page.getByRole('progressbar', { name: 'Embedding logbook.txt' });
    await bar.waitFor({ timeout: 60_000 });
    await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.locator('li.import-row[data-stage="cancelled"]').filter({ hasText: 'after.txt' }).waitFor({ timeout: 60_000 });
    expect(await row(page, 'logbook.txt').getAttribute('data-stage')).toBe('cancelled');
    expect(await row(page, 'logbook.txt').innerText()).toContain('Stopped: the document is kept');
    expect(await row(page, 'after.txt').innerText()).toContain('Cancelled');
    await documentRow(page, 'logbook.txt').waitFor();
    expect(await documentRow(page, 'after.txt').count()).toBe(0);
  });
});
