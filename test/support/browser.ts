// Launches the system Chromium for e2e tests and watches what a page does: requests that would leave
// the machine, Content Security Policy violations, accessibility (axe). Test tooling, not product code.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Result, RunOptions } from 'axe-core';
import { cspViolations, isLoopback, isNetwork, offLimits, recordProblem, watchContext, type PageProblems } from './page-guards';

export { cspViolations };

/** `npx playwright install` cannot work here (no internet): always the distribution's Chromium. */
export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

const BASE_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
// Headless Chromium has no GPU here; SwiftShader gives a real (slow) WebGPU adapter. It needs a secure
// context, so pages must be served from http://localhost.
const WEBGPU_ARGS = ['--enable-unsafe-webgpu', '--enable-unsafe-swiftshader', '--use-webgpu-adapter=swiftshader'];

export interface LaunchOptions {
  /** false = the no-WebGPU case: navigator.gpu exists but requestAdapter() resolves null. */
  webgpu: boolean;
  /** A WAV file the fake microphone plays (in a loop); permission prompts are auto-accepted. */
  fakeMicWav?: string;
  /** With fakeMicWav: refuse the microphone permission instead of accepting it (the person said no). */
  denyMic?: boolean;
  /** A persistent profile (e.g. a temp dir): needed for installability checks, which an incognito context fails. */
  persistentDir?: string;
  args?: string[];
  /** BCP-47 locale of the context (navigator.languages), e.g. 'zh-CN'. */
  locale?: string;
  /** 'block': a browser that runs the app without its service worker (not for persistent profiles). */
  serviceWorkers?: 'allow' | 'block';
}

export interface LaunchedBrowser {
  /** null for a persistent profile, which has no separate Browser object. */
  browser: Browser | null;
  context: BrowserContext;
  /** CSP violations and off-limits requests not yet taken; each test fails on what is left. */
  problems: PageProblems;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(options: LaunchOptions): Promise<LaunchedBrowser> {
  const { webgpu, fakeMicWav, denyMic = false, persistentDir, args = [], locale, serviceWorkers = 'allow' } = options;
  if (fakeMicWav && !fs.existsSync(fakeMicWav)) throw new Error(`fake microphone file not found: ${fakeMicWav}`);
  const micArgs = fakeMicWav
    ? [
        ...(denyMic ? [] : ['--use-fake-ui-for-media-stream']),
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-audio-capture=${fakeMicWav}`,
      ]
    : [];
  const launch = {
    executablePath: chromiumPath,
    headless: true,
    args: [...BASE_ARGS, ...(webgpu ? WEBGPU_ARGS : []), ...micArgs, ...args],
  };
  const browser = persistentDir ? null : await chromium.launch(launch);
  const context = browser
    ? await browser.newContext({ ...(locale ? { locale } : {}), serviceWorkers })
    : await chromium.launchPersistentContext(persistentDir!, { ...launch, ...(locale ? { locale } : {}) });
  const watch = await watchContext(context);
  return {
    browser,
    context,
    problems: watch.problems,
    newPage: () => context.newPage(),
    close: async () => {
      watch.release();
      await context.close();
      await browser?.close();
    },
  };
}

export interface NetworkGuard {
  /** URLs the page (or its workers and service worker) tried to reach and was stopped from reaching. */
  blocked: string[];
}

/** Aborts and records every request that is not to a loopback host, or, when `allowedOrigins` is
 *  given, to one of those (loopback) origins. Install it before the first navigation. */
export async function offNetworkGuard(context: BrowserContext, allowedOrigins?: string[]): Promise<NetworkGuard> {
  for (const origin of allowedOrigins ?? []) {
    if (!isLoopback(new URL(origin))) throw new Error(`offNetworkGuard: ${origin} is not a loopback origin`);
  }
  const allowed = (url: URL) => !isNetwork(url) || (isLoopback(url) && (!allowedOrigins || allowedOrigins.includes(url.origin)));
  const guard: NetworkGuard = { blocked: [] };
  // context-level routes also see dedicated workers' and the service worker's requests
  await context.route(
    () => true,
    (route) => {
      const url = route.request().url();
      if (allowed(new URL(url))) return route.fallback();
      guard.blocked.push(url);
      return route.abort('blockedbyclient');
    },
  );
  // WebSockets bypass route(); only the forbidden ones are routed, so local ones stay untouched
  await context.routeWebSocket(
    (url) => !allowed(url),
    (ws) => {
      guard.blocked.push(ws.url());
      const why = offLimits(ws.url());
      if (why) recordProblem(context, why);
      return ws.close({ code: 1008, reason: 'off-network guard' });
    },
  );
  return guard;
}

export async function expectNoCspViolations(page: Page): Promise<void> {
  const found = await cspViolations(page);
  if (found.length > 0) throw new Error(`CSP violations on ${page.url()}:\n  ${found.join('\n  ')}`);
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page and returns its violations (WCAG 2.x A and AA rules unless `options` says
 *  otherwise). The source goes in through page.evaluate (DevTools Runtime.evaluate), which a strict
 *  CSP does not govern; a <script> tag (page.addScriptTag) would be refused by script-src. */
export async function runAxe(
  page: Page,
  options: RunOptions = {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  },
): Promise<Result[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  return page.evaluate(async (opts) => {
    const { axe } = globalThis as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: Result[] }> } };
    return (await axe.run(document, opts)).violations;
  }, options);
}

/** One line per violation and node, for assertion messages. */
export const formatAxe = (violations: Result[]): string =>
  violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} - ${v.help}`)).join('\n');

/** Reasons Chromium would not offer to install the page as an app (empty = installable). Needs a
 *  persistent profile: an ordinary context always reports "in-incognito". */
export async function installabilityErrors(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    return installabilityErrors.map((e) => e.errorId);
  } finally {
    await cdp.detach();
  }
}
