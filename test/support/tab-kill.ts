// Tab kills on a persistent profile: the page closed, or the whole browser process killed with
// SIGKILL (no unload, no flush), then the same profile opened again. Shared by the e2e test and
// `npm run bench -- faults` (test tooling, not product code).
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { launchBrowser, offNetworkGuard, type LaunchedBrowser, type NetworkGuard } from './browser';
import { useMirror, waitForServiceWorker } from './app-page';
import type { Mirror } from './mirror';
import type { ModelEntry } from '../../src/catalog/types';
import { fileUrl } from '../../src/core/model-url';
import { bytesKept } from './stored-bytes';

export type KillKind = 'page closed' | 'process killed';

export interface ProfileSession {
  launched: LaunchedBrowser;
  page: Page;
  /** Off-network guard of this launch (the e2e test checks it); null in the bench (its trap does it). */
  guard: NetworkGuard | null;
}

export interface ProfileOptions {
  appUrl: string;
  mirrorUrl: string;
  dir: string;
  /** Extra Chromium flags (the bench's network trap). */
  args?: string[];
  /** Installs the e2e tests' off-network guard. */
  guard?: boolean;
}

/** Opens the profile in `dir`; the first time, installs the app and points it at the mirror. */
export async function openProfile(opts: ProfileOptions, hash = '#/models'): Promise<ProfileSession> {
  const first = !fs.existsSync(`${opts.dir}/Default`);
  const launched = await launchBrowser({ webgpu: false, persistentDir: opts.dir, args: [...(opts.args ?? []), '--lang=en-US'] });
  try {
    const guard = opts.guard ? await offNetworkGuard(launched.context) : null;
    // A persistent context opens with a blank tab: use it, so a closed page leaves none behind.
    const page = launched.context.pages()[0] ?? (await launched.context.newPage());
    if (first) {
      await page.goto(`${opts.appUrl}/#/settings`);
      await waitForServiceWorker(page);
      await useMirror(page, opts.appUrl, opts.mirrorUrl);
    }
    await page.goto(`${opts.appUrl}/${hash}`);
    await page.locator('main h1').waitFor();
    return { launched, page, guard };
  } catch (e) {
    await launched.close().catch(() => {});
    throw e;
  }
}

/** The browser's main process for a profile: the one Chromium started with this user-data-dir and
 *  no --type= (renderers, GPU and utility processes carry one). */
export function browserPid(dir: string): number | null {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone meanwhile
    }
    if (args.includes(`--user-data-dir=${dir}`) && !args.some((a) => a.startsWith('--type='))) return Number(entry);
  }
  return null;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] !== 'Z';
  } catch {
    return false;
  }
};

/** Ends the session the hard way and opens the profile again. 'page closed': the tab is closed without
 *  its unload handlers and a new one opened; 'process killed': SIGKILL to the browser process. */
export async function killAndReopen(
  session: ProfileSession,
  kind: KillKind,
  opts: ProfileOptions,
  hash: string,
): Promise<ProfileSession> {
  if (kind === 'page closed') {
    await session.page.close({ runBeforeUnload: false });
    const page = await session.launched.context.newPage();
    await page.goto(`${opts.appUrl}/${hash}`);
    await page.locator('main h1').waitFor();
    return { ...session, page };
  }
  const pid = browserPid(opts.dir);
  if (pid === null) throw new Error(`no browser process found for ${opts.dir}`);
  process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 200 && alive(pid); i++) await new Promise((r) => setTimeout(r, 25));
  await session.launched.close().catch(() => {}); // the connection is gone; this only tidies up
  return openProfile(opts, hash);
}

/** Bytes of a model file on disk that a resume keeps (stored-bytes.ts). */
export const storedBytes = (page: Page, model: ModelEntry, path: string): Promise<number> =>
  bytesKept(page, `${model.repo}@main/${path}`);

/** Waits until at least `bytes` of the file are on disk (polled). */
export async function waitForStoredBytes(
  page: Page,
  model: ModelEntry,
  path: string,
  bytes: number,
  timeout = 120_000,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    const stored = await storedBytes(page, model, path);
    if (stored >= bytes) return stored;
    if (Date.now() - started > timeout) throw new Error(`only ${stored} of ${bytes} bytes of ${path} stored after ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** What the mirror did for one file since its log was reset: bytes sent, and the first byte each GET asked for. */
export function mirrorFile(mirror: Mirror, model: ModelEntry, path: string): { bytesSent: number; rangeStarts: number[] } {
  const urlPath = new URL(fileUrl(mirror.url, model.repo, path)).pathname;
  const gets = mirror.requests.filter((r) => r.method === 'GET' && r.path === decodeURIComponent(urlPath));
  return {
    bytesSent: gets.reduce((s, r) => s + r.bytes, 0),
    rangeStarts: gets.map((r) => Number(/^bytes=(\d+)-/.exec(r.range ?? '')?.[1] ?? 0)),
  };
}

/** The last answer in Talk after a reopen: its state, text, and the number of questions on screen. */
export async function talkAfterReopen(
  page: Page,
  asked: number,
  timeout = 30_000,
): Promise<{ questions: number; lastStatus: string; lastText: string }> {
  const log = page.getByRole('log', { name: 'Conversation' });
  const questions = log.getByRole('article', { name: 'You' });
  const answers = log.getByRole('article', { name: 'Hearth' });
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  // Talk reopens the conversation it had open; wait for it, but report fewer questions as lost.
  const started = Date.now();
  while ((await questions.count()) < asked && Date.now() - started < timeout) await new Promise((r) => setTimeout(r, 50));
  const last = answers.last();
  const settled = answers.and(page.locator('article:not([data-status="streaming"])')).last();
  if ((await answers.count()) > 0) await settled.waitFor({ timeout });
  return {
    questions: await questions.count(),
    lastStatus: (await answers.count()) ? ((await last.getAttribute('data-status')) ?? '') : '',
    lastText: (await answers.count()) ? await last.locator('.message-text').innerText() : '',
  };
}
