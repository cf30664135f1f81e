// A stored file damaged on disk (one byte inverted in IndexedDB): found when the engine reads it,
// explained on the model's card with the file's name, and repaired with one tap that downloads that
// file only, after which the model loads again. The random-weight BERT fixture (several files).
import { describe, expect, test } from 'vitest';
import { button, card, download, freshSession, reloadModels, runCheck, waitForState } from '../support/models-page';
import { ALL_MODELS } from '../support/all-models';
import { modelTestEnv } from '../support/model-test-env';
import { flipStoredByte } from '../support/stored-bytes';

const BERT = 'Test: tiny random BERT embeddings (fp32)';
const REPO = 'test/tiny-random-bert-embed';
const MODEL = ALL_MODELS.find((m) => m.name === BERT)!;
const DAMAGED = 'onnx/model.onnx';

const env = modelTestEnv();

/** GET requests the mirror answered since its log was reset, per path. */
function getsPerPath(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of env.mirror.requests) if (r.method === 'GET') counts[r.path] = (counts[r.path] ?? 0) + 1;
  return counts;
}

describe('a damaged stored file', () => {
  test('is named at load, survives a reload as damaged, and Repair refetches that file only', async () => {
    const { page } = env.use(await freshSession(env.app.url, env.mirror.url));
    await download(page, BERT);
    await waitForState(page, BERT, 'ready');
    await flipStoredByte(page, REPO, DAMAGED);

    // Load: the engine's read finds the damage; the card turns to its damaged state (the check's own
    // line goes with the check button) and names the model and the file.
    await page.getByRole('button', { name: `Test on this device: ${BERT}`, exact: true }).click();
    await waitForState(page, BERT, 'damaged');
    const alert = card(page, BERT).getByRole('alert');
    await expect.poll(() => alert.innerText()).toContain(`${BERT} cannot be used: ${DAMAGED} no longer matches`);

    // The mark is stored, not only shown: a reload still says so, and the model is not offered as ready.
    await reloadModels(page);
    await waitForState(page, BERT, 'damaged');

    env.mirror.resetLog();
    await button(page, 'Repair', BERT).click();
    await waitForState(page, BERT, 'ready');
    // One request, for the damaged file; none for the model's other files.
    expect(getsPerPath()).toEqual({ [`/${REPO}/resolve/main/${DAMAGED}`]: 1 });
    expect(MODEL.files.length).toBeGreaterThan(1);
    expect((await runCheck(page, BERT, 60_000)).status).toMatch(/Works: 32-dimensional embedding/);

    // "Check files" re-hashes on demand: all clear now, and it finds damage without a load.
    await button(page, 'Check files of', BERT).click();
    const outcome = card(page, BERT).locator('.model-actions > p.ok, .model-actions > p.error');
    await outcome.waitFor();
    expect(await outcome.innerText()).toBe(`All ${MODEL.files.length} files match what was downloaded.`);
    await flipStoredByte(page, REPO, 'tokenizer.json');
    await button(page, 'Check files of', BERT).click();
    await waitForState(page, BERT, 'damaged');
    await expect.poll(() => alert.innerText()).toContain('tokenizer.json no longer matches');
  });
});
