// Knowledge's import of PDF (and the ways a PDF cannot be used) in real Chromium against the built
// app: pdf.js in its self-hosted worker, no CSP report (the harness fails the test on any). Every
// file is generated at run time: PDFs by test/support/pdf-writer.ts, the protected one encrypted by
// Debian's qpdf (AES-256), Word documents by the `docx` package. The embedder is the random-weight test BERT: words are found by the
// keyword half of the search, so the test asserts where a word's passages come from (document and
// page), never a ranking.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { afterAll, describe, expect, test } from 'vitest';
import { formatAxe, runAxe } from '../support/browser';
import { download, freshSession, waitForState } from '../support/models-page';
import { modelTestEnv } from '../support/model-test-env';
import { distDir } from '../support/paths';
import { writePdf } from '../support/pdf-writer';
import { DOCUMENT_ACCEPT, DOCUMENT_TYPES } from '../../src/core/knowledge/document-types';

const BERT = 'Test: tiny random BERT embeddings (fp32)';
const env = modelTestEnv();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-knowledge-import-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

const filler = (topic: string, n: number) => Array.from({ length: n }, (_, i) => `Line ${i} of the ${topic} chapter.`);

/** Four pages, each with a word of its own; page 3 is a drawing only (no text on that page). */
const manualPdf = () =>
  writePdf([
    { text: ['Heat pump manual', '', ...filler('introduction', 8)] },
    { text: ['Defrosting', '', 'The outdoor unit runs a defrost cycle when frost builds up.', ...filler('defrost', 5)] },
    { drawing: true },
    { text: ['Maintenance', '', 'Clean the condensate drain every spring.', ...filler('maintenance', 5)] },
  ]);

const exactly = (name: string) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
/** A Word document with headings, paragraphs and a bulleted list, as Word itself structures them. */
const stoveDocx = () =>
  Packer.toBuffer(
    new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: 'Wood stove', heading: HeadingLevel.HEADING_1 }),
            new Paragraph('Read this before the first fire of the season.'),
            new Paragraph({ text: 'Lighting', heading: HeadingLevel.HEADING_2 }),
            new Paragraph('Open the air vent fully before lighting the kindling.'),
            new Paragraph({ text: 'Cleaning', heading: HeadingLevel.HEADING_2 }),
            new Paragraph({ text: 'Sweep the chimney every autumn.', bullet: { level: 0 } }),
            new Paragraph({ text: 'Empty the ash pan when it is cold.', bullet: { level: 0 } }),
          ],
        },
      ],
    }),
  );

const row = (page: Page, name: string): Locator =>
  page.locator('li.import-row').filter({ has: page.locator('.import-name', { hasText: exactly(name) }) });
const documentRow = (page: Page, name: string): Locator =>
  page.locator('li.document-row').filter({ has: page.locator('strong', { hasText: exactly(name) }) });
const finished = (page: Page) => page.locator('li.import-row[data-stage="done"], li.import-row[data-stage="failed"]');

async function searchFor(page: Page, query: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search your documents' }).fill(query);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.locator(`.search-output[data-query="${query}"]`).waitFor();
}

/** The source line ("name · page N · …") of every hit that has `word` marked. */
async function markedSources(page: Page, word: string): Promise<string[]> {
  return page
    .locator('ol.search-results button.search-hit')
    .evaluateAll(
      (buttons, w) =>
        buttons
          .filter((b) => [...b.querySelectorAll('mark')].some((m) => m.textContent!.toLowerCase() === w))
          .map((b) => b.querySelector('.search-hit-source')!.textContent!),
      word.toLowerCase(),
    );
}

