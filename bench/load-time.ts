// Opening a stored model against getting it the first time. Each rep is a fresh profile:
//   a) download to "Ready to use", then the first "Test … on this device" load,
//   b) the same load after a page reload (a new page, so a new embed worker), from the store,
//   c) the same again with the browser offline (the service worker serves the page).
// Loads are the app's own "loaded in X ms" (worker-side: runtime, weights from IndexedDB, warm-up).
import type { ModelEntry } from '../src/catalog/types';
import { checkViaUi, downloadViaUi, type TimedCheck } from './app-driver';
import { withSession } from './session';
import type { Servers } from './servers';
import { summarise, type Summary } from './stats';

export interface LoadSample {
  rep: number;
  downloadMs: number;
  first: TimedCheck;
  reload: TimedCheck;
  offline: TimedCheck;
  /** Requests the mirror saw during the offline load: must be 0. */
  offlineMirrorRequests: number;
  /** a = downloadMs + first.loadMs */
  freshMs: number;
}

export interface LoadResult {
  model: string;
  samples: LoadSample[];
  freshMs: Summary;
  downloadMs: Summary;
  firstLoadMs: Summary;
  reloadLoadMs: Summary;
  offlineLoadMs: Summary;
  /** median(b) / median(a) and median(c) / median(a). */
  reloadRatio: number;
  offlineRatio: number;
  /** The same with the fastest of each: on a shared machine, other work only ever adds time. */
  reloadRatioFastest: number;
  offlineRatioFastest: number;
}

/** Names the step in a failure: the three loads look alike otherwise. */
async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw new Error(`${name}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

async function oneRep(servers: Servers, model: ModelEntry, rep: number): Promise<LoadSample> {
  return withSession(servers, async (session) => {
    const { page } = session;
    const download = await step('a) download', () => downloadViaUi(page, model));
    const first = await step('a) first load', () => checkViaUi(page, model));
    await session.openModels(); // reload: the old page and its worker are gone
    const reload = await step('b) load after a reload', () => checkViaUi(page, model));
    await session.context.setOffline(true);
    try {
      servers.mirror.resetLog();
      await session.openModels();
      const offline = await step('c) offline load', () => checkViaUi(page, model));
      const offlineMirrorRequests = servers.mirror.requests.length;
      return { rep, downloadMs: download.ms, first, reload, offline, offlineMirrorRequests, freshMs: download.ms + first.loadMs };
    } finally {
      await session.context.setOffline(false);
    }
  });
}

export async function measureLoad(servers: Servers, model: ModelEntry, reps: number): Promise<LoadResult> {
  const samples: LoadSample[] = [];
  for (let rep = 1; rep <= reps; rep++) samples.push(await oneRep(servers, model, rep));
  const freshMs = summarise(samples.map((s) => s.freshMs));
  const reloadLoadMs = summarise(samples.map((s) => s.reload.loadMs));
  const offlineLoadMs = summarise(samples.map((s) => s.offline.loadMs));
  return {
    model: model.name,
    samples,
    freshMs,
    downloadMs: summarise(samples.map((s) => s.downloadMs)),
    firstLoadMs: summarise(samples.map((s) => s.first.loadMs)),
    reloadLoadMs,
    offlineLoadMs,
    reloadRatio: reloadLoadMs.median / freshMs.median,
    offlineRatio: offlineLoadMs.median / freshMs.median,
    reloadRatioFastest: reloadLoadMs.min / freshMs.min,
    offlineRatioFastest: offlineLoadMs.min / freshMs.min,
  };
}
