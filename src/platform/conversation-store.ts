// Conversations in IndexedDB, sealed with the vault's key. Only what ordering needs (id and times)
// stays in clear; the title and every message are ciphertext at rest. Titles are searched after
// decryption, in memory. Writes to one conversation run one after another, so a streaming update
// can never overwrite a message appended a moment later.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Conversation, ConversationMessage, ConversationSummary } from '../core/chat-types';
import type { Sealed, Vault } from './crypto-vault';

export const CONVERSATIONS_DB_NAME = 'hearth-conversations';

interface StoredConversation {
  id: string;
  createdAt: number;
  updatedAt: number;
  sealed: Sealed;
}

interface Secret {
  title: string;
  messages: ConversationMessage[];
}

interface ConversationsDb extends DBSchema {
  conversations: { key: string; value: StoredConversation; indexes: { updatedAt: number } };
}

const TITLE_CHARS = 60;

/** A title from the first question: its first line, cut at a word near TITLE_CHARS. */
export function titleFrom(text: string): string {
  const line = text.trim().split(/\r?\n/)[0]?.trim() ?? '';
  if (line.length <= TITLE_CHARS) return line || 'New conversation';
  const cut = line.slice(0, TITLE_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export class ConversationStore {
  #queues = new Map<string, Promise<unknown>>();
  #lastStamp = 0;

  private constructor(private db: IDBPDatabase<ConversationsDb>, private vault: Vault) {}

  static async open(vault: Vault, name = CONVERSATIONS_DB_NAME): Promise<ConversationStore> {
    const db = await openDB<ConversationsDb>(name, 1, {
      upgrade(database) {
        database.createObjectStore('conversations', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
      },
      blocking(_current, _next, event) {
        (event.target as IDBDatabase | null)?.close(); // let "Erase everything" delete it
      },
    });
    return new ConversationStore(db, vault);
  }

  close(): void {
    this.db.close();
  }

  /** Newest first. Records that cannot be decrypted are counted, not thrown: the rest still list. */
  async list(): Promise<{ conversations: ConversationSummary[]; damaged: number }> {
    const rows = await this.db.getAllFromIndex('conversations', 'updatedAt');
    const opened = await Promise.all(rows.reverse().map(async (row) => {
      const secret = await this.vault.open<Secret>(row.sealed, 'A conversation').catch(() => null);
      return secret && { id: row.id, title: secret.title, createdAt: row.createdAt, updatedAt: row.updatedAt };
    }));
    const conversations = opened.filter((c): c is ConversationSummary => c !== null);
    return { conversations, damaged: opened.length - conversations.length };
  }

  async searchTitles(query: string): Promise<ConversationSummary[]> {
    const q = query.normalize('NFC').toLocaleLowerCase().trim();
    const { conversations } = await this.list();
    return q ? conversations.filter((c) => c.title.normalize('NFC').toLocaleLowerCase().includes(q)) : conversations;
  }

  async get(id: string): Promise<Conversation> {
    const row = await this.db.get('conversations', id);
    if (!row) throw new Error('This conversation no longer exists');
    const secret = await this.vault.open<Secret>(row.sealed, 'This conversation');
    return { id: row.id, createdAt: row.createdAt, updatedAt: row.updatedAt, ...secret };
  }

  async create(title: string): Promise<Conversation> {
    const now = this.#stamp();
    const conv: Conversation = { id: crypto.randomUUID(), title, createdAt: now, updatedAt: now, messages: [] };
    await this.#write(conv);
    return conv;
  }

  rename(id: string, title: string): Promise<void> {
    return this.#change(id, (c) => ({ ...c, title }));
  }

  appendMessage(id: string, message: ConversationMessage): Promise<void> {
    return this.#change(id, (c) => ({ ...c, messages: [...c.messages, message] }));
  }

  /** One put per call: callers streaming an answer throttle (a few times a second). */
  updateMessage(id: string, messageId: string, patch: Partial<ConversationMessage>): Promise<void> {
    return this.#change(id, (c) => ({
      ...c,
      messages: c.messages.map((m) => (m.id === messageId ? dropUndefined({ ...m, ...patch }) : m)),
    }));
  }

  async remove(id: string): Promise<void> {
    await this.#serial(id, () => this.db.delete('conversations', id));
  }

  /** Seals every conversation again with `next` (a passphrase set or removed). */
  async rekey(next: Vault): Promise<void> {
    const rows = await this.db.getAll('conversations');
    const resealed = await Promise.all(rows.map(async (row) => {
      const secret = await this.vault.open<Secret>(row.sealed, 'A conversation').catch(() => null);
      return secret && { ...row, sealed: await next.seal(secret) };
    }));
    const tx = this.db.transaction('conversations', 'readwrite');
    await Promise.all([...resealed.filter((r) => r !== null).map((r) => tx.store.put(r)), tx.done]);
    this.vault = next;
  }

  #change(id: string, change: (c: Conversation) => Conversation): Promise<void> {
    return this.#serial(id, async () => {
      const next = change(await this.get(id));
      await this.#write({ ...next, updatedAt: this.#stamp() });
    });
  }

  async #write(c: Conversation): Promise<void> {
    const secret: Secret = { title: c.title, messages: c.messages };
    await this.db.put('conversations', { id: c.id, createdAt: c.createdAt, updatedAt: c.updatedAt, sealed: await this.vault.seal(secret) });
  }

  /** Strictly increasing times: two changes in one millisecond still list in the order they happened. */
  #stamp(): number {
    this.#lastStamp = Math.max(Date.now(), this.#lastStamp + 1);
    return this.#lastStamp;
  }

  #serial<T>(id: string, task: () => Promise<T>): Promise<T> {
    const run = (this.#queues.get(id) ?? Promise.resolve()).then(task, task);
    this.#queues.set(id, run.catch(() => undefined));
    return run;
  }
}

/** JSON has no undefined: a patch that clears a field (stats: undefined) removes it. */
function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
