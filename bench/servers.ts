// The local servers a bench run talks to: the app as `npm start` serves it (from a private copy of
// dist/), the hub-layout model mirror, and the network trap that keeps Chromium off the network.
import fs from 'node:fs';
import path from 'node:path';
import type { ModelEntry } from '../src/catalog/types';
import { fileUrl } from '../src/core/model-url';
import * as appServer from '../test/support/app-server';
import * as mirrorServer from '../test/support/mirror';
import { distDir } from '../test/support/paths';
import { startNetworkTrap, type NetworkTrap } from './network-trap';
import { makeTempDir } from './temp-dirs';

export interface Servers {
  app: appServer.AppServer;
  mirror: mirrorServer.Mirror;
  trap: NetworkTrap;
  /** When the dist/ the app server serves a copy of was built. */
  distBuiltAt: string;
  /** The private copy of dist/ the app server serves. */
  appDir: string;
}

export type RunningServers = Servers & { stop(): Promise<void> };

/** `addToApp` may write more files into the copy (bench-only pages) before the server starts;
 *  `extraRoots` are more hub-layout folders the mirror serves (generated models). */
export async function startServers(
  addToApp?: (appDir: string) => Promise<void>,
  extraRoots: string[] = [],
): Promise<RunningServers> {
  const copy = makeTempDir('hearth-bench-dist-');
  const started: Partial<Servers> = { appDir: copy.dir };
  const stop = async () => {
    await Promise.allSettled([started.app?.close(), started.mirror?.close(), started.trap?.close()]);
    copy.remove();
  };
  try {
    started.distBuiltAt = await copyDist(copy.dir);
    await addToApp?.(copy.dir);
    started.trap = await startNetworkTrap();
    started.mirror = await mirrorServer.start({ extraRoots });
    started.app = await appServer.start({ outDir: copy.dir });
    return { ...(started as Servers), stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** The app is served from a private copy: others build in this tree, and a rebuild empties dist/
 *  under a running server (vite preview then dies on the vanished file). Returns dist's build time. */
async function copyDist(to: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      const builtAt = fs.statSync(path.join(distDir, 'index.html')).mtime.toISOString();
      fs.rmSync(to, { recursive: true, force: true }); // a torn earlier attempt
      fs.cpSync(distDir, to, { recursive: true });
      appServer.assertBuilt(to);
      return builtAt;
    } catch (e) {
      if (attempt === 3) throw new Error(`could not copy ${distDir} (is a build running?): ${(e as Error).message}`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

/** Reads every file once from Node, so the mirror has hashed it (it hashes on first serve, for the
 *  ETag) and the OS has cached it before either timed path asks for it. */
export async function warmMirror(mirror: mirrorServer.Mirror, models: ModelEntry[]): Promise<void> {
  for (const model of models) {
    for (const file of model.files) {
      const res = await fetch(fileUrl(mirror.url, model.repo, file.path));
      const bytes = (await res.arrayBuffer()).byteLength;
      if (!res.ok || bytes !== file.bytes) {
        throw new Error(`mirror answered ${res.status} with ${bytes} bytes for ${model.repo}/${file.path}`);
      }
    }
  }
  mirror.resetLog();
}

export const modelUrls = (mirrorUrl: string, model: ModelEntry): string[] =>
  model.files.map((f) => fileUrl(mirrorUrl, model.repo, f.path));
