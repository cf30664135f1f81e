// "Erase everything": every database this app writes (conversations, keys, cached answers, timers,
// saved home connections, settings, model records), every file in the origin private file system (model bytes) and every Cache Storage
// entry except the service worker's precache of the app shell. That
// one holds only the app's own files, and the worker answers every page load from it: deleting it
// would stop the app opening at all until its next update.
import { MODELS_DB_NAME } from '../store/db';
import { CONVERSATIONS_DB_NAME } from './conversation-store';
import { closeVaultDb, VAULT_DB_NAME } from './crypto-vault';
import { RESPONSES_DB_NAME } from './response-cache-store';
import { TIMERS_DB_NAME } from './timer-store';
import { StorageError } from '../core/errors';

/** settings-store.ts opens it under this name. */
const SETTINGS_DB_NAME = 'hearth-settings';
/** home-connection-store.ts opens it under this name (not imported: that module would then load
 *  with the vault, in Talk's first view). */
const HOME_CONNECTIONS_DB_NAME = 'hearth-home-connections';

export const APP_DATABASES = [
  CONVERSATIONS_DB_NAME,
  RESPONSES_DB_NAME,
  TIMERS_DB_NAME,
  HOME_CONNECTIONS_DB_NAME,
  VAULT_DB_NAME,
  SETTINGS_DB_NAME,
  MODELS_DB_NAME,
] as const;

export interface Closable {
  close(): void;
}

export interface EraseReport {
  /** Databases that existed and are gone. */
  databases: string[];
  /** Still held open elsewhere (another tab, a worker): deleted as soon as that connection closes;
   *  OPFS entries named here were in use (a download writing) and are still there. */
  pending: string[];
  caches: string[];
  /** Top-level entries of the origin private file system that are gone. */
  files: string[];
}

const isShell = (name: string) => name.startsWith('workbox-precache');

/** Closes `open` (and the vault's connection) first: a delete waits for every connection to close.
 *  Our stores also close themselves on 'versionchange'; a connection that does not, for instance in
 *  another tab, leaves its database in `pending` after `blockedWaitMs` instead of hanging here. */
export async function eraseEverything(open: Closable[] = [], { blockedWaitMs = 5000 } = {}): Promise<EraseReport> {
  for (const store of open) store.close();
  closeVaultDb();
  // databases() is missing in older engines: then every name counts as erased.
  const existing = typeof indexedDB.databases === 'function' ? new Set((await indexedDB.databases()).map((d) => d.name)) : null;
  const report: EraseReport = { databases: [], pending: [], caches: [], files: [] };
  for (const name of APP_DATABASES) {
    const outcome = await deleteDatabase(name, blockedWaitMs);
    if (outcome === 'pending') report.pending.push(name);
    else if (!existing || existing.has(name)) report.databases.push(name);
  }
  await eraseFileSystem(report);
  if (typeof caches !== 'undefined') {
    for (const name of await caches.keys()) {
      if (!isShell(name) && (await caches.delete(name))) report.caches.push(name);
    }
  }
  return report;
}

async function eraseFileSystem(report: EraseReport): Promise<void> {
  if (typeof navigator === 'undefined' || !navigator.storage?.getDirectory) return;
  const root = await navigator.storage.getDirectory();
  const names: string[] = [];
  for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
  for (const name of names) {
    try {
      await root.removeEntry(name, { recursive: true });
      report.files.push(name);
    } catch {
      report.pending.push(name);
    }
  }
}

function deleteDatabase(name: string, blockedWaitMs: number): Promise<'deleted' | 'pending'> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    let timer: ReturnType<typeof setTimeout> | undefined;
    req.onsuccess = () => {
      clearTimeout(timer);
      resolve('deleted');
    };
    req.onerror = () => {
      clearTimeout(timer);
      reject(req.error ?? new StorageError(`Could not delete ${name}`));
    };
    req.onblocked = () => {
      timer ??= setTimeout(() => resolve('pending'), blockedWaitMs);
    };
  });
}
