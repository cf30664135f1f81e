// The two rules every browser test keeps without asking: no page breaks the Content Security Policy,
// and nothing asks for an origin other than the app, the mirror and the local hosts a test set up.
// launchBrowser() watches every context; test/support/e2e-setup.ts fails the test that broke a rule.
// A test that breaks one on purpose takes what it expected with `take()`. Test tooling, not product code.
import type { BrowserContext, Page } from 'playwright-core';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
export const isLoopback = (url: URL) => LOOPBACK_HOSTS.has(url.hostname) || /^127(\.\d+){3}$/.test(url.hostname);
export const isNetwork = (url: URL) => /^(https?|wss?):$/.test(url.protocol);

/** Loopback ports of servers the harness started: the app, the mirror, a broker, a stand-in server. */
const localPorts = new Set<string>();

/** Admits a loopback server the harness started (any loopback name for its port, http or ws). */
export function allowLocalOrigin(url: string): void {
  const parsed = new URL(url);
  if (!isLoopback(parsed)) throw new Error(`allowLocalOrigin: ${url} is not a loopback address`);
  localPorts.add(parsed.port || (parsed.protocol === 'https:' || parsed.protocol === 'wss:' ? '443' : '80'));
}

/** Why a URL may not be asked for, or null when it may. */
export function offLimits(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `a malformed URL: ${raw}`;
  }
  if (!isNetwork(url)) return null; // data:, blob:, chrome-extension: never leave the browser
  if (!isLoopback(url)) return `a request to another origin: ${raw}`;
  const port = url.port || (url.protocol === 'https:' || url.protocol === 'wss:' ? '443' : '80');
  return localPorts.has(port) ? null : `a request to a local port no test server listens on: ${raw}`;
}

export class PageProblems {
  private found: string[] = [];

  add(problem: string): void {
    if (!this.found.includes(problem)) this.found.push(problem);
  }

  /** Everything recorded and not yet taken. */
  get list(): readonly string[] {
    return this.found;
  }

  /** Removes and returns the problems matching `match`: a test that provokes a violation takes it. */
  take(match: RegExp): string[] {
    const taken = this.found.filter((p) => match.test(p));
    this.found = this.found.filter((p) => !match.test(p));
    return taken;
  }

  /** Removes and returns everything. */
  drain(): string[] {
    return this.take(/[^]*/);
  }
}

/** Every watch of a context still open, and what closed contexts left behind unread. */
const watches = new Set<PageProblems>();
const leftBehind = new PageProblems();

/** Problems of every context since the last call, for the end of each test. */
export function unreadProblems(): string[] {
  return [...leftBehind.drain(), ...[...watches].flatMap((w) => w.drain())];
}

// Chromium 156 words these "... violates the following Content Security Policy directive ..."; older
// builds began with "Refused to".
const CSP_CONSOLE = /Refused to|Content Security Policy/;

export interface ContextWatch {
  problems: PageProblems;
  /** Hands what is left to the end-of-test check; call when the context closes. */
  release(): void;
}

/** Records CSP violations (the DOM event of every document, the console lines Chromium prints, which
 *  also carry a dedicated worker's) and off-limits requests of pages, workers and the service worker. */
export async function watchContext(context: BrowserContext): Promise<ContextWatch> {
  const problems = new PageProblems();
  watches.add(problems);
  await context.exposeBinding('__hearthCspViolation', ({ page }, text: string) =>
    problems.add(`CSP violation on ${page?.url() ?? 'a page'}: ${text}`),
  );
  await context.addInitScript(() => {
    const seen: string[] = [];
    Object.defineProperty(globalThis, '__cspViolations', { value: seen });
    addEventListener('securitypolicyviolation', (e) => {
      const text = `${e.effectiveDirective} blocked ${e.blockedURI || 'inline code'} at ${e.sourceFile}:${e.lineNumber}`;
      seen.push(text);
      const report = (globalThis as { __hearthCspViolation?: (t: string) => void }).__hearthCspViolation;
      report?.(text);
    });
  });
  problemsByContext.set(context, problems);
  // WebSockets bypass route() and, once routed, Playwright's websocket event: off-limits ones are
  // refused here (offNetworkGuard records the ones it refuses itself through recordProblem).
  await context.routeWebSocket(
    (url) => offLimits(url.href) !== null,
    (ws) => {
      problems.add(offLimits(ws.url())!);
      return ws.close({ code: 1008, reason: 'off-limits for tests' });
    },
  );
  context.on('request', (request) => {
    const why = offLimits(request.url());
    if (why) problems.add(why);
  });
  const watchPage = (page: Page) => {
    page.on('websocket', (ws) => {
      const why = offLimits(ws.url());
      if (why) problems.add(why);
    });
    page.on('console', (m) => {
      if (CSP_CONSOLE.test(m.text())) problems.add(`CSP console line on ${page.url()}: ${m.text()}`);
    });
    consoleLines.set(page, collectLogLines(page, problems));
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  return {
    problems,
    release: () => {
      watches.delete(problems);
      for (const p of problems.drain()) leftBehind.add(p);
    },
  };
}

const problemsByContext = new WeakMap<BrowserContext, PageProblems>();

/** For guards that intercept a request before the watch can see it. */
export function recordProblem(context: BrowserContext, problem: string): void {
  problemsByContext.get(context)?.add(problem);
}

const consoleLines = new WeakMap<Page, { lines: string[]; ready: Promise<void> }>();

// A dedicated worker's violations reach neither the window's event nor Playwright's console events,
// only the page's DevTools Log domain (Log.enable also replays what was logged before it).
function collectLogLines(page: Page, problems: PageProblems): { lines: string[]; ready: Promise<void> } {
  const lines: string[] = [];
  const ready = page
    .context()
    .newCDPSession(page)
    .then(async (cdp) => {
      cdp.on('Log.entryAdded', ({ entry }) => {
        if (!CSP_CONSOLE.test(entry.text) || lines.includes(entry.text)) return;
        lines.push(entry.text);
        problems.add(`CSP console line on ${page.url()}: ${entry.text}`);
      });
      await cdp.send('Log.enable');
    })
    .catch(() => {}); // the page closed first
  return { lines, ready };
}

/** The CSP violations one page has seen (its documents' events and the console lines). */
export async function cspViolations(page: Page): Promise<string[]> {
  const watched = consoleLines.get(page);
  await watched?.ready;
  const events = await page.evaluate(() => [...((globalThis as { __cspViolations?: string[] }).__cspViolations ?? [])]);
  return [...events, ...(watched?.lines ?? [])];
}
