// The browser process killed (SIGKILL: no unload handler, no last save) once mid-download and once
// mid-answer, on a persistent profile that is then opened again: the download resumes from the bytes
// the store had committed, the question is still there and the partial answer is kept and marked.
// `npm run bench -- faults` does the same 20 times (bench/faults-kills.ts). The model is the bench's
// generated 56 MB random-weight llama: big enough to be cut mid-download, slow enough to be cut
// mid-answer (it never writes an end-of-text token).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { RANDOM_LLAMA, writeRandomLlama } from '../../bench/random-gguf';
import { ALL_MODELS } from '../support/all-models';
import { modelTestEnv } from '../support/model-test-env';
import { button, download, waitForState } from '../support/models-page';
import { ask, lastAnswer, waitForStreamedText } from '../support/talk-page';
import {
  killAndReopen,
  mirrorFile,
  openProfile,
  storedBytes,
  talkAfterReopen,
  waitForStoredBytes,
  type ProfileOptions,
  type ProfileSession,
} from '../support/tab-kill';

const MODEL = ALL_MODELS.find((m) => m.repo === RANDOM_LLAMA.repo)!;
const FILE = RANDOM_LLAMA.path;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-kill-models-'));
const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-kill-profile-'));
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(profileDir, { recursive: true, force: true });
});

const env = modelTestEnv({
  extraRoots: () => {
    writeRandomLlama(root);
    return [root];
  },
});

const blocked: string[] = [];
/** Hands the session to the env (checked for CSP and off-network requests after the test). */
function use(session: ProfileSession): ProfileSession {
  env.use({
    launched: session.launched,
    context: session.launched.context,
    page: session.page,
    guard: session.guard!,
    close: () => session.launched.close(),
  });
  return session;
}

const squash = (s: string) => s.replace(/\s+/g, '');

describe('tab kills on a persistent profile', () => {
  test('a killed browser resumes its download from what was stored and keeps the question and partial answer', async () => {
    const opts: ProfileOptions = { appUrl: env.app.url, mirrorUrl: env.mirror.url, dir: profileDir, guard: true };
    let session = use(await openProfile(opts));

    // Mid-download: killed once a third of the file is committed.
    await download(session.page, MODEL.name);
    await waitForStoredBytes(session.page, MODEL, FILE, Math.floor(MODEL.files[0]!.bytes / 3));
    blocked.push(...session.guard!.blocked);
    session = use(await killAndReopen(session, 'process killed', opts, '#/models'));
    const kept = await storedBytes(session.page, MODEL, FILE);
    expect(kept).toBeGreaterThan(0);
    await waitForState(session.page, MODEL.name, 'partial');
    env.mirror.resetLog();
    await button(session.page, 'Resume', MODEL.name).click();
    await waitForState(session.page, MODEL.name, 'ready');
    const resumed = mirrorFile(env.mirror, MODEL, FILE);
    expect(resumed.rangeStarts).toEqual([kept]); // one request, from the first byte not stored
    expect(resumed.bytesSent).toBe(MODEL.files[0]!.bytes - kept);

    // Mid-answer: a long answer, killed while it streams.
    const { page } = session;
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('spinbutton', { name: 'Longest answer (tokens)' }).fill('2000');
    await page.getByRole('button', { name: 'Save assistant settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByRole('link', { name: 'Talk' }).click();
    await ask(page, 'Once upon a time');
    await waitForStreamedText(page, 80);
    const onScreen = await waitForStreamedText(page, 200); // still streaming: a few saves have happened
    blocked.push(...session.guard!.blocked);
    session = use(await killAndReopen(session, 'process killed', opts, '#/talk'));
    const after = await talkAfterReopen(session.page, 1);
    expect(after.questions).toBe(1); // no question lost
    expect(after.lastStatus).toBe('stopped'); // marked as cut off
    await lastAnswer(session.page).getByText('Stopped —').waitFor();
    const keptText = squash(after.lastText);
    expect(keptText.length).toBeGreaterThan(0);
    const common = Math.min(keptText.length, squash(onScreen).length);
    expect(keptText.slice(0, common)).toBe(squash(onScreen).slice(0, common));
    expect(blocked).toEqual([]);
  }, 900_000);
});
