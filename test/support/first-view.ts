// What the first view costs a browser: every JS file a page load fetches before the view is on
// screen, and when the first paint came. Used by the size budget test (test/e2e/first-view.test.ts)
// and the bench's startup part. Sizes are of the built files gzipped here (zlib's default level, as
// Vite's build report), so they do not depend on whether the server compresses.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';

export interface LoadedScript {
  /** Path on the app's origin, e.g. /assets/index-abc123.js */
  path: string;
  rawBytes: number;
  gzipBytes: number;
}

export interface FirstView {
  /** JS files requested before the view's heading was shown and the first contentful paint. */
  scripts: LoadedScript[];
  jsRawBytes: number;
  jsGzipBytes: number;
  /** first-contentful-paint, ms from navigation start. */
  fcpMs: number;
  /** When the view's h1 was first in the DOM, ms from navigation start. */
  viewShownMs: number;
}

const SCRIPT = /\.m?js$/;

/** Records when `main h1` first appears, from the page's first moment (an init script: the app's CSP
 *  does not apply to it). Call once per context, before opening pages. */
export async function watchFirstView(context: BrowserContext): Promise<void> {
  // A string, not a function: tsx (the bench) would wrap named arrows in an esbuild helper the page lacks.
  await context.addInitScript(`(() => {
    const observer = new MutationObserver(() => {
      if ('__viewShownAt' in globalThis || !document.querySelector('main h1')) return;
      Object.defineProperty(globalThis, '__viewShownAt', { value: performance.now() });
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  })();`);
}

/** Opens `hash` in a new page of a context prepared by watchFirstView, waits for the view and its
 *  first paint, and lists what JS it took. `distDir` is the build the server serves. */
export async function measureFirstView(
  context: BrowserContext,
  appUrl: string,
  distDir: string,
  hash = '#/talk',
): Promise<FirstView & { page: Page }> {
  const page = await context.newPage();
  await page.goto(`${appUrl}/${hash}`);
  await page.locator('main h1').waitFor();
  const timing = await page.evaluate(async () => {
    const fcp = await new Promise<number>((resolve) => {
      const seen = performance.getEntriesByName('first-contentful-paint')[0];
      if (seen) return resolve(seen.startTime);
      new PerformanceObserver((list, obs) => {
        const entry = list.getEntriesByName('first-contentful-paint')[0];
        if (entry) {
          obs.disconnect();
          resolve(entry.startTime);
        }
      }).observe({ type: 'paint', buffered: true });
    });
    const shown = (globalThis as { __viewShownAt?: number }).__viewShownAt ?? NaN;
    if (!Number.isFinite(shown)) throw new Error('the first-view watcher did not run (watchFirstView before opening the page)');
    const until = Math.max(fcp, shown);
    const urls = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => e.startTime <= until)
      .map((e) => e.name);
    return { fcp, shown, urls };
  });
  const origin = new URL(appUrl).origin;
  const paths = [
    ...new Set(
      timing.urls
        .map((u) => new URL(u))
        .filter((u) => u.origin === origin && SCRIPT.test(u.pathname))
        .map((u) => u.pathname),
    ),
  ];
  const scripts = paths.map((p) => {
    const bytes = fs.readFileSync(path.join(distDir, decodeURIComponent(p)));
    return { path: p, rawBytes: bytes.length, gzipBytes: zlib.gzipSync(bytes).length };
  });
  return {
    page,
    scripts,
    jsRawBytes: scripts.reduce((n, s) => n + s.rawBytes, 0),
    jsGzipBytes: scripts.reduce((n, s) => n + s.gzipBytes, 0),
    fcpMs: timing.fcp,
    viewShownMs: timing.shown,
  };
}
