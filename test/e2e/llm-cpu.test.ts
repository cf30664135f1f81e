// The CPU language model through the model store, in real Chromium with WebGPU absent: llama.cpp
// (wllama) runs the real trained stories260K TinyStories model from the local mirror, then again
// offline from IndexedDB alone. Its continuation of "Once upon a time" is English, so the test
// asserts on words, not just on some output.
import { describe, expect, test } from 'vitest';
import { expectNoCspViolations } from '../support/browser';
import { download, freshSession, llmCheck, reloadModels, runCheck, waitForState } from '../support/models-page';
import { modelTestEnv } from '../support/model-test-env';
import { storyWords } from '../support/story-words';

const STORIES = 'Test: stories260K (TinyStories)';

const env = modelTestEnv();

/** The words the model wrote after the prompt, lower-cased. */
const continuationWords = (sample: string) =>
  sample
    .replace(/^Once upon a time/, '')
    .toLowerCase()
    .match(/[a-z]+/g) ?? [];

function expectStory(result: { sample: string; status: string }) {
  expect(result.sample).toMatch(/^Once upon a time/);
  const words = continuationWords(result.sample);
  const common = storyWords(words.join(' '));
  expect(common.size, `common words in: ${result.sample}`).toBeGreaterThanOrEqual(3);
  const check = llmCheck(result.status);
  expect(check, result.status).not.toBeNull();
  expect(check!.tokensPerSecond).toBeGreaterThan(0);
  expect(check!.ttftMs).toBeGreaterThanOrEqual(0);
  return check!;
}

describe('CPU language model (llama.cpp / wllama)', () => {
  test('stories260K downloads, writes English on this device, then again offline from the store', async () => {
    const session = env.use(await freshSession(env.app.url, env.mirror.url, { webgpu: false }));
    const { page, context, guard } = session;
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await download(page, STORIES);
    await waitForState(page, STORIES, 'ready');

    const online = expectStory(await runCheck(page, STORIES));
    console.log(`stories260K online: ${JSON.stringify(online)}`);

    await context.setOffline(true);
    try {
      env.mirror.resetLog();
      await reloadModels(page);
      await waitForState(page, STORIES, 'ready');
      const offline = expectStory(await runCheck(page, STORIES));
      console.log(`stories260K offline: ${JSON.stringify(offline)}`);
      expect(env.mirror.requests).toEqual([]);
    } finally {
      await context.setOffline(false);
    }
    expect(guard.blocked).toEqual([]);
    await expectNoCspViolations(page);
  });
});
