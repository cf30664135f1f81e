// Model downloads through the real app in real Chromium, from a local mirror that serves the shared
// test models with the hub's layout. The embedding model is a random-weight fixture: these tests
// prove storage, integrity and loading plumbing, not embedding quality.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { expectNoCspViolations, formatAxe, runAxe } from '../support/browser';
import { modelsDir } from '../support/paths';
import {
  button,
  card,
  download,
  freshSession,
  installedUsage,
  reloadModels,
  runCheck,
  stateLine,
  waitForState,
} from '../support/models-page';
import { storeCounts } from '../support/stored-bytes';
import { modelTestEnv } from '../support/model-test-env';

const BERT = 'Test: tiny random BERT embeddings (fp32)';
const BERT_ONNX = '/test/tiny-random-bert-embed/resolve/main/onnx/model.onnx';
const BERT_ONNX_BYTES = fs.statSync(path.join(modelsDir, 'test/tiny-random-bert-embed/onnx/model.onnx')).size;
const STORIES = 'Test: stories260K (TinyStories)';
const BERT_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'];

const env = modelTestEnv();

const getsFor = (p: string) => env.mirror.requests.filter((r) => r.method === 'GET' && r.path === p);

describe('model store in the browser', () => {
  test('first visit: licence, visible progress, verified download, then the stored model loads offline', async () => {
    const session = env.use(await freshSession(env.app.url, env.mirror.url));
    const { page, context, guard } = session;
    // test models stay hidden unless enabled; the session enabled them in Settings
    expect(await card(page, BERT).count()).toBe(1);
    env.mirror.fault({ match: /model\.onnx$/, kind: 'slow', bytesPerSecond: 1_500_000 });
    await button(page, 'Download', BERT).click();
    const licence = page.getByRole('dialog', { name: `Licence of ${BERT}` });
    await licence.waitFor();
    expect(await licence.innerText()).toContain('Apache-2.0');
    expect(formatAxe(await runAxe(page)), 'licence dialog').toBe('');
    await licence.getByRole('button', { name: 'Accept and download', exact: true }).click();
    const bar = page.getByRole('progressbar', { name: `Downloading ${BERT}` });
    await bar.waitFor();
    await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect
      .poll(() => card(page, BERT).locator('.progress-text').innerText(), { timeout: 30_000 })
      .toMatch(/^\d+% · [\d.]+ [kM]?B of 4\.74 MB · [\d.]+ [kM]?B\/s · .+ left$/);
    await waitForState(page, BERT, 'ready');
    expect(await stateLine(page, BERT).innerText()).toContain('Ready to use');
    expect(formatAxe(await runAxe(page)), 'models view with test models and a ready model').toBe('');
    for (const f of BERT_FILES) expect(getsFor(`/test/tiny-random-bert-embed/resolve/main/${f}`).length, f).toBe(1);

    // one copy: nothing of the model in Cache Storage, all of it in the model store
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) urls.push(r.url);
      return urls.filter((u) => !u.includes(location.host));
    });
    expect(cached).toEqual([]);
    const counts = await storeCounts(page);
    expect(counts.bytes).toBeGreaterThanOrEqual(BERT_ONNX_BYTES);
    expect(counts.fileBytes).toBe(counts.bytes); // written to OPFS by the store-writes worker, no IndexedDB chunk

    expect((await runCheck(page, BERT, 60_000)).status).toMatch(/Works: 32-dimensional embedding \(length 1\.000\)/);

    await context.setOffline(true);
    try {
      env.mirror.resetLog();
      await reloadModels(page);
      await waitForState(page, BERT, 'ready');
      expect((await runCheck(page, BERT, 60_000)).status).toMatch(/Works: 32-dimensional/);
      expect(env.mirror.requests).toEqual([]);
    } finally {
      await context.setOffline(false);
    }
    expect(guard.blocked).toEqual([]);
    await expectNoCspViolations(page);
  });

  test('a dropped connection keeps what arrived and resumes by itself, fetching only the rest', async () => {
    const session = env.use(await freshSession(env.app.url, env.mirror.url));
    const { page } = session;
    env.mirror.fault({ match: /model\.onnx$/, kind: 'drop-after', bytes: 2_600_000, times: 1 });
    await download(page, BERT);
    await waitForState(page, BERT, 'ready');
    const gets = getsFor(BERT_ONNX);
    expect(gets).toHaveLength(2);
    const resumedFrom = Number(/^bytes=(\d+)-$/.exec(gets[1]!.range ?? '')?.[1]);
    expect(resumedFrom).toBe(2_600_000); // everything the page received was stored before the resume
    expect(gets[1]!.status).toBe(206);
    expect(gets[1]!.bytes).toBe(BERT_ONNX_BYTES - resumedFrom);
    await expectNoCspViolations(page);
  });

  test('drops that store nothing end in a clear error; Resume fetches only the rest and verifies', async () => {
    const session = env.use(await freshSession(env.app.url, env.mirror.url));
    const { page } = session;
    env.mirror.fault({ match: /model\.onnx$/, kind: 'drop-after', bytes: 2_600_000, times: 1 });
    // Then every resume dies before its first byte: the downloader tries again a few times and stops.
    env.mirror.fault({ match: /model\.onnx$/, kind: 'drop-after', bytes: 0 });
    await download(page, BERT);
    await waitForState(page, BERT, 'failed');
    expect(await card(page, BERT).getByRole('alert').innerText()).toContain(
      'The connection dropped. What was downloaded is kept',
    );
    env.mirror.clearFaults();
    await button(page, 'Resume', BERT).click();
    await waitForState(page, BERT, 'ready');
    const gets = getsFor(BERT_ONNX);
    expect(gets.length).toBeGreaterThan(2); // the first, the automatic resumes, the one after Resume
    for (const g of gets.slice(1)) expect(g.range).toBe('bytes=2600000-');
    expect(gets.at(-1)!.bytes).toBe(BERT_ONNX_BYTES - 2_600_000);
    await expectNoCspViolations(page);
  });

  test('a reload mid-download resumes from the stored bytes', async () => {
    const session = env.use(await freshSession(env.app.url, env.mirror.url));
    const { page } = session;
    env.mirror.fault({ match: /model\.onnx$/, kind: 'slow', bytesPerSecond: 1_000_000 });
    await download(page, BERT);
    // wait until bytes are committed (a commit each 2 MiB in IndexedDB, each second at this speed in OPFS)
    await expect.poll(async () => (await storeCounts(page)).bytes, { timeout: 30_000 }).toBeGreaterThan(2_500_000);
    await reloadModels(page);
    // the card shows its stored state once the store has been read after the reload
    await expect.poll(() => stateLine(page, BERT).innerText(), { timeout: 15_000 }).toMatch(/Partly downloaded|Download stopped/);
    env.mirror.clearFaults();
    await button(page, 'Resume', BERT).click();
    await waitForState(page, BERT, 'ready');
    const gets = getsFor(BERT_ONNX);
    expect(gets.at(-1)!.range).toMatch(/^bytes=[1-9]\d*-$/);
    expect(gets.at(-1)!.bytes).toBeLessThan(BERT_ONNX_BYTES);
  });

  test('corrupted bytes are rejected with a clear error and nothing is marked ready', async () => {
    const session = env.use(await freshSession(env.app.url, env.mirror.url));
    const { page } = session;
    env.mirror.fault({ match: /model\.onnx$/, kind: 'corrupt', times: 1 });
    await download(page, BERT);
    await waitForState(page, BERT, 'failed');
    expect(await card(page, BERT).getByRole('alert').innerText()).toContain(
      'onnx/model.onnx was corrupted and has been discarded',
    );
    await reloadModels(page);
    await expect
      .poll(() => card(page, BERT).locator('p.model-state').getAttribute('data-state'))
      .toMatch(/^(failed|partial|absent)$/);
    await button(page, 'Resume', BERT)
      .or(button(page, 'Download', BERT))
      .first()
      .click();
    await waitForState(page, BERT, 'ready');
  });

  test('an HTTP 500 from the source is explained', async () => {
    const session = env.use(await freshSession(env.app.url, env.mirror.url));
    const { page } = session;
    env.mirror.fault({ match: /tokenizer\.json$/, kind: 'status', status: 500 });
    await download(page, BERT);
    await waitForState(page, BERT, 'failed');
    expect(await card(page, BERT).getByRole('alert').innerText()).toContain('The model source answered 500');
  });

  test('pause, resume and cancel; delete frees the space', async () => {
    const session = env.use(await freshSession(env.app.url, env.mirror.url));
    const { page } = session;
    env.mirror.fault({ match: /model\.onnx$/, kind: 'slow', bytesPerSecond: 800_000 });
    await download(page, BERT);
    await expect.poll(async () => (await storeCounts(page)).bytes, { timeout: 30_000 }).toBeGreaterThan(0);
    await button(page, 'Pause', BERT).click();
    await waitForState(page, BERT, 'paused');
    const kept = (await storeCounts(page)).bytes;
    expect(kept).toBeGreaterThan(0);
    await button(page, 'Resume', BERT).click();
    await waitForState(page, BERT, 'downloading');
    await button(page, 'Cancel', BERT).click();
    await waitForState(page, BERT, 'absent');
    expect((await storeCounts(page)).pieces).toBe(0);

    env.mirror.clearFaults();
    await download(page, BERT, { expectLicence: false }); // accepted once, not asked again
    await waitForState(page, BERT, 'ready');
    const before = await storeCounts(page);
    expect(before.bytes).toBeGreaterThan(BERT_ONNX_BYTES);
    await button(page, 'Delete', BERT).click();
    const dialog = page.getByRole('dialog', { name: `Delete ${BERT}?` });
    await dialog.getByRole('button', { name: 'Delete from this device', exact: true }).click();
    await waitForState(page, BERT, 'absent');
    expect(await storeCounts(page)).toMatchObject({ pieces: 0, bytes: 0 });
  });

  test('storage running out mid-download: a clear error, no half model ready, space given back, app works', async () => {
    // Room for the app and about half the model: estimate() keeps reporting the real quota under an
    // override, so this is the mid-download path (the up-front quota check is unit-tested).
    const installed = await installedUsage(env.app.url, env.mirror.url);
    const session = env.use(await freshSession(env.app.url, env.mirror.url, { quotaBytes: installed + 2_500_000 }));
    const { page } = session;
    await download(page, BERT);
    await waitForState(page, BERT, 'failed');
    expect(await card(page, BERT).getByRole('alert').innerText()).toMatch(/Not enough storage space/);
    expect(getsFor(BERT_ONNX).length).toBeGreaterThan(0);
    await reloadModels(page);
    await expect
      .poll(() => card(page, BERT).locator('p.model-state').getAttribute('data-state'))
      .toMatch(/^(failed|partial|absent)$/);
    expect(await stateLine(page, BERT).innerText()).not.toContain('Ready to use');

    // What did fit is kept for a resume, and the card offers to give the space back.
    const usage = () => page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    const kept = await storeCounts(page);
    expect(kept.bytes).toBeGreaterThan(0);
    const usageKept = await usage();
    await button(page, 'Delete', BERT).click();
    await page
      .getByRole('dialog', { name: `Delete ${BERT}?` })
      .getByRole('button', { name: 'Delete from this device', exact: true })
      .click();
    await waitForState(page, BERT, 'absent');
    expect(await storeCounts(page)).toMatchObject({ pieces: 0, bytes: 0 });
    await expect.poll(usage).toBeLessThan(usageKept); // navigator.storage.estimate() sees the space come back
    // The app keeps working: a model that fits in what is left downloads and verifies.
    await download(page, STORIES);
    await waitForState(page, STORIES, 'ready');
  });

  test('a model pack imported from a folder fills the store with no network', async () => {
    const session = env.use(await freshSession(env.app.url, env.mirror.url));
    const { page, guard } = session;
    env.mirror.resetLog();
    await page
      .getByRole('button', { name: 'Import model files…', exact: true })
      .setInputFiles(path.join(modelsDir, 'test', 'tiny-random-bert-embed'));
    const summary = page.getByRole('status').filter({ hasText: 'Ready to use now' });
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.innerText()).toContain(BERT);
    await waitForState(page, BERT, 'ready');
    expect(env.mirror.requests).toEqual([]);
    expect(guard.blocked).toEqual([]);
  });

  test("Settings: the mirror replaces the hub in the page's connect-src", async () => {
    const session = env.use(await freshSession(env.app.url, env.mirror.url));
    const meta = await session.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toContain(`connect-src 'self' ${new URL(env.mirror.url).origin}`);
    expect(meta).not.toContain('huggingface.co');
  });
});

