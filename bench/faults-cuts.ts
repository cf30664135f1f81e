// Fault figures, network cuts: downloads of the generated 56 MB GGUF through the Models view while a
// proxy in front of the mirror (cutting-proxy.ts) drops the connection at random file positions. The
// app must resume each cut by itself (a Range from what it stored), verify every file's SHA-256 and
// mark the model ready; the bench then reads the stored bytes back from the disk (OPFS or IndexedDB)
// and hashes them itself, so a store that says "ready" over wrong bytes counts as a corrupt load. Counted, not timed.
import type { ModelEntry } from '../src/catalog/types';
import { fileUrl } from '../src/core/model-url';
import { deleteViaUi, downloadViaUi } from './app-driver';
import { startCuttingProxy, type ProxiedResponse } from './cutting-proxy';
import type { Servers } from './servers';
import { withSession } from './session';
import { prng } from './prng';
import { storedSha256 } from '../test/support/stored-bytes';

export interface CutDownload {
  cuts: number;
  /** Every planned cut happened (a response was closed at that position). */
  cutsMade: number;
  /** Reached "Ready to use" (the store verified the catalog SHA-256). */
  ready: boolean;
  /** The bench's own SHA-256 of the stored chunks equals the catalog's. */
  storedHashOk: boolean;
  /** Body bytes sent beyond the file's size: sent before a cut but not kept. */
  refetchedBytes: number;
  /** Every resume asked for a Range starting exactly where the previous response was cut. */
  resumedWhereCut: boolean;
  error?: string;
}

export interface NetworkCutResult {
  model: string;
  fileBytes: number;
  downloads: CutDownload[];
  summary: {
    cuts: number;
    completed: number;
    downloads: number;
    verified: number;
    corruptLoads: number;
    resumedWhereCut: number;
    refetchedPerCut: { mean: number; max: number };
  };
}

export async function measureNetworkCuts(
  servers: Servers,
  model: ModelEntry,
  totalCuts: number,
  cutsPerDownload: number,
  log: (line: string) => void,
): Promise<NetworkCutResult> {
  const file = model.files[0]!;
  if (model.files.length !== 1 || !file.sha256) throw new Error(`${model.name}: the cuts part wants one pinned file`);
  const proxy = await startCuttingProxy(servers.mirror.url);
  const random = prng(11);
  const path = new URL(fileUrl(proxy.url, model.repo, file.path)).pathname;
  const key = `${model.repo}@main/${file.path}`;
  const downloads: CutDownload[] = [];
  try {
    await withSession({ ...servers, mirror: { ...servers.mirror, url: proxy.url } }, async ({ page }) => {
      for (let made = 0; made < totalCuts; made += cutsPerDownload) {
        const cuts = Math.min(cutsPerDownload, totalCuts - made);
        const positions = Array.from({ length: cuts }, () => 1 + Math.floor(random() * (file.bytes - 1)));
        proxy.reset();
        proxy.plan({ path, positions });
        const result: CutDownload = {
          cuts,
          cutsMade: 0,
          ready: false,
          storedHashOk: false,
          refetchedBytes: 0,
          resumedWhereCut: false,
        };
        try {
          await downloadViaUi(page, model);
          result.ready = true;
          result.storedHashOk = (await storedSha256(page, key)) === file.sha256;
        } catch (e) {
          result.error = e instanceof Error ? e.message : String(e);
        }
        proxy.plan(null);
        const gets: ProxiedResponse[] = proxy.responses.filter((r) => r.path === path);
        result.cutsMade = gets.filter((r) => r.cutAt !== null).length;
        result.refetchedBytes = gets.reduce((sum, r) => sum + r.bytes, 0) - file.bytes;
        result.resumedWhereCut = gets.every((r, i) => i === 0 || r.start === gets[i - 1]!.start + gets[i - 1]!.bytes);
        downloads.push(result);
        log(
          `cuts: download ${downloads.length}: ${result.cutsMade}/${cuts} cuts, ${result.ready ? 'ready' : 'NOT ready'}, ` +
            `stored hash ${result.storedHashOk ? 'ok' : 'WRONG'}, ${result.refetchedBytes} bytes fetched again`,
        );
        await deleteViaUi(page, model).catch(() => {});
      }
    });
  } finally {
    await proxy.close();
  }
  const cutsMade = downloads.reduce((sum, d) => sum + d.cutsMade, 0);
  const perCut = downloads.filter((d) => d.cutsMade > 0).map((d) => d.refetchedBytes / d.cutsMade);
  return {
    model: model.name,
    fileBytes: file.bytes,
    downloads,
    summary: {
      cuts: cutsMade,
      downloads: downloads.length,
      completed: downloads.filter((d) => d.ready).length,
      verified: downloads.filter((d) => d.storedHashOk).length,
      corruptLoads: downloads.filter((d) => d.ready && !d.storedHashOk).length,
      resumedWhereCut: downloads.filter((d) => d.resumedWhereCut).length,
      refetchedPerCut: {
        mean: cutsMade ? downloads.reduce((sum, d) => sum + d.refetchedBytes, 0) / cutsMade : 0,
        max: Math.max(0, ...perCut),
      },
    },
  };
}

export function formatNetworkCuts(r: NetworkCutResult): string {
  const s = r.summary;
  const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
  return [
    `Fault figures, network cuts (${r.model}, ${(r.fileBytes / 1e6).toFixed(1)} MB, cut at random positions by a proxy in front of the mirror)`,
    `  cuts made                              ${s.cuts}`,
    `  downloads ready / run                  ${s.completed}/${s.downloads}`,
    `  stored bytes hashed again, SHA-256 ok  ${s.verified}/${s.downloads}`,
    `  corrupt loads (ready but wrong bytes)  ${s.corruptLoads}`,
    `  resumed exactly where cut              ${s.resumedWhereCut}/${s.downloads}`,
    `  bytes fetched again per cut            mean ${kb(s.refetchedPerCut.mean)}, worst download ${kb(s.refetchedPerCut.max)} (a chunk is 2 MiB)`,
  ].join('\n');
}
