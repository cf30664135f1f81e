// Answers from the person's documents in real Chromium against the built app: "Use my documents" in
// Talk, the sources under an answer opening Knowledge's reader at the passage, a reload keeping them,
// the app's own "your documents do not contain this" when nothing relevant is found, and Summarize.
// The models are the real stories260K GGUF (llama.cpp in WebAssembly) and the random-weight BERT
// embedder from ../shared/models: this proves the plumbing (retrieval, the fit, the fence reaching the
// engine, sources saved in the sealed conversation, the links), not the quality of any answer. The
// passage is found by its keyword (the relevance rule admits keyword matches only), so the random
// vectors cannot decide which passage is cited.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { formatAxe, runAxe } from '../support/browser';
import { download, freshSession, waitForState } from '../support/models-page';
import { modelTestEnv } from '../support/model-test-env';
import { ask, lastAnswer, openTalk, settledAnswer } from '../support/talk-page';

const STORIES = 'Test: stories260K (TinyStories)';
const BERT = 'Test: tiny random BERT embeddings (fp32)';
const NOTHING = 'Your documents do not contain this';

const env = modelTestEnv();

async function openKnowledge(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Knowledge' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Knowledge' }).waitFor();
}

async function addNote(page: Page, title: string, text: string): Promise<void> {
  await page.getByLabel('Add files…').and(page.locator(':enabled')).waitFor({ timeout: 60_000 });
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Text', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.locator('li.import-row[data-stage="done"]').filter({ hasText: title }).waitFor({ timeout: 60_000 });
}

/** Both models downloaded and two notes in Knowledge. */
async function readyWithDocuments(): Promise<Page> {
  const { page } = env.use(await freshSession(env.app.url, env.mirror.url, { webgpu: false }));
  await download(page, STORIES);
  await download(page, BERT);
  await waitForState(page, STORIES, 'ready');
  await waitForState(page, BERT, 'ready');
  await openKnowledge(page);
  await addNote(
    page,
    'Boiler safety',
    [
      'Daily use: keep the radiators free of furniture and check the pressure gauge once a week.',
      '',
      'If the pilot flame goes out, the thermocouple closes the gas valve within a minute.',
    ].join('\n'),
  );
  await addNote(page, 'Garden notes', 'Water the tomatoes early in the morning.');
  return page;
}

const switchOf = (page: Page) => page.getByRole('switch', { name: 'Use my documents' });
const sourcesOf = (page: Page) => lastAnswer(page).getByRole('region', { name: 'Sources' });