/** A fresh profile with the test embedder stored, on the Knowledge view, ready to add files. */
async function readyKnowledge(): Promise<Page> {
  const { page } = env.use(await freshSession(env.app.url, env.mirror.url));
  await download(page, BERT);
  await waitForState(page, BERT, 'ready');
  await page.getByRole('link', { name: 'Knowledge' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Knowledge' }).waitFor();
  await page.getByText(`Search uses ${BERT}.`).waitFor({ timeout: 60_000 });
  return page;
}

describe('knowledge import', () => {
  test('a multi-page PDF: its pages in search and the list; damaged and scanned PDFs named', async () => {
    const page = await readyKnowledge();
    const good = manualPdf();
    const files = [
      write('heat-pump.pdf', good),
      // A download cut half-way: the catalog, written last, is gone.
      write('cut-short.pdf', good.subarray(0, Math.floor(good.length / 2))),
      // Pages of only an image and of only drawn lines: no text layer anywhere.
      write('scanned.pdf', writePdf([{ image: true }, { drawing: true }])),
      write('notes.txt', new TextEncoder().encode('The spare fuses are in the hallway drawer.')),
    ];
    await page.getByLabel('Add files…').setInputFiles(files);
    await expect.poll(() => finished(page).count(), { timeout: 120_000 }).toBe(4);

    expect(await row(page, 'heat-pump.pdf').getAttribute('data-stage')).toBe('done');
    expect(await row(page, 'notes.txt').getAttribute('data-stage')).toBe('done');
    expect(await row(page, 'cut-short.pdf').innerText()).toContain('Not added: the PDF is damaged or cut short.');
    expect(await row(page, 'scanned.pdf').innerText()).toContain('Not added: the PDF has no text in it (a scan, perhaps).');

    await documentRow(page, 'heat-pump.pdf').waitFor();
    expect(await documentRow(page, 'heat-pump.pdf').innerText()).toMatch(/PDF · [\d.]+ kB · 4 page\(s\)/);
    expect(await documentRow(page, 'cut-short.pdf').count()).toBe(0);
    expect(await documentRow(page, 'scanned.pdf').count()).toBe(0);

    // Each word is on one page: its passages say that page.
    await searchFor(page, 'defrost');
    const defrost = await markedSources(page, 'defrost');
    expect(defrost.length).toBeGreaterThan(0);
    for (const source of defrost) expect(source).toMatch(/^heat-pump\.pdf · page 2\b/);
    await searchFor(page, 'condensate');
    const condensate = await markedSources(page, 'condensate');
    expect(condensate.length).toBeGreaterThan(0);
    for (const source of condensate) expect(source).toMatch(/^heat-pump\.pdf · page 4\b/);

    // Opening the hit shows the PDF's text at that passage.
    await page
      .locator('ol.search-results button.search-hit')
      .filter({ has: page.locator('mark', { hasText: /^condensate$/i }) })
      .first()
      .click();
    const reader = page.getByRole('region', { name: 'Text of heat-pump.pdf' });
    await reader.locator('mark').waitFor();
    expect(await reader.locator('mark').innerText()).toContain('condensate drain');
    expect(await reader.innerText()).toContain('The outdoor unit runs a defrost cycle');
  });

  test('a protected PDF asks for its password: wrong, right, and skipped', async () => {
    const page = await readyKnowledge();
    const plain = write('plain-manual.pdf', manualPdf());
    const locked = path.join(dir, 'locked.pdf');
    const alsoLocked = path.join(dir, 'also-locked.pdf');
    execFileSync('qpdf', ['--encrypt', 'kettle-42', 'owner-pw', '256', '--', plain, locked]);
    execFileSync('qpdf', ['--encrypt', 'other-pw', 'owner-pw', '256', '--', plain, alsoLocked]);
    const other = write('other.txt', new TextEncoder().encode('The water meter is read in January.'));
    await page.getByLabel('Add files…').setInputFiles([locked, other, alsoLocked]);
    await expect.poll(() => finished(page).count(), { timeout: 120_000 }).toBe(3);
    expect(await row(page, 'other.txt').getAttribute('data-stage')).toBe('done');
    expect(await row(page, 'locked.pdf').innerText()).toContain('Not added: the PDF is protected by a password.');

    const password = page.getByLabel('Password for locked.pdf');
    await password.waitFor();
    expect(formatAxe(await runAxe(page)), 'knowledge view asking for a password').toBe('');

    // A wrong password: said so, and asked again.
    await password.fill('not-it');
    await row(page, 'locked.pdf').getByRole('button', { name: 'Open' }).click();
    await row(page, 'locked.pdf').getByText('Not added: wrong password.').waitFor({ timeout: 60_000 });
    expect(await documentRow(page, 'locked.pdf').count()).toBe(0);

    // The right one: the row runs again and the PDF is added, its words found on their page.
    await page.getByLabel('Password for locked.pdf').fill('kettle-42');
    await row(page, 'locked.pdf').getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => row(page, 'locked.pdf').getAttribute('data-stage'), { timeout: 60_000 }).toBe('done');
    await documentRow(page, 'locked.pdf').waitFor();
    expect(await documentRow(page, 'locked.pdf').innerText()).toContain('4 page(s)');

    // Skipped: listed as protected, no longer asked, nothing else lost.
    await page.getByRole('button', { name: 'Skip also-locked.pdf' }).click();
    expect(await row(page, 'also-locked.pdf').innerText()).toContain('Not added: the PDF is protected by a password (skipped).');
    expect(await page.getByLabel('Password for also-locked.pdf').count()).toBe(0);
    expect(await documentRow(page, 'also-locked.pdf').count()).toBe(0);
    await documentRow(page, 'other.txt').waitFor();
    expect(await row(page, 'other.txt').getAttribute('data-stage')).toBe('done');

    await searchFor(page, 'condensate');
    const hits = await markedSources(page, 'condensate');
    expect(hits.length).toBeGreaterThan(0);
    for (const source of hits) expect(source).toMatch(/^locked\.pdf · page 4\b/);
  });

  test('a Word document: headings, paragraphs and list items; a damaged one named', async () => {
    const page = await readyKnowledge();
    const good = new Uint8Array(await stoveDocx());
    const files = [
      write('stove.docx', good),
      // A zip cut short: its central directory (at the end) is gone.
      write('cut-short.docx', good.subarray(0, Math.floor(good.length / 2))),
      // An old binary .doc renamed: not a zip at all.
      write(
        'renamed.docx',
        new Uint8Array(2048).map((_, i) => (i * 31 + 7) & 0xff),
      ),
      write('after.txt', new TextEncoder().encode('The stove glass is cleaned with wet ash.')),
    ];
    await page.getByLabel('Add files…').setInputFiles(files);
    await expect.poll(() => finished(page).count(), { timeout: 120_000 }).toBe(4);
    expect(await row(page, 'stove.docx').getAttribute('data-stage')).toBe('done');
    expect(await row(page, 'after.txt').getAttribute('data-stage')).toBe('done');
    for (const name of ['cut-short.docx', 'renamed.docx'])
      expect(await row(page, name).innerText(), name).toContain(
        'Not added: the Word document is damaged or cut short (or it is not a .docx).',
      );
    await documentRow(page, 'stove.docx').waitFor();
    expect(await documentRow(page, 'stove.docx').innerText()).toMatch(/Word · [\d.]+ kB/);
    expect(await documentRow(page, 'cut-short.docx').count()).toBe(0);

    // A paragraph under its heading, and a list item under its own.
    await searchFor(page, 'kindling');
    const kindling = await markedSources(page, 'kindling');
    expect(kindling.length).toBeGreaterThan(0);
    for (const source of kindling) expect(source).toMatch(/^stove\.docx · .*Lighting/);
    await searchFor(page, 'chimney');
    const chimney = await markedSources(page, 'chimney');
    expect(chimney.length).toBeGreaterThan(0);
    for (const source of chimney) expect(source).toMatch(/^stove\.docx · .*Cleaning/);
    await page.getByRole('button', { name: 'Read stove.docx' }).click();
    const reader = page.getByRole('region', { name: 'Text of stove.docx' });
    await reader.waitFor();
    const text = await reader.innerText();
    for (const line of ['Wood stove', 'Open the air vent fully', 'Sweep the chimney every autumn.', 'Empty the ash pan'])
      expect(text).toContain(line);
  });

  test('the manifest offers Hearth for the files it reads: share target and file handlers', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(distDir, 'manifest.webmanifest'), 'utf8'));
    expect(manifest.share_target).toEqual({
      action: './share-target',
      method: 'POST',
      enctype: 'multipart/form-data',
      params: { title: 'title', text: 'text', url: 'url', files: [{ name: 'files', accept: [...DOCUMENT_ACCEPT] }] },
    });
    expect(manifest.share_target.params.files[0].accept).toEqual(
      expect.arrayContaining(['application/pdf', '.pdf', '.docx', 'text/plain', '.md', '.html']),
    );
    expect(manifest.file_handlers).toEqual([{ action: './#/knowledge', accept: DOCUMENT_TYPES }]);
  });

  test('shared from the OS: a multipart POST to the share target is imported in Knowledge', async () => {
    const page = await readyKnowledge();
    // The share sheet's request is a POST navigation to the share target. Hearth's own pages may not
    // post forms (form-action 'none'), so it is sent from a blank page of the same browser profile:
    // the service worker answers it like a share from another app.
    const sharer = await page.context().newPage();
    const pdf = [...manualPdf()];
    await sharer.evaluate(
      ([action, pdfBytes]) => {
        const form = document.createElement('form');
        form.method = 'post';
        form.enctype = 'multipart/form-data';
        form.action = action;
        const input = document.createElement('input');
        input.type = 'file';
        input.name = 'files';
        input.multiple = true;
        const files = new DataTransfer();
        files.items.add(new File([Uint8Array.from(pdfBytes)], 'shared-manual.pdf', { type: 'application/pdf' }));
        files.items.add(new File(['# Shared list\n\nBuy a new furnace filter.'], 'shared-list.md', { type: 'text/markdown' }));
        files.items.add(new File([''], 'shared-empty.txt', { type: 'text/plain' }));
        input.files = files.files;
        form.append(input);
        document.body.append(form);
        form.submit();
      },
      [`${env.app.url}/share-target`, pdf] as const,
    );
    await sharer.waitForURL(/#\/knowledge$/);
    await sharer.getByRole('heading', { level: 1, name: 'Knowledge' }).waitFor();
    await expect.poll(() => finished(sharer).count(), { timeout: 120_000 }).toBe(3);
    expect(await row(sharer, 'shared-manual.pdf').getAttribute('data-stage')).toBe('done');
    expect(await row(sharer, 'shared-list.md').getAttribute('data-stage')).toBe('done');
    expect(await row(sharer, 'shared-empty.txt').innerText()).toContain('Not added: the file has no text in it.');
    await documentRow(sharer, 'shared-manual.pdf').waitFor();
    expect(await documentRow(sharer, 'shared-manual.pdf').innerText()).toContain('4 page(s)');
    await searchFor(sharer, 'furnace');
    const furnace = await markedSources(sharer, 'furnace');
    expect(furnace.length).toBeGreaterThan(0);
    for (const source of furnace) expect(source).toMatch(/^shared-list\.md\b/);
    // Imported, the shared files leave the waiting cache: a reload imports nothing again.
    const waiting = () =>
      sharer.evaluate(
        async () =>
          (await (await caches.open('hearth-incoming-files')).keys()).filter((r) =>
            new URL(r.url).pathname.startsWith('/incoming-file/'),
          ).length,
      );
    await expect.poll(waiting).toBe(0);

    // Text shared without a file becomes a text document.
    await sharer.goto('about:blank');
    await sharer.evaluate((action) => {
      const form = document.createElement('form');
      form.method = 'post';
      form.enctype = 'multipart/form-data';
      form.action = action;
      for (const [name, value] of [
        ['title', 'Plumber'],
        ['text', 'The plumber can come on Thursday morning.'],
      ]) {
        const field = document.createElement('input');
        field.name = name!;
        field.value = value!;
        form.append(field);
      }
      document.body.append(form);
      form.submit();
    }, `${env.app.url}/share-target`);
    await sharer.waitForURL(/#\/knowledge$/);
    await documentRow(sharer, 'Shared text.txt').waitFor({ timeout: 60_000 });
    await searchFor(sharer, 'plumber');
    const plumber = await markedSources(sharer, 'plumber');
    expect(plumber.length).toBeGreaterThan(0);
    for (const source of plumber) expect(source).toMatch(/^Shared text\.txt\b/);
  });

  test('shared files wait sealed: the cache shows neither their words nor their names', async () => {
    const { page } = env.use(await freshSession(env.app.url, env.mirror.url));
    // Talk opens the vault, which makes the inbox key the service worker seals with.
    await page.goto(`${env.app.url}/#/talk`);
    const cached = () =>
      page.evaluate(async () => {
        const cache = await caches.open('hearth-incoming-files');
        return Promise.all(
          (await cache.keys()).map(async (request) => {
            const response = (await cache.match(request))!;
            const body = new Uint8Array(await response.arrayBuffer());
            return {
              path: new URL(request.url).pathname,
              headers: [...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n'),
              body: Array.from(body, (b) => String.fromCharCode(b)).join(''),
            };
          }),
        );
      });
    await expect
      .poll(async () => (await cached()).map((e) => e.path).sort(), { timeout: 60_000 })
      .toEqual(['/incoming-key/private', '/incoming-key/public']);

    // No embedding model yet: Knowledge cannot import, so the shared file waits.
    const sharer = await page.context().newPage();
    await sharer.evaluate((action) => {
      const form = document.createElement('form');
      form.method = 'post';
      form.enctype = 'multipart/form-data';
      form.action = action;
      const input = document.createElement('input');
      input.type = 'file';
      input.name = 'files';
      const files = new DataTransfer();
      files.items.add(new File(['The spare key is under the blue flowerpot.'], 'house-secrets.txt', { type: 'text/plain' }));
      input.files = files.files;
      form.append(input);
      document.body.append(form);
      form.submit();
    }, `${env.app.url}/share-target`);
    await sharer.waitForURL(/#\/knowledge$/);
    const waiting = (await cached()).filter((e) => e.path.startsWith('/incoming-file/'));
    expect(waiting).toHaveLength(1);
    for (const entry of waiting) {
      const stored = `${entry.path}\n${entry.headers}\n${entry.body}`;
      expect(stored).not.toContain('flowerpot');
      expect(stored).not.toContain('house-secrets');
      expect(entry.headers).not.toContain('text/plain');
    }

    // Once there is a model the vault opens it: the same file, by its own name.
    await sharer.close();
    await page.getByRole('link', { name: 'Models' }).first().click();
    await download(page, BERT);
    await waitForState(page, BERT, 'ready');
    await page.getByRole('link', { name: 'Knowledge' }).first().click();
    await documentRow(page, 'house-secrets.txt').waitFor({ timeout: 120_000 });
    await searchFor(page, 'flowerpot');
    for (const source of await markedSources(page, 'flowerpot')) expect(source).toMatch(/^house-secrets\.txt\b/);
    await expect
      .poll(async () => (await cached()).filter((e) => e.path.startsWith('/incoming-file/')).length, { timeout: 30_000 })
      .toBe(0);
  });

  test('opened with Hearth: files from the launch queue are imported in Knowledge', async () => {
    const page = await readyKnowledge();
    // Chromium has the launch queue, but only an installed app launched by the OS with files fills
    // it, which a headless test cannot do. So the app's own consumer is kept when it registers and
    // called the way Chromium calls it: with real FileSystemFileHandles (from the origin's private
    // file system), while the app shows another view.
    await page.context().addInitScript(() => {
      const queue = (window as { launchQueue?: { setConsumer(c: unknown): void } }).launchQueue;
      if (!queue) return;
      const original = queue.setConsumer.bind(queue);
      queue.setConsumer = (consumer) => {
        (window as { __hearthLaunch?: unknown }).__hearthLaunch = consumer;
        original(consumer);
      };
    });
    await page.goto(`${env.app.url}/#/talk`);
    await page.reload(); // a new document, so the init script runs before the app's entry
    await expect.poll(() => page.evaluate(() => 'launchQueue' in window)).toBe(true);
    await expect.poll(() => page.evaluate(() => typeof (window as { __hearthLaunch?: unknown }).__hearthLaunch)).toBe('function');
    await page.evaluate(async (text) => {
      const root = await navigator.storage.getDirectory();
      const handle = await root.getFileHandle('opened-note.txt', { create: true });
      const writable = await handle.createWritable();
      await writable.write(text);
      await writable.close();
      const consume = (window as unknown as { __hearthLaunch: (p: object) => void }).__hearthLaunch;
      consume({ files: [handle], targetURL: location.href });
    }, 'The gutter needs clearing before the rains.');
    await page.waitForURL(/#\/knowledge$/);
    await expect.poll(() => row(page, 'opened-note.txt').getAttribute('data-stage'), { timeout: 60_000 }).toBe('done');
    await documentRow(page, 'opened-note.txt').waitFor();
    await searchFor(page, 'gutter');
    const gutter = await markedSources(page, 'gutter');
    expect(gutter.length).toBeGreaterThan(0);
    for (const source of gutter) expect(source).toMatch(/^opened-note\.txt\b/);
  });
});