describe('device capabilities', () => {
  test('without WebGPU the CPU engine is named and WebGPU models are marked', async () => {
    const session = env.use(await freshSession(env.app.url, env.mirror.url, { webgpu: false }));
    const { page } = session;
    await page.getByText('No WebGPU: the CPU engine (llama.cpp in WebAssembly) will be used.').waitFor();
    await page.getByText(/Models this device cannot run \(\d+\)/).waitFor();
    // a CPU (llama.cpp) language model is recommended; the WebGPU builds are not offered
    const recommendedLlm = page
      .getByRole('article')
      .filter({ hasText: 'llama.cpp (CPU, WebAssembly)' })
      .filter({ hasText: 'Recommended' });
    expect(await recommendedLlm.count()).toBeGreaterThanOrEqual(1);
    expect(
      await page
        .getByRole('article')
        .filter({ hasText: 'WebLLM (graphics card, WebGPU)' })
        .getByRole('button', { name: /^Download / })
        .count(),
    ).toBe(0);
    // the storage meter shows what is used of what is available
    const meter = page.getByRole('meter', { name: 'Storage used by Hearth' });
    expect(Number(await meter.getAttribute('value'))).toBeGreaterThan(0);
    await page
      .getByText(/ used of /)
      .first()
      .waitFor();
  });

  test('with WebGPU (SwiftShader) the adapter limits are read and f16 builds are ruled out', async () => {
    const session = env.use(await freshSession(env.app.url, env.mirror.url, { webgpu: true }));
    const { page } = session;
    const device = page
      .getByRole('region', { name: 'This device' })
      .or(page.locator('.card', { hasText: 'This device' }))
      .first();
    await expect.poll(() => device.innerText(), { timeout: 30_000 }).toContain('Not supported: use the f32 builds');
    expect(await device.innerText()).toMatch(/Largest GPU buffer\s*1(\.07)? ?G/);
  });
});