describe('answers from the documents (stories260K + random BERT: plumbing, not quality)', () => {
  test('an answer cites its passage, the source opens it, a reload keeps it; nothing relevant is said plainly', async () => {
    const page = await readyWithDocuments();
    await openTalk(page);
    // On by default now that a document and an embedding model are there.
    await switchOf(page).waitFor();
    expect(await switchOf(page).isChecked()).toBe(true);

    await ask(page, 'What does the thermocouple do?');
    const answer = await settledAnswer(page);
    expect(answer.status).toBe('complete');
    expect(answer.text).not.toContain(NOTHING); // the model ran: it was given a passage
    const source = sourcesOf(page).getByRole('button', { name: '[1] Boiler safety' });
    await source.waitFor();
    expect(await sourcesOf(page).innerText()).toContain('the thermocouple');
    expect(await sourcesOf(page).getByRole('button').count()).toBe(1); // the garden note shares no word
    expect(formatAxe(await runAxe(page)), 'talk with sources').toBe('');

    // The source opens Knowledge's reader at that passage, marked.
    await source.click();
    await page.getByRole('heading', { level: 1, name: 'Knowledge' }).waitFor();
    const reader = page.getByRole('region', { name: 'Text of Boiler safety' });
    await reader.waitFor();
    await expect.poll(() => reader.locator('mark').allInnerTexts()).toEqual([expect.stringContaining('thermocouple closes')]);

    // A reload reopens the conversation with its sources (sealed with it in the vault).
    await openTalk(page);
    await page.reload();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await sourcesOf(page).getByRole('button', { name: '[1] Boiler safety' }).waitFor();

    // Nothing relevant: the app says so itself, with no sources and no model run.
    await ask(page, 'Where is the lighthouse?');
    const none = await settledAnswer(page);
    expect(none.status).toBe('complete');
    expect(none.text).toContain(NOTHING);
    expect(none.stats).toBe(''); // no model ran: no token figures
    expect(await sourcesOf(page).count()).toBe(0);

    // Switched off for this conversation: the model answers without the documents, and it stays off.
    await switchOf(page).uncheck();
    await ask(page, 'Where is the lighthouse?');
    const plain = await settledAnswer(page);
    expect(plain.text).not.toContain(NOTHING);
    expect(plain.stats).toMatch(/tokens/);
    await page.reload();
    await switchOf(page).waitFor();
    expect(await switchOf(page).isChecked()).toBe(false);
    // A new conversation starts with the default again.
    await page.getByRole('button', { name: 'New conversation' }).click();
    expect(await switchOf(page).isChecked()).toBe(true);

    // In Chinese, on a fresh load of Talk: the switch and the plain answer come in Chinese too
    // (their strings arrive with the documents chunk and before the search).
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Language', { exact: true }).selectOption('zh-CN');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '对话' }).waitFor();
    await page.goto(page.url().replace(/#.*$/, '#/talk'));
    await page.reload();
    await page.getByRole('switch', { name: '使用我的文档' }).waitFor();
    await page.getByRole('button', { name: '新对话' }).click();
    const box = page.getByRole('textbox', { name: '消息' });
    await box.fill('灯塔在哪里？');
    await box.press('Enter');
    const zhAnswer = page.locator('[role="log"] article.message-assistant[data-status="complete"]');
    await zhAnswer.waitFor({ timeout: 60_000 });
    expect(await zhAnswer.locator('.message-text').innerText()).toContain('你的文档里没有这方面的内容');
  });

  test('Summarize runs map-reduce to the end with progress, Stop stops it, the summary is kept', async () => {
    const page = await readyWithDocuments();
    // Long enough for several map steps and a reduce round in a 2k window.
    const logbook = Array.from(
      { length: 120 },
      (_, i) =>
        `Day ${i}: the boiler ran for ${i % 9} hours, the pressure was ${1 + (i % 5) / 10} bar and the radiators were warm.`,
    ).join('\n\n');
    await addNote(page, 'Logbook', logbook);
    const summarize = page.getByRole('button', { name: 'Summarize Logbook' });
    const progress = page.getByRole('progressbar', { name: 'Summarizing Logbook' });
    const row = page.locator('li.document-row').filter({ has: page.locator('strong', { hasText: /^Logbook$/ }) });

    // Stop while it runs: nothing is saved and the view says so.
    await summarize.click();
    await progress.waitFor();
    await page.getByRole('button', { name: 'Stop summarizing' }).click();
    await row.getByText('Stopped; nothing was saved.').waitFor();
    expect(await row.locator('details.document-summary').count()).toBe(0);

    // Again, to the end: the progress moves through more than one step, then the summary shows.
    await summarize.click();
    await progress.waitFor();
    const planned = await page.waitForFunction(
      () => {
        const bar = document.querySelector<HTMLProgressElement>('.summary-progress progress');
        return bar !== null && bar.value >= 1 && bar.max >= 2 ? bar.max : null;
      },
      undefined,
      { timeout: 120_000, polling: 20 },
    );
    const summary = row.locator('details.document-summary');
    await summary.waitFor({ timeout: 300_000 });
    console.log(
      `summary: about ${String(await planned.jsonValue())} steps planned; ${(await summary.innerText()).length} characters`,
    );
    // Two map groups or more, so at least one reduce step: the document did not fit one prompt.
    expect(Number(await planned.jsonValue())).toBeGreaterThanOrEqual(3);
    expect(await progress.count()).toBe(0);
    expect(formatAxe(await runAxe(page)), 'knowledge with a summary').toBe('');

    // Sealed with the document: still there after a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Knowledge' }).waitFor();
    await row.locator('details.document-summary').waitFor();
    // The reader shows it above the document's text.
    await page.getByRole('button', { name: 'Read Logbook' }).click();
    await page.locator('.document-reader details.document-summary').waitFor();
  });
});
