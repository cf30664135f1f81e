// The [n] a model writes in an answer from the documents become links to the passage. TinyStories
// never writes "[1]", so this build answers through the WebLLM double at the library boundary
// (HEARTH_WEBLLM_DOUBLE=1, see talk-webllm.test.ts), which writes "Echo: <the question>": a question
// that carries "[1]" gets an answer that does. Everything else is the app's own: the search with the
// random-weight BERT embedder (plumbing, not meaning), the fit, the sources, the link, the reader.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeFakeMlcModel, type FakeMlcModel } from '../support/fake-mlc-model';
import { download, freshSession, waitForState } from '../support/models-page';
import { modelTestEnv } from '../support/model-test-env';
import { ask, lastAnswer, openTalk, settledAnswer } from '../support/talk-page';

const FAKE = 'Test: fake MLC build (WebLLM engine double)';
const BERT = 'Test: tiny random BERT embeddings (fp32)';

let fake: FakeMlcModel | undefined;
beforeAll(() => void (fake = writeFakeMlcModel()));
afterAll(() => fake?.remove());
const env = modelTestEnv({ buildEnv: { HEARTH_WEBLLM_DOUBLE: '1' }, extraRoots: () => [fake!.root] });

async function addNote(page: Page, title: string, text: string): Promise<void> {
  await page.getByRole('link', { name: 'Knowledge' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Knowledge' }).waitFor();
  await page.getByLabel('Add files…').and(page.locator(':enabled')).waitFor({ timeout: 60_000 });
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Text', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.locator('li.import-row[data-stage="done"]').filter({ hasText: title }).waitFor({ timeout: 60_000 });
}

describe('citation links in an answer (WebLLM double + random BERT: plumbing)', () => {
  test('a [1] the model writes links to the passage and opens it in the reader', async () => {
    const { page } = env.use(await freshSession(env.app.url, env.mirror.url, { webgpu: true }));
    for (const name of [FAKE, BERT]) {
      await download(page, name);
      await waitForState(page, name, 'ready');
    }
    await addNote(page, 'Boiler safety', 'If the pilot flame goes out, the thermocouple closes the gas valve within a minute.');
    await openTalk(page);
    await page.getByRole('switch', { name: 'Use my documents' }).waitFor();

    await ask(page, 'What does the thermocouple do [1], and what does [7] say?');
    const answer = await settledAnswer(page);
    expect(answer.text).toContain('Echo: What does the thermocouple do [1]');
    const links = lastAnswer(page).locator('.message-text a');
    // [1] names the one source and is a link; [7] names none and stays text.
    expect(await links.allInnerTexts()).toEqual(['[1]']);
    expect(await lastAnswer(page).locator('.message-text').innerText()).toContain('[7]');
    await links.first().click();
    await page.getByRole('heading', { level: 1, name: 'Knowledge' }).waitFor();
    const reader = page.getByRole('region', { name: 'Text of Boiler safety' });
    await reader.locator('mark').waitFor();
    expect(await reader.locator('mark').innerText()).toContain('thermocouple closes the gas valve');
    expect(page.context().pages()).toHaveLength(1); // the link opened no tab
  });
});
