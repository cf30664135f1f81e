// Encryption at rest with a passphrase, and "Erase everything", in real Chromium with the real CPU
// engine (stories260K) writing the answers that get stored.
import { describe, expect, test } from 'vitest';
import { download, freshSession, waitForState } from '../support/models-page';
import { modelTestEnv } from '../support/model-test-env';
import { ask, composer, dumpIndexedDb, openTalk, questions, settledAnswer } from '../support/talk-page';
import { storeCounts } from '../support/stored-bytes';

const STORIES = 'Test: stories260K (TinyStories)';
const PASSPHRASE = 'correct horse battery';
const env = modelTestEnv();

describe('privacy', () => {
  test('a passphrase locks conversations (PBKDF2 >= 600,000), a wrong one is refused; Erase everything wipes them', async () => {
    const session = env.use(await freshSession(env.app.url, env.mirror.url, { webgpu: false }));
    const { page } = session;
    await download(page, STORIES);
    await waitForState(page, STORIES, 'ready');
    expect((await storeCounts(page)).fileBytes).toBeGreaterThan(0); // the weights are in OPFS
    await openTalk(page);
    const canary = 'Once upon a time quokka-91c3';
    await ask(page, canary);
    await settledAnswer(page);

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('New passphrase').fill(PASSPHRASE);
    await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Set passphrase' }).click();
    await page.getByRole('status').filter({ hasText: 'Passphrase set.' }).waitFor({ timeout: 30_000 });

    const dump = await dumpIndexedDb(page);
    expect(dump).not.toContain('quokka-91c3');
    const iterations = /## hearth-vault\/meta[\s\S]*?iterations\n(\d+)/.exec(dump);
    expect(iterations, 'the vault records its PBKDF2 iteration count').not.toBeNull();
    expect(Number(iterations![1])).toBeGreaterThanOrEqual(600_000);

    await page.reload();
    await page.getByRole('link', { name: 'Talk' }).click();
    await page.getByRole('heading', { name: 'Unlock your conversations' }).waitFor();
    expect(await composer(page).count()).toBe(0); // nothing of the conversations shows while locked
    await page.getByLabel('Passphrase').fill('wrong horse battery');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('alert').filter({ hasText: 'That passphrase is not right' }).waitFor({ timeout: 30_000 });
    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page
      .getByRole('navigation', { name: 'Conversations' })
      .getByRole('button', { name: /quokka-91c3/ })
      .click({ timeout: 30_000 });
    await questions(page).getByText(canary).waitFor();

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Erase everything' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase everything on this device?' });
    await Promise.all([
      page.waitForEvent('load', { timeout: 30_000 }),
      dialog.getByRole('button', { name: 'Erase everything' }).click(),
    ]);
    await page.getByRole('link', { name: 'Talk' }).click();
    // Erased: no passphrase asked, no conversation, no model left to answer with.
    await page.getByText('No language model is downloaded yet').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('heading', { name: 'Unlock your conversations' }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Conversations' }).getByRole('listitem').count()).toBe(0);
    const after = await dumpIndexedDb(page);
    expect(after).not.toContain('quokka-91c3');
    expect(after).not.toMatch(/## hearth-models\/chunks\n[^#]/); // no model bytes left in IndexedDB …
    expect(await storeCounts(page)).toMatchObject({ pieces: 0, bytes: 0 }); // … nor in OPFS
  });
});
