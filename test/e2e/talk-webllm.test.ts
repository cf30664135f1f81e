// The WebGPU path end to end in Chromium with SwiftShader's WebGPU adapter. No MLC model can run
// without a real GPU, so this app build replaces @mlc-ai/web-llm with a double AT THE LIBRARY BOUNDARY
// (HEARTH_WEBLLM_DOUBLE=1; test/support/doubles/web-llm.ts): everything of ours is real — the download of a
// generated repo in MLC's layout (test/support/fake-mlc-model.ts) with its shards and model library,
// the store, the store-backed cache the engine reads, the llm worker and its router, the Talk view,
// the fallback to llama.cpp after a lost GPU. The double reads every file the way web-llm 0.2.86
// does and answers "Echo: <your words>". It proves plumbing, not WebLLM itself (see README).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeFakeMlcModel, type FakeMlcModel } from '../support/fake-mlc-model';
import { download, freshSession, waitForState, type Session } from '../support/models-page';
import { modelTestEnv } from '../support/model-test-env';
import { answerStats, ask, lastAnswer, openTalk, questions, settledAnswer, waitForStreamedText } from '../support/talk-page';

const FAKE = 'Test: fake MLC build (WebLLM engine double)';
const STORIES = 'Test: stories260K (TinyStories)';

let fake: FakeMlcModel | undefined;
beforeAll(() => void (fake = writeFakeMlcModel()));
afterAll(() => fake?.remove());
// Registered after the fixture's hooks, so the mirror starts once the fixture exists.
const env = modelTestEnv({ buildEnv: { HEARTH_WEBLLM_DOUBLE: '1' }, extraRoots: () => [fake!.root] });

async function gpuSession(models: string[]) {
  const session = env.use(await freshSession(env.app.url, env.mirror.url, { webgpu: true }));
  for (const name of models) {
    await download(session.page, name);
    await waitForState(session.page, name, 'ready');
  }
  await openTalk(session.page);
  return session;
}

const engineLine = (s: Session) => s.page.getByRole('status').filter({ hasText: 'Answers come from' });

