// Fault figures, tab kills: the page closed (no unload handlers) or the browser process killed with
// SIGKILL, half of the kills mid-download and half mid-answer, on one persistent profile opened again
// after each kill. Counted, not timed: downloads resumed from what the store had committed (the
// mirror's Range requests say where each one started), bytes fetched again per kill, questions lost,
// partial answers kept and marked "stopped". The model is the generated 56 MB random-weight llama:
// big enough to be cut at a random point of its download, and it never ends an answer by itself.
import type { ModelEntry } from '../src/catalog/types';
import { download, waitForState, button } from '../test/support/models-page';
import { ask, waitForStreamedText } from '../test/support/talk-page';
import {
  killAndReopen,
  mirrorFile,
  openProfile,
  storedBytes,
  talkAfterReopen,
  waitForStoredBytes,
  type KillKind,
  type ProfileOptions,
} from '../test/support/tab-kill';
import type { Servers } from './servers';
import { makeTempDir } from './temp-dirs';
import { say } from './ui-text';
import { prng } from './prng';

export interface DownloadKill {
  kind: KillKind;
  /** Bytes of the file committed when the kill came (read after the reopen). */
  storedAtKill: number;
  /** The resume's first Range request started at exactly the stored bytes (and not at 0). */
  resumedFromStored: boolean;
  /** Bytes the mirror sent for the file in this cycle beyond its size: sent before the kill and lost. */
  refetchedBytes: number;
  /** Of those, what the app had received (its progress bar) but not yet committed when the kill came;
   *  the rest was still in the network's buffers (socket, Chromium's network service). */
  receivedNotStored: number;
  /** The card reached "Ready to use" (every byte verified against the catalog's SHA-256). */
  verified: boolean;
}

export interface AnswerKill {
  kind: KillKind;
  /** Characters of the answer on screen just before the kill. */
  charsOnScreen: number;
  /** Characters of the answer shown after the reopen. */
  charsKept: number;
  questionsAsked: number;
  questionsShown: number;
  /** The answer is there, marked as cut off ("stopped"), and begins as the one on screen did. */
  keptAndMarked: boolean;
}

export interface TabKillResult {
  model: string;
  fileBytes: number;
  kills: number;
  downloads: DownloadKill[];
  answers: AnswerKill[];
  summary: {
    downloadKills: number;
    resumedFromStored: number;
    verified: number;
    refetchedBytesPerKill: { median: number; max: number; mean: number };
    receivedNotStoredPerKill: { median: number; max: number };
    answerKills: number;
    questionsLost: number;
    partialAnswersKeptAndMarked: number;
  };
}

const squash = (s: string) => s.replace(/\s+/g, '');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : 0;
};

