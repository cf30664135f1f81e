// The app server, the model mirror and one browser session per test, with the checks every model
// test ends with: nothing left the machine and no page broke the CSP (test tooling).
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import * as appServer from './app-server';
import * as mirrorServer from './mirror';
import { expectNoCspViolations } from './browser';
import type { Session } from './models-page';

export interface ModelTestEnv {
  readonly app: appServer.AppServer;
  readonly mirror: mirrorServer.Mirror;
  /** Registers the test's session, checked and closed after the test. */
  use(session: Session): Session;
}

export interface ModelTestEnvOptions {
  /** Builds a variant of the app with these build-time variables (e.g. HEARTH_WEBLLM_DOUBLE) and
   *  serves it instead of dist/. */
  buildEnv?: Record<string, string>;
  /** Before the mirror starts: folders to serve besides shared/models (generated fixtures). */
  extraRoots?: () => string[];
}

export function modelTestEnv({ buildEnv, extraRoots }: ModelTestEnvOptions = {}): ModelTestEnv {
  let app: appServer.AppServer | undefined;
  let mirror: mirrorServer.Mirror | undefined;
  let session: Session | null = null;
  let outDir: string | undefined;
  beforeAll(async () => {
    if (buildEnv) outDir = await appServer.buildVariant({ buildId: 'variant', env: buildEnv });
    app = await appServer.start(outDir ? { outDir } : {});
    mirror = await mirrorServer.start({ extraRoots: extraRoots?.() ?? [] });
  }, 300_000);
  afterEach(async () => {
    mirror?.clearFaults();
    mirror?.resetLog();
    try {
      if (session) {
        expect(session.guard.blocked).toEqual([]);
        for (const page of session.context.pages()) await expectNoCspViolations(page);
      }
    } finally {
      await session?.close();
      session = null;
    }
  });
  afterAll(async () => {
    await mirror?.close();
    await app?.close();
    if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
  });
  return {
    get app() {
      if (!app) throw new Error('the app server is not started yet');
      return app;
    },
    get mirror() {
      if (!mirror) throw new Error('the mirror is not started yet');
      return mirror;
    },
    use: (s) => (session = s),
  };
}
