// Conversations in IndexedDB, sealed by the vault. Only what ordering needs (id and times) stays in
// clear. The title and the messages are sealed apart, so the list opens titles only and a streamed
// update reseals the messages only. Writes to one conversation run one after another: a streaming
// update can never overwrite a message appended a moment later.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Conversation, ConversationMessage, ConversationSummary } from '../core/chat-types';
import type { Sealed, Vault } from './crypto-vault';
import { NotFoundError } from '../core/errors';

export const CONVERSATIONS_DB_NAME = 'hearth-conversations';
export const UNTITLED = 'New conversation';

interface StoredConversation {
  id: string;
  createdAt: number;
  updatedAt: number;
  title: Sealed;
  body: Sealed;
}

interface Body {
  messages: ConversationMessage[];
  /** "Use my documents" as set for this conversation (sealed with the messages). */
  useDocuments?: boolean;
}

interface ConversationsDb extends DBSchema {
  conversations: { key: string; value: StoredConversation; indexes: { updatedAt: number } };
}

export interface ConversationListing {
  /** Newest first. */
  conversations: ConversationSummary[];
  /** How many stored conversations could not be decrypted, and their ids (remove() still works). */
  damaged: number;
  damagedIds: string[];
}

export class ConversationNotFoundError extends Error {
  constructor() {
    super('This conversation no longer exists');
    this.name = 'ConversationNotFoundError';
  }
}

const TITLE_CHARS = 60;

