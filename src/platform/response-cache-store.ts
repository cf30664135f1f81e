// Answers to identical requests (same model, same fitted context, temperature 0), keyed by
// core/response-cache-key. Sealed like conversations: an answer is conversation text. Bounded: the
// oldest entries go first once MAX_ENTRIES is reached.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { AnswerStats } from '../core/chat-types';
import type { Sealed, Vault } from './crypto-vault';

export const RESPONSES_DB_NAME = 'hearth-responses';
export const MAX_ENTRIES = 200;

export interface CachedAnswer {
  text: string;
  stats: AnswerStats;
}

interface Row {
  key: string;
  createdAt: number;
  sealed: Sealed;
}

interface ResponsesDb extends DBSchema {
  answers: { key: string; value: Row; indexes: { createdAt: number } };
}

export class ResponseCacheStore {
  private constructor(private db: IDBPDatabase<ResponsesDb>, private vault: Vault) {}

  static async open(vault: Vault, name = RESPONSES_DB_NAME): Promise<ResponseCacheStore> {
    const db = await openDB<ResponsesDb>(name, 1, {
      upgrade(database) {
        database.createObjectStore('answers', { keyPath: 'key' }).createIndex('createdAt', 'createdAt');
      },
      blocking(_current, _next, event) {
        (event.target as IDBDatabase | null)?.close();
      },
    });
    return new ResponseCacheStore(db, vault);
  }

  close(): void {
    this.db.close();
  }

  /** null on a miss, and on an entry that no longer decrypts (it is then dropped). */
  async get(key: string): Promise<CachedAnswer | null> {
    const row = await this.db.get('answers', key);
    if (!row) return null;
    const answer = await this.vault.open<CachedAnswer>(row.sealed, 'A cached answer').catch(() => null);
    if (!answer) await this.db.delete('answers', key);
    return answer;
  }

  async put(key: string, answer: CachedAnswer): Promise<void> {
    await this.db.put('answers', { key, createdAt: Date.now(), sealed: await this.vault.seal(answer) });
    const count = await this.db.count('answers');
    if (count <= MAX_ENTRIES) return;
    const tx = this.db.transaction('answers', 'readwrite');
    let cursor = await tx.store.index('createdAt').openCursor();
    for (let excess = count - MAX_ENTRIES; cursor && excess > 0; excess--) {
      await cursor.delete();
      cursor = await cursor.continue();
    }
    await tx.done;
  }

  async clear(): Promise<void> {
    await this.db.clear('answers');
  }

  /** Cached answers are cheap to recompute: a new key simply starts an empty cache. */
  async rekey(next: Vault): Promise<void> {
    await this.clear();
    this.vault = next;
  }
}
