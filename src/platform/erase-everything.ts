// "Erase everything": every database this app writes, and every cache but the app shell's own
// precache (deleting that would only stop the app opening offline; it holds no personal data).
// Callers close their own connections first; databases also close themselves on 'versionchange'.
import { CONVERSATIONS_DB_NAME } from './conversation-store';
import { VAULT_DB_NAME } from './crypto-vault';
import { RESPONSES_DB_NAME } from './response-cache-store';

export const APP_DATABASES = [CONVERSATIONS_DB_NAME, RESPONSES_DB_NAME, VAULT_DB_NAME, 'hearth-settings', 'hearth-models'] as const;

const isShell = (name: string) => name.startsWith('workbox-precache');

export async function eraseEverything(): Promise<{ databases: string[]; caches: string[] }> {
  const databases: string[] = [];
  for (const name of APP_DATABASES) {
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.deleteDatabase(name);
      req.onsuccess = () => resolve();
      req.onerror = () => reject(req.error ?? new Error(`Could not delete ${name}`));
    });
    databases.push(name);
  }
  const erased: string[] = [];
  if (typeof caches !== 'undefined') {
    for (const name of await caches.keys()) {
      if (!isShell(name) && (await caches.delete(name))) erased.push(name);
    }
  }
  return { databases, caches: erased };
}
