// Answers to identical requests (same model, same fitted context, temperature 0), keyed by
// core/response-cache-key. Sealed by the vault like conversations: an answer is conversation text.
// The request hash is stored only as the vault's blind index of it: a plain SHA-256 of the context
// would let anyone with a guessed question check whether it was asked. Bounded: once MAX_ENTRIES is
// passed, the least recently used entries go first.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { AnswerStats } from '../core/chat-types';
import type { Sealed, Vault } from './crypto-vault';

export const RESPONSES_DB_NAME = 'hearth-responses';
export const MAX_ENTRIES = 200;

export interface CachedAnswer {
  text: string;
  stats: AnswerStats;
  createdAt: number;
}

/** What is sealed: the request key travels inside, so reseal() can blind it under a new secret. */
interface Entry extends CachedAnswer {
  key: string;
}

interface Row {
  id: string;
  usedAt: number;
  sealed: Sealed;
}

interface ResponsesDb extends DBSchema {
  answers: { key: string; value: Row; indexes: { usedAt: number } };
}

export interface ResponseCacheOptions {
  name?: string;
  maxEntries?: number;
}

export class ResponseCacheStore {
  #lastUse = 0;

  private constructor(
    private readonly db: IDBPDatabase<ResponsesDb>,
    private vault: Vault,
    private readonly maxEntries: number,
  ) {}

  static async open(
    vault: Vault,
    { name = RESPONSES_DB_NAME, maxEntries = MAX_ENTRIES }: ResponseCacheOptions = {},
  ): Promise<ResponseCacheStore> {
    const db = await openDB<ResponsesDb>(name, 2, {
      upgrade(database, oldVersion) {
        // Version 1 (before the first release) kept plain request hashes: dropped, not migrated.
        if (oldVersion === 1) database.deleteObjectStore('answers');
        database.createObjectStore('answers', { keyPath: 'id' }).createIndex('usedAt', 'usedAt');
      },
      blocking(_current, _next, event) {
        (event.target as IDBDatabase | null)?.close(); // let "Erase everything" delete it
      },
    });
    return new ResponseCacheStore(db, vault, maxEntries);
  }

  close(): void {
    this.db.close();
  }

  /** null on a miss, and for an entry that no longer decrypts (it is then dropped). */
  async get(key: string): Promise<CachedAnswer | null> {
    const id = await this.vault.blindIndex(key);
    const row = await this.db.get('answers', id);
    if (!row) return null;
    const entry = await this.vault.decryptJson<Entry>(row.sealed, 'A cached answer').catch(() => null);
    if (entry?.key !== key) {
      await this.db.delete('answers', id);
      return null;
    }
    await this.db.put('answers', { ...row, usedAt: this.#useStamp() });
    return { text: entry.text, stats: entry.stats, createdAt: entry.createdAt };
  }

  async put(key: string, answer: Omit<CachedAnswer, 'createdAt'>): Promise<void> {
    const entry: Entry = { key, text: answer.text, stats: answer.stats, createdAt: Date.now() };
    const row: Row = {
      id: await this.vault.blindIndex(key),
      usedAt: this.#useStamp(),
      sealed: await this.vault.encryptJson(entry),
    };
    const tx = this.db.transaction('answers', 'readwrite');
    await tx.store.put(row);
    let excess = (await tx.store.count()) - this.maxEntries;
    for (let cursor = excess > 0 ? await tx.store.index('usedAt').openCursor() : null; cursor && excess > 0; excess--) {
      await cursor.delete();
      cursor = await cursor.continue();
    }
    await tx.done;
  }

  async clear(): Promise<void> {
    await this.db.clear('answers');
  }

  /** Moves entries sealed under an older root secret to the current one (after
   *  vault.setPassphrase), blinding their keys anew. Entries that do not decrypt are dropped. */
  async reseal(): Promise<void> {
    for (const row of await this.db.getAll('answers')) {
      if (this.vault.isCurrent(row.sealed)) continue;
      const entry = await this.vault.decryptJson<Entry>(row.sealed).catch(() => null);
      const next = entry && {
        id: await this.vault.blindIndex(entry.key),
        usedAt: row.usedAt,
        sealed: await this.vault.encryptJson(entry),
      };
      const tx = this.db.transaction('answers', 'readwrite');
      await Promise.all([tx.store.delete(row.id), next && tx.store.put(next), tx.done]);
    }
  }

  /** Strictly increasing, so uses within one millisecond still evict in the order they happened. */
  #useStamp(): number {
    this.#lastUse = Math.max(Date.now(), this.#lastUse + 1);
    return this.#lastUse;
  }
}