describe('Talk on the WebGPU engine (WebLLM replaced at the library boundary)', () => {
  test('the whole MLC build is stored, WebGPU is chosen, answers stream and stop; Cache Storage holds no model file', async () => {
    const s = await gpuSession([FAKE]);
    const fetched = env.mirror.requests.filter((r) => r.method === 'GET' && r.status < 300).map((r) => r.path);
    for (const file of [
      'params_shard_0.bin',
      'params_shard_1.bin',
      'tensor-cache.json',
      'Hearth-Test-Fake-q4f32_1-webgpu.wasm',
    ]) {
      expect(
        fetched.some((p) => p.endsWith(file)),
        file,
      ).toBe(true);
    }
    await expect
      .poll(() => engineLine(s).innerText())
      .toMatch(/Test: fake MLC build .* on the GPU \(WebLLM, WebGPU\)\. Chosen because this device has a suitable GPU\./);

    await ask(s.page, 'hello brave new world');
    const answer = await settledAnswer(s.page);
    expect(answer.status).toBe('complete');
    expect(answer.text).toBe('Echo: hello brave new world');
    expect(answer.stats).toContain('GPU (WebLLM, WebGPU)');
    expect(answerStats(answer.stats)!.tokens).toBeGreaterThanOrEqual(4);

    await ask(s.page, Array.from({ length: 150 }, (_, i) => `word${i}`).join(' '));
    await waitForStreamedText(s.page, 12);
    await s.page.getByRole('button', { name: 'Stop' }).click();
    const stopped = await settledAnswer(s.page, 10_000);
    expect(stopped.status).toBe('stopped');
    expect(stopped.text.split(' ').length).toBeLessThan(100);
    await ask(s.page, 'still here');
    expect((await settledAnswer(s.page)).text).toBe('Echo: still here');

    // One copy: the engine read the store; the page's Cache Storage holds only the app shell and
    // the share inbox's key pair (its private half wrapped by the vault; the service worker seals
    // shared files with the public half).
    const cached = await s.page.evaluate(async () => {
      const out: string[] = [];
      for (const name of await caches.keys())
        for (const req of await (await caches.open(name)).keys()) out.push(`${name} ${req.url}`);
      return out;
    });
    const appShellOrInbox = /^(workbox-precache\S* |hearth-incoming-files \S+\/incoming-key\/(public|private)$)/;
    expect(cached.filter((u) => !appShellOrInbox.test(u))).toEqual([]);
    expect(cached.filter((u) => /params_shard|tensor-cache|webgpu\.wasm|model-store\.invalid/.test(u))).toEqual([]);
  });

  test('answers render as sanitised markdown; Shift+Enter adds a line; Copy copies the answer', async () => {
    const s = await gpuSession([FAKE]);
    const box = s.page.getByRole('textbox', { name: 'Message' });
    await box.fill(
      'use **bold** and `npm start` <img src=http://127.0.0.1:9/pixel.png onerror=alert(1)> [docs](https://example.org)',
    );
    await box.press('Shift+Enter');
    await box.pressSequentially('second line');
    expect(await box.inputValue()).toMatch(/\nsecond line$/);
    await box.press('Enter');
    const answer = await settledAnswer(s.page);
    expect(answer.status).toBe('complete');
    const rendered = lastAnswer(s.page).locator('.message-text');
    expect(await rendered.locator('strong').innerText()).toBe('bold');
    expect(await rendered.locator('code').innerText()).toBe('npm start');
    expect(await rendered.locator('img, [onerror]').count()).toBe(0); // a model cannot make the page fetch or run anything
    expect(await rendered.innerText()).toContain('<img src=http://127.0.0.1:9/pixel.png'); // shown as text, not markup
    const link = rendered.getByRole('link', { name: 'docs' });
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await questions(s.page).locator('.message-text').innerText()).toMatch(/\nsecond line$/);

    await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.app.url });
    await lastAnswer(s.page).getByRole('button', { name: 'Copy answer' }).click();
    await lastAnswer(s.page).getByRole('button', { name: 'Copied' }).waitFor();
    const copied = await s.page.evaluate(() => navigator.clipboard.readText());
    expect(copied.startsWith('Echo: use **bold** and `npm start`'), copied).toBe(true); // the markdown source, not the HTML
    expect(copied).toContain('[docs](https://example.org)');
  });

  test('a GPU lost mid-answer is explained and the answer is written again on the CPU, keeping the conversation', async () => {
    const s = await gpuSession([FAKE, STORIES]);
    await ask(s.page, 'first question');
    expect((await settledAnswer(s.page)).text).toBe('Echo: first question');

    await ask(s.page, 'Once upon a time #lose-gpu');
    await s.page.getByRole('alert').filter({ hasText: 'The GPU stopped working (device lost)' }).waitFor({ timeout: 60_000 });
    const retried = await settledAnswer(s.page);
    expect(retried.status).toBe('complete');
    expect(retried.stats).toContain('CPU (llama.cpp, WebAssembly)');
    expect(retried.text).not.toContain('Echo:');
    expect(await questions(s.page).locator('.message-text').allInnerTexts()).toEqual([
      'first question',
      'Once upon a time #lose-gpu',
    ]);
    expect(await lastAnswer(s.page).count()).toBe(1);
    await expect.poll(() => engineLine(s).innerText()).toMatch(/on the CPU .*The GPU failed earlier in this session/);

    // After a reload the stored conversation holds both turns and both answers.
    await s.page.reload();
    await s.page
      .getByRole('navigation', { name: 'Conversations' })
      .getByRole('button', { name: /first question/ })
      .click();
    await expect.poll(() => questions(s.page).count()).toBe(2);
    expect((await settledAnswer(s.page)).status).toBe('complete');
  });

  test('offline after the download, the GPU path answers from the store alone', async () => {
    const s = await gpuSession([FAKE]);
    await s.context.setOffline(true);
    try {
      env.mirror.resetLog();
      await s.page.reload();
      await openTalk(s.page);
      await ask(s.page, 'offline hello');
      expect((await settledAnswer(s.page)).text).toBe('Echo: offline hello');
      expect(env.mirror.requests).toEqual([]);
    } finally {
      await s.context.setOffline(false);
    }
  });
});
