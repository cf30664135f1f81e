// Part 7 (`startup`): what the first view costs. (a) The JS a first visit to Talk fetches before it is
// on screen (gzipped bytes of each built file; the same count as test/e2e/first-view.test.ts), in
// English and in Chinese (a second language is a chunk of its own). (b) First contentful paint of the
// installed app with the network off (the service worker serving), reloaded N times.
// With BENCH_BASELINE_DIST=<another build> both builds are measured in the same run, alternating
// A B, B A, …, each from its own origin (own service worker), and the table gives app/baseline.
import type { BrowserContext } from 'playwright-core';
import * as appServer from '../test/support/app-server';
import { waitForServiceWorker } from '../test/support/app-page';
import { launchBrowser } from '../test/support/browser';
import { measureFirstView, watchFirstView, type LoadedScript } from '../test/support/first-view';
import type { Servers } from './servers';
import { summarise, type Summary } from './stats';
import { formatTable } from './table';

/** Offline reloads per rep and build. */
const OFFLINE_LOADS = 5;

export interface BuildStartup {
  build: string;
  /** JS of the first view of Talk, fresh profile, English and Chinese browser. */
  firstViewJs: { locale: string; gzipBytes: number; rawBytes: number; scripts: LoadedScript[] }[];
  /** First contentful paint of the first (online, no service worker) visit, ms. */
  onlineFcpMs: Summary;
  /** First contentful paint with the network off and the service worker serving, ms. */
  offlineFcpMs: Summary;
  offlineSamples: number[];
}

export interface StartupResult {
  app: BuildStartup;
  baseline?: BuildStartup;
  /** median offline FCP app / baseline (below 1 = faster), and the same of the fastest. */
  offlineFcpRatio?: number;
  offlineFcpRatioFastest?: number;
  /** first-view JS gzip app / baseline (English). */
  jsRatio?: number;
}

interface Target {
  name: string;
  url: string;
  dir: string;
  online: number[];
  offline: number[];
  js: BuildStartup['firstViewJs'];
}

async function firstVisitJs(
  target: Target,
  locale: string,
  proxyArgs: string[],
): Promise<{ fcpMs: number; js: BuildStartup['firstViewJs'][number] }> {
  const browser = await launchBrowser({ webgpu: false, locale, args: proxyArgs });
  try {
    await watchFirstView(browser.context);
    const first = await measureFirstView(browser.context, target.url, target.dir, '#/talk');
    return {
      fcpMs: first.fcpMs,
      js: { locale, gzipBytes: first.jsGzipBytes, rawBytes: first.jsRawBytes, scripts: first.scripts },
    };
  } finally {
    await browser.close();
  }
}

async function offlinePaints(context: BrowserContext, target: Target): Promise<number[]> {
  const page = await context.newPage();
  await page.goto(`${target.url}/#/talk`);
  await waitForServiceWorker(page); // installed: the precache is complete
  await page.close();
  await context.setOffline(true);
  try {
    const paints: number[] = [];
    for (let i = 0; i < OFFLINE_LOADS; i++) {
      const view = await measureFirstView(context, target.url, target.dir, '#/talk');
      paints.push(view.fcpMs);
      await view.page.close();
    }
    return paints;
  } finally {
    await context.setOffline(false);
  }
}

async function oneRep(target: Target, proxyArgs: string[], rep: number): Promise<void> {
  const en = await firstVisitJs(target, 'en-US', proxyArgs);
  target.online.push(en.fcpMs);
  if (rep === 1) target.js.push(en.js, (await firstVisitJs(target, 'zh-CN', proxyArgs)).js);
  const browser = await launchBrowser({ webgpu: false, args: proxyArgs });
  try {
    await watchFirstView(browser.context);
    target.offline.push(...(await offlinePaints(browser.context, target)));
  } finally {
    await browser.close();
  }
}

const summary = (t: Target): BuildStartup => ({
  build: t.name,
  firstViewJs: t.js,
  onlineFcpMs: summarise(t.online),
  offlineFcpMs: summarise(t.offline),
  offlineSamples: t.offline,
});

export async function measureStartup(servers: Servers, reps: number, baselineDir?: string): Promise<StartupResult> {
  const app: Target = { name: 'app', url: servers.app.url, dir: servers.appDir, online: [], offline: [], js: [] };
  const baselineServer = baselineDir ? await appServer.start({ outDir: baselineDir }) : null;
  try {
    const baseline: Target | null = baselineServer && {
      name: `baseline (${baselineDir})`,
      url: baselineServer.url,
      dir: baselineDir!,
      online: [],
      offline: [],
      js: [],
    };
    for (let rep = 1; rep <= reps; rep++) {
      const order = baseline ? (rep % 2 ? [app, baseline] : [baseline, app]) : [app];
      for (const target of order) await oneRep(target, servers.trap.args, rep);
    }
    const a = summary(app);
    if (!baseline) return { app: a };
    const b = summary(baseline);
    return {
      app: a,
      baseline: b,
      offlineFcpRatio: a.offlineFcpMs.median / b.offlineFcpMs.median,
      offlineFcpRatioFastest: a.offlineFcpMs.min / b.offlineFcpMs.min,
      jsRatio: a.firstViewJs[0]!.gzipBytes / b.firstViewJs[0]!.gzipBytes,
    };
  } finally {
    await baselineServer?.close();
  }
}

const kb = (bytes: number) => (bytes / 1000).toFixed(1);
const ms = (s: Summary) => `${s.median.toFixed(0)} (${s.min.toFixed(0)}-${s.max.toFixed(0)})`;

export function startupTable(r: StartupResult): string {
  const builds = [r.app, ...(r.baseline ? [r.baseline] : [])];
  const rows = builds.map((b) => {
    const js = (locale: string) => b.firstViewJs.find((j) => j.locale === locale);
    const en = js('en-US');
    const zh = js('zh-CN');
    return [
      b.build,
      en ? `${kb(en.gzipBytes)} (${en.scripts.length} files)` : '-',
      zh ? kb(zh.gzipBytes) : '-',
      ms(b.onlineFcpMs),
      ms(b.offlineFcpMs),
    ];
  });
  const table = formatTable(['build', 'first-view JS KB gzip (en)', 'zh-CN', 'FCP online ms', 'FCP offline ms (SW)'], rows);
  if (r.offlineFcpRatio === undefined) return table;
  return (
    `${table}\napp/baseline: first-view JS ${r.jsRatio!.toFixed(2)}, offline FCP ${r.offlineFcpRatio.toFixed(2)} ` +
    `(fastest ${r.offlineFcpRatioFastest!.toFixed(2)}; below 1 = faster)`
  );
}