/** A title from the first question: its first line, cut at a word near TITLE_CHARS characters. */
export function titleFrom(text: string): string {
  const line = text.trim().split(/\r?\n/)[0]?.trim() ?? '';
  const chars = Array.from(line); // code points: never half an emoji
  if (chars.length <= TITLE_CHARS) return line || UNTITLED;
  const cut = chars.slice(0, TITLE_CHARS).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > cut.length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Case-insensitive and Unicode-aware: compatibility forms and case fold together (upper then lower
 *  case maps ß to ss and final sigma to sigma, which lower case alone does not). */
const fold = (s: string) => s.normalize('NFKC').toUpperCase().toLowerCase();

export function titleMatches(title: string, query: string): boolean {
  const q = fold(query.trim());
  return q === '' || fold(title).includes(q);
}

export class ConversationStore {
  #queues = new Map<string, Promise<unknown>>();
  #lastStamp = 0;

  private constructor(
    private readonly db: IDBPDatabase<ConversationsDb>,
    private vault: Vault,
  ) {}

  static async open(vault: Vault, name = CONVERSATIONS_DB_NAME): Promise<ConversationStore> {
    const db = await openDB<ConversationsDb>(name, 2, {
      upgrade(database, oldVersion, _newVersion, tx) {
        if (oldVersion < 1) database.createObjectStore('conversations', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
        // Version 1 (before the first release) used a vault layout that is gone; nothing in it opens.
        if (oldVersion === 1) void tx.objectStore('conversations').clear();
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

  /** Opens titles only. A record that does not decrypt is reported, not thrown: the rest still list. */
  async list(): Promise<ConversationListing> {
    const rows = (await this.db.getAllFromIndex('conversations', 'updatedAt')).reverse();
    const titles = await Promise.all(rows.map((row) => this.vault.decryptJson<string>(row.title).catch(() => null)));
    const conversations: ConversationSummary[] = [];
    const damagedIds: string[] = [];
    rows.forEach((row, i) => {
      const title = titles[i];
      if (title == null) damagedIds.push(row.id);
      else conversations.push({ id: row.id, title, createdAt: row.createdAt, updatedAt: row.updatedAt });
    });
    return { conversations, damaged: damagedIds.length, damagedIds };
  }

  /** Titles are ciphertext at rest, so the search runs here, after decryption. */
  async searchTitles(query: string): Promise<ConversationSummary[]> {
    return (await this.list()).conversations.filter((c) => titleMatches(c.title, query));
  }

  /** Throws ConversationNotFoundError, or DecryptError naming this conversation. */
  async get(id: string): Promise<Conversation> {
    const row = await this.#row(id);
    const [title, body] = await Promise.all([
      this.vault.decryptJson<string>(row.title, 'The title of this conversation'),
      this.vault.decryptJson<Body>(row.body, 'This conversation'),
    ]);
    return {
      id,
      title,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      messages: body.messages,
      ...(body.useDocuments === undefined ? {} : { useDocuments: body.useDocuments }),
    };
  }

  async create(title = UNTITLED): Promise<Conversation> {
    const { conversation, stored } = this.begin(title, []);
    await stored;
    return conversation;
  }

  /** A new conversation with its first messages, in one write. It is returned at once (its id is
   *  new); `stored` settles once it is on disk, and changes asked for before then land after it. */
  begin(
    title: string,
    messages: ConversationMessage[],
    useDocuments?: boolean,
  ): { conversation: Conversation; stored: Promise<void> } {
    const now = this.#stamp();
    const extra = useDocuments === undefined ? {} : { useDocuments };
    const conversation: Conversation = { id: crypto.randomUUID(), title, createdAt: now, updatedAt: now, messages, ...extra };
    const stored = this.#serial(conversation.id, async () => {
      const [sealedTitle, body] = await Promise.all([
        this.vault.encryptJson(title),
        this.vault.encryptJson({ messages, ...extra } satisfies Body),
      ]);
      await this.db.add('conversations', { id: conversation.id, createdAt: now, updatedAt: now, title: sealedTitle, body });
    });
    return { conversation, stored };
  }

  rename(id: string, title: string): Promise<void> {
    return this.#change(id, async () => ({ title: await this.vault.encryptJson(title) }));
  }

  /** Whether this conversation's answers use the person's documents. */
  setUseDocuments(id: string, on: boolean): Promise<void> {
    return this.#change(id, async (row) => {
      const body = await this.vault.decryptJson<Body>(row.body, 'This conversation');
      return { body: await this.vault.encryptJson({ ...body, useDocuments: on } satisfies Body) };
    });
  }

  /** Callers store the question before generation starts, and the answer's draft as it begins. */
  appendMessage(id: string, message: ConversationMessage): Promise<void> {
    return this.#changeMessages(id, (messages) => [...messages, message]);
  }

  /** One read and one put per call (streamed answers: callers throttle to a few calls a second).
   *  A field set to undefined in `patch` is removed (stats and error after a regenerate). */
  updateMessage(id: string, messageId: string, patch: Partial<ConversationMessage>): Promise<void> {
    return this.#changeMessages(id, (messages) => {
      if (!messages.some((m) => m.id === messageId)) throw new NotFoundError(`No message ${messageId} in this conversation`);
      return messages.map((m) => (m.id === messageId ? dropUndefined({ ...m, ...patch, id: messageId }) : m));
    });
  }

  async remove(id: string): Promise<void> {
    await this.#serial(id, () => this.db.delete('conversations', id));
  }

  /** Moves every record still sealed under an older root secret to the current one (after
   *  vault.setPassphrase). Damaged records are left as they are. Returns how many moved. */
  async reseal(): Promise<number> {
    const stale = (await this.db.getAll('conversations')).filter(
      (r) => !this.vault.isCurrent(r.title) || !this.vault.isCurrent(r.body),
    );
    let moved = 0;
    for (const { id } of stale) {
      await this.#serial(id, async () => {
        const row = await this.db.get('conversations', id);
        if (!row) return;
        const again = async (s: Sealed) =>
          this.vault.isCurrent(s) ? s : this.vault.encryptJson(await this.vault.decryptJson(s));
        const [title, body] = await Promise.all([again(row.title), again(row.body)]).catch(() => [null, null]);
        if (!title || !body) return;
        await this.db.put('conversations', { ...row, title, body });
        moved++;
      });
    }
    return moved;
  }

  #changeMessages(id: string, change: (messages: ConversationMessage[]) => ConversationMessage[]): Promise<void> {
    return this.#change(id, async (row) => {
      const body = await this.vault.decryptJson<Body>(row.body, 'This conversation');
      return { body: await this.vault.encryptJson({ ...body, messages: change(body.messages) } satisfies Body) };
    });
  }

  #change(id: string, change: (row: StoredConversation) => Promise<Partial<StoredConversation>>): Promise<void> {
    return this.#serial(id, async () => {
      const row = await this.#row(id);
      await this.db.put('conversations', { ...row, ...(await change(row)), updatedAt: this.#stamp() });
    });
  }

  async #row(id: string): Promise<StoredConversation> {
    const row = await this.db.get('conversations', id);
    if (!row) throw new ConversationNotFoundError();
    return row;
  }

  /** Strictly increasing times: two changes in one millisecond still list in the order they happened. */
  #stamp(): number {
    this.#lastStamp = Math.max(Date.now(), this.#lastStamp + 1);
    return this.#lastStamp;
  }

  #serial<T>(id: string, task: () => Promise<T>): Promise<T> {
    const run = (this.#queues.get(id) ?? Promise.resolve()).then(task, task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.#queues.set(id, tail);
    void tail.then(() => {
      if (this.#queues.get(id) === tail) this.#queues.delete(id);
    });
    return run;
  }
}

/** JSON has no undefined: a patch that clears a field (stats: undefined) removes it. */
function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
