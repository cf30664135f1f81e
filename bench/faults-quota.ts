// Fault figures, storage running out: before each trial the origin's quota is set (CDP
// Storage.overrideQuotaForOrigin; Chromium applies it to storage opened afterwards, so the page is
// reloaded) to what is in use plus a seeded random part of the generated GGUF, and the model is
// downloaded through the Models view. Wanted: a clear error on the card, no model marked ready that is
// not whole, the bytes that fit kept for a resume, Delete giving the space back (as
// navigator.storage.estimate() reports it), and, with the quota restored, the same download finishing.
import type { ModelEntry } from '../src/catalog/types';
import { deleteViaUi, downloadViaUi } from './app-driver';
import type { Servers } from './servers';
import { openSession } from './session';
import { say } from './ui-text';
import { prng } from './prng';

export interface QuotaTrial {
  /** Room left for the model when the download began (bytes). */
  roomBytes: number;
  /** The card said so in words ("Not enough storage space…"). */
  clearError: boolean;
  errorText: string;
  /** The quota held: the download stopped short of the whole model. */
  enforced: boolean;
  /** The store marked the model ready although its stored bytes are not the whole file. */
  markedReady: boolean;
  /** Model bytes still stored after the failure (kept for a resume). */
  keptBytes: number;
  usageAfterFailure: number;
  usageAfterDelete: number;
  /** With the quota restored, the download finished and verified. */
  laterDownloadReady: boolean;
}

export interface QuotaResult {
  model: string;
  fileBytes: number;
  trials: QuotaTrial[];
}

export async function measureQuota(
  servers: Servers,
  model: ModelEntry,
  trials: number,
  log: (l: string) => void,
): Promise<QuotaResult> {
  const random = prng(23);
  const fileBytes = model.files.reduce((sum, f) => sum + f.bytes, 0);
  const results: QuotaTrial[] = [];
  const origin = new URL(servers.app.url).origin;
  // What the installed app uses before any model: the quota of each trial is this plus the room.
  const plain = await openSession(servers);
  const installed = (await plain.page.evaluate('navigator.storage.estimate().then((e) => e.usage ?? 0)')) as number;
  await plain.close();
  for (let i = 0; i < trials; i++) {
    const roomBytes = Math.round((0.05 + 0.9 * random()) * fileBytes);
    // A fresh profile each time, the quota set before the app's first visit: Chromium applies an
    // override only to storage opened after it (the service worker keeps the origin's open).
    const session = await openSession(servers, {
      beforeVisit: async (context) => {
        const blank = await context.newPage();
        const cdp = await context.newCDPSession(blank);
        await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: installed + roomBytes });
        await cdp.detach();
        await blank.close();
      },
    });
    try {
      const { page } = session;
      const cdp = await session.context.newCDPSession(page);
      const usage = () => page.evaluate('navigator.storage.estimate().then((e) => e.usage ?? 0)') as Promise<number>;
      const modelBytes = () =>
        page.evaluate(`(async () => {
          const db = await new Promise((res, rej) => { const q = indexedDB.open('hearth-models'); q.onsuccess = () => res(q.result); q.onerror = () => rej(q.error); });
          const files = await new Promise((res) => { const q = db.transaction('files').objectStore('files').getAll(); q.onsuccess = () => res(q.result); });
          const models = await new Promise((res) => { const q = db.transaction('models').objectStore('models').getAll(); q.onsuccess = () => res(q.result); });
          db.close();
          return { stored: files.reduce((s, f) => s + f.storedBytes, 0), ready: models.some((m) => m.id === ${JSON.stringify(model.id)} && m.state === 'ready') };
        })()`) as Promise<{ stored: number; ready: boolean }>;
      const trial: QuotaTrial = {
        roomBytes,
        clearError: false,
        errorText: '',
        enforced: false,
        markedReady: false,
        keptBytes: 0,
        usageAfterFailure: 0,
        usageAfterDelete: 0,
        laterDownloadReady: false,
      };
      try {
        await downloadViaUi(page, model);
      } catch (e) {
        trial.errorText = e instanceof Error ? e.message : String(e);
      }
      trial.clearError = /Not enough storage space/.test(trial.errorText);
      const after = await modelBytes();
      trial.enforced = after.stored < fileBytes;
      trial.markedReady = after.ready && after.stored !== fileBytes;
      trial.keptBytes = after.stored;
      trial.usageAfterFailure = await usage();
      // The failed card offers Cancel (which deletes what was stored) while its job is there.
      const cancel = page.getByRole('button', { name: say('models.action.cancelNamed', { name: model.name }), exact: true });
      if (await cancel.isVisible()) {
        await cancel.click();
        await page.locator('article.model-card .model-state[data-state="absent"]').first().waitFor();
      } else await deleteViaUi(page, model).catch(() => {});
      trial.usageAfterDelete = await usage();
      // Back to the real quota, which may only take effect for storage opened later: measured as is.
      await cdp.send('Storage.overrideQuotaForOrigin', { origin });
      await session.openModels();
      try {
        await downloadViaUi(page, model);
        trial.laterDownloadReady = (await modelBytes()).ready;
      } catch {
        trial.laterDownloadReady = false;
      }
      results.push(trial);
      log(
        `quota: trial ${i + 1}: room ${(roomBytes / 1e6).toFixed(1)} MB, ${trial.clearError ? 'clear error' : `error "${trial.errorText}"`}, ` +
          `${trial.enforced ? 'stopped short' : 'QUOTA NOT ENFORCED'}, ${trial.markedReady ? 'MARKED READY' : 'not marked ready'}, ` +
          `kept ${(trial.keptBytes / 1e6).toFixed(1)} MB, usage ${(trial.usageAfterFailure / 1e6).toFixed(1)} -> ` +
          `${(trial.usageAfterDelete / 1e6).toFixed(1)} MB after Cancel, then ${trial.laterDownloadReady ? 'ready' : 'NOT ready'}`,
      );
    } finally {
      await session.close();
    }
  }
  return { model: model.name, fileBytes, trials: results };
}

export function formatQuota(r: QuotaResult): string {
  const t = r.trials;
  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
  const freed = t.map((x) => x.usageAfterFailure - x.usageAfterDelete);
  return [
    `Fault figures, storage running out (${r.model}, ${mb(r.fileBytes)}, quota = usage + a random 5-95 % of the model)`,
    `  clear error on the card                 ${t.filter((x) => x.clearError).length}/${t.length}`,
    `  quota held (download stopped short)     ${t.filter((x) => x.enforced).length}/${t.length}`,
    `  marked ready while not whole            ${t.filter((x) => x.markedReady).length}`,
    `  bytes kept for a resume (median)        ${mb([...t.map((x) => x.keptBytes)].sort((a, b) => a - b)[t.length >> 1] ?? 0)}`,
    `  Cancel gave back (estimate, min-max)    ${mb(Math.min(...freed))}-${mb(Math.max(...freed))}`,
    `  same download ready after quota reset   ${t.filter((x) => x.laterDownloadReady).length}/${t.length}`,
  ].join('\n');
}