export async function measureTabKills(
  servers: Servers,
  model: ModelEntry,
  kills: number,
  log: (line: string) => void,
): Promise<TabKillResult> {
  const file = model.files[0]!;
  const random = prng(11);
  const profile = makeTempDir('hearth-bench-kill-profile-');
  const opts: ProfileOptions = {
    appUrl: servers.app.url,
    mirrorUrl: servers.mirror.url,
    dir: profile.dir,
    args: servers.trap.args,
  };
  const kindOf = (i: number): KillKind => (i % 2 === 0 ? 'process killed' : 'page closed');
  const downloadKills = Math.ceil(kills / 2);
  const downloads: DownloadKill[] = [];
  const answers: AnswerKill[] = [];
  let session = await openProfile(opts);
  try {
    for (let i = 0; i < downloadKills; i++) {
      const kind = kindOf(i);
      servers.mirror.resetLog();
      await download(session.page, model.name, { expectLicence: i === 0 });
      const target = Math.floor((0.1 + 0.8 * random()) * file.bytes);
      const committed = await waitForStoredBytes(session.page, model, file.path, target);
      const received = Number(await session.page.locator('.download-status progress').first().getAttribute('value'));
      session = await killAndReopen(session, kind, opts, '#/models');
      const storedAtKill = await storedBytes(session.page, model, file.path);
      await waitForState(session.page, model.name, 'partial');
      await button(session.page, 'Resume', model.name).click();
      await waitForState(session.page, model.name, 'ready', 300_000);
      const sent = mirrorFile(servers.mirror, model, file.path);
      // All of it on disk (killed between the last write and "ready"): resuming needs no request.
      const resumedFromStored =
        storedAtKill > 0 &&
        (storedAtKill === file.bytes
          ? sent.rangeStarts.length === 1
          : sent.rangeStarts.length === 2 && sent.rangeStarts[1] === storedAtKill);
      downloads.push({
        kind,
        storedAtKill,
        resumedFromStored,
        refetchedBytes: sent.bytesSent - file.bytes,
        receivedNotStored: Math.max(0, received - committed),
        verified: true,
      });
      log(
        `tab kill ${i + 1}/${kills} (${kind}, download): ${storedAtKill} bytes kept, ${sent.bytesSent - file.bytes} fetched again, ` +
          `${Math.max(0, received - committed)} of them received by the app but not stored`,
      );
      if (i < downloadKills - 1) {
        await button(session.page, 'Delete', model.name).click();
        await session.page.getByRole('button', { name: say('models.delete.confirm'), exact: true }).click();
        await waitForState(session.page, model.name, 'absent');
      }
    }

    // Long answers, so every kill lands while the model writes.
    const { page } = session;
    await page.getByRole('link', { name: say('nav.settings') }).click();
    await page.getByRole('spinbutton', { name: 'Longest answer (tokens)' }).fill('2000');
    await page.getByRole('button', { name: 'Save assistant settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByRole('link', { name: say('nav.talk') }).click();
    let asked = 0;
    for (let j = 0; j < kills - downloadKills; j++) {
      const kind = kindOf(j);
      await ask(session.page, `Question ${j + 1}: once upon a time`);
      asked++;
      const onScreen = await waitForStreamedText(session.page, 40 + Math.floor(random() * 360), 300_000);
      session = await killAndReopen(session, kind, opts, '#/talk');
      const after = await talkAfterReopen(session.page, asked);
      const kept = squash(after.lastText);
      const shown = squash(onScreen);
      const common = Math.min(kept.length, shown.length);
      answers.push({
        kind,
        charsOnScreen: shown.length,
        charsKept: kept.length,
        questionsAsked: asked,
        questionsShown: after.questions,
        keptAndMarked: after.lastStatus === 'stopped' && kept.length > 0 && kept.slice(0, common) === shown.slice(0, common),
      });
      log(
        `tab kill ${downloadKills + j + 1}/${kills} (${kind}, answer): ${after.questions}/${asked} questions, ${kept.length}/${shown.length} characters kept, ${after.lastStatus}`,
      );
    }
  } finally {
    await session.launched.close().catch(() => {});
    profile.remove();
  }
  const refetched = downloads.map((d) => d.refetchedBytes);
  return {
    model: model.name,
    fileBytes: file.bytes,
    kills,
    downloads,
    answers,
    summary: {
      downloadKills: downloads.length,
      resumedFromStored: downloads.filter((d) => d.resumedFromStored).length,
      verified: downloads.filter((d) => d.verified).length,
      refetchedBytesPerKill: {
        median: median(refetched),
        max: Math.max(0, ...refetched),
        mean: refetched.length ? refetched.reduce((a, b) => a + b, 0) / refetched.length : 0,
      },
      receivedNotStoredPerKill: {
        median: median(downloads.map((d) => d.receivedNotStored)),
        max: Math.max(0, ...downloads.map((d) => d.receivedNotStored)),
      },
      answerKills: answers.length,
      questionsLost: answers.reduce((s, a) => s + Math.max(0, a.questionsAsked - a.questionsShown), 0),
      partialAnswersKeptAndMarked: answers.filter((a) => a.keptAndMarked).length,
    },
  };
}

const MB = (n: number) => `${(n / 1e6).toFixed(2)} MB`;

export function formatTabKills(r: TabKillResult): string {
  const s = r.summary;
  const rows = [
    ['kills (page closed / process killed, half mid-download, half mid-answer)', String(r.kills)],
    ['downloads resumed from the stored bytes', `${s.resumedFromStored}/${s.downloadKills}`],
    ['downloads completed and verified (SHA-256)', `${s.verified}/${s.downloadKills}`],
    [
      'bytes fetched again per kill (median / mean / max)',
      `${MB(s.refetchedBytesPerKill.median)} / ${MB(s.refetchedBytesPerKill.mean)} / ${MB(s.refetchedBytesPerKill.max)}`,
    ],
    [
      '  of which received by the app, not yet stored (median / max)',
      `${MB(s.receivedNotStoredPerKill.median)} / ${MB(s.receivedNotStoredPerKill.max)}`,
    ],
    ['questions lost', String(s.questionsLost)],
    ['partial answers kept and marked', `${s.partialAnswersKeptAndMarked}/${s.answerKills}`],
  ];
  const width = Math.max(...rows.map(([k]) => k!.length));
  return [
    `Fault figures: tab kills (${r.model}, ${MB(r.fileBytes)})`,
    ...rows.map(([k, v]) => `  ${k!.padEnd(width)}  ${v}`),
  ].join('\n');
}
