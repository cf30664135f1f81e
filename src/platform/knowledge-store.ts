// The person's documents in IndexedDB, sealed by the vault like conversations: a document's name,
// its text, every passage and every passage's embedding are ciphertext at rest. Only ids, the order
// of passages and which embedding model made a vector stay in clear (the index needs them to find
// what to rebuild). A document and its passages are written and deleted in one transaction, so a
// deleted document leaves nothing behind and a half-imported one never shows.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { NotFoundError } from '../core/errors';
import type { Sealed, Vault } from './crypto-vault';

export const KNOWLEDGE_DB_NAME = 'hearth-knowledge';

export type DocumentFormat = 'txt' | 'md' | 'html' | 'pdf' | 'docx' | 'note';

export interface DocumentInfo {
  id: string;
  name: string;
  format: DocumentFormat;
  /** Bytes of the file as imported. */
  bytes: number;
  addedAt: number;
  passages: number;
  pages?: number;
  summary?: string;
}

export interface PassageInput {
  text: string;
  headings: string[];
  page?: number;
}

export interface StoredPassageView extends PassageInput {
  id: string;
  docId: string;
  index: number;
}

export interface PassageWithVector extends StoredPassageView {
  /** Null until the passage is embedded. */
  vector: Float32Array | null;
  /** The embedding model that made `vector`. */
  vectorModel: string | null;
}

interface StoredDocument {
  id: string;
  addedAt: number;
  info: Sealed;
  text: Sealed;
}

interface StoredPassage {
  id: string;
  docId: string;
  index: number;
  body: Sealed;
  vector: Sealed | null;
  /** The embedding model that made `vector`; a different current model means re-embedding. */
  vectorModel: string | null;
}

interface KnowledgeDb extends DBSchema {
  documents: { key: string; value: StoredDocument; indexes: { addedAt: number } };
  passages: { key: string; value: StoredPassage; indexes: { docId: string } };
}

type SealedInfo = Omit<DocumentInfo, 'id' | 'addedAt'>;

export interface DocumentListing {
  documents: DocumentInfo[];
  /** Documents whose record no longer decrypts (a lost passphrase): still removable. */
  damagedIds: string[];
}

/** A passage's key: its document and its place in it. */
export const passageId = (docId: string, index: number): string => `${docId}:${index}`;

export class KnowledgeStore {
  private constructor(
    private readonly db: IDBPDatabase<KnowledgeDb>,
    private readonly vault: Vault,
  ) {}

  static async open(vault: Vault, name = KNOWLEDGE_DB_NAME): Promise<KnowledgeStore> {
    const db = await openDB<KnowledgeDb>(name, 1, {
      upgrade(database) {
        database.createObjectStore('documents', { keyPath: 'id' }).createIndex('addedAt', 'addedAt');
        database.createObjectStore('passages', { keyPath: 'id' }).createIndex('docId', 'docId');
      },
      blocking(_current, _next, event) {
        (event.target as IDBDatabase | null)?.close(); // let "Erase everything" delete it
      },
    });
    return new KnowledgeStore(db, vault);
  }

  close(): void {
    this.db.close();
  }

  /** Stores a document's text and passages (not yet embedded) in one transaction. */
  async addDocument(
    info: Omit<SealedInfo, 'passages'>,
    text: string,
    passages: readonly PassageInput[],
    addedAt = Date.now(),
  ): Promise<DocumentInfo> {
    const id = crypto.randomUUID();
    const full: SealedInfo = { ...info, passages: passages.length };
    // Seal everything first: a transaction must not wait on WebCrypto, or it commits early.
    const [sealedInfo, sealedText, bodies] = await Promise.all([
      this.vault.encryptJson(full),
      this.vault.encryptJson(text),
      Promise.all(passages.map((p) => this.vault.encryptJson(p))),
    ]);
    const tx = this.db.transaction(['documents', 'passages'], 'readwrite');
    await Promise.all([
      tx.objectStore('documents').add({ id, addedAt, info: sealedInfo, text: sealedText }),
      ...bodies.map((body, index) =>
        tx.objectStore('passages').add({ id: passageId(id, index), docId: id, index, body, vector: null, vectorModel: null }),
      ),
      tx.done,
    ]);
    return { id, addedAt, ...full };
  }

  /** Newest first. */
  async listDocuments(): Promise<DocumentListing> {
    const rows = (await this.db.getAllFromIndex('documents', 'addedAt')).reverse();
    const infos = await Promise.all(rows.map((r) => this.vault.decryptJson<SealedInfo>(r.info).catch(() => null)));
    const documents: DocumentInfo[] = [];
    const damagedIds: string[] = [];
    rows.forEach((row, i) => {
      const info = infos[i];
      if (info) documents.push({ id: row.id, addedAt: row.addedAt, ...info });
      else damagedIds.push(row.id);
    });
    return { documents, damagedIds };
  }

  async getDocument(id: string): Promise<DocumentInfo & { text: string }> {
    const row = await this.db.get('documents', id);
    if (!row) throw new NotFoundError('This document is no longer on this device');
    const [info, text] = await Promise.all([
      this.vault.decryptJson<SealedInfo>(row.info, 'This document'),
      this.vault.decryptJson<string>(row.text, 'The text of this document'),
    ]);
    return { id, addedAt: row.addedAt, ...info, text };
  }

  /** A document's name and figures without its text; null once it is deleted. */
  async documentInfo(id: string): Promise<DocumentInfo | null> {
    const row = await this.db.get('documents', id);
    if (!row) return null;
    return { id, addedAt: row.addedAt, ...(await this.vault.decryptJson<SealedInfo>(row.info, 'This document')) };
  }

  /** One passage (without its vector); null once its document is deleted. */
  async passage(id: string): Promise<StoredPassageView | null> {
    const row = await this.db.get('passages', id);
    if (!row) return null;
    const body = await this.vault.decryptJson<PassageInput>(row.body, 'A passage');
    return { id: row.id, docId: row.docId, index: row.index, ...body };
  }

  async setSummary(id: string, summary: string): Promise<void> {
    const { text: _text, id: _id, addedAt: _at, ...info } = await this.getDocument(id);
    const sealed = await this.vault.encryptJson({ ...info, summary } satisfies SealedInfo);
    const tx = this.db.transaction('documents', 'readwrite');
    const row = await tx.store.get(id);
    if (!row) throw new NotFoundError('This document is no longer on this device');
    await Promise.all([tx.store.put({ ...row, info: sealed }), tx.done]);
  }

  /** Passages in document order; all documents when `docId` is omitted. */
  async passages(docId?: string): Promise<PassageWithVector[]> {
    const rows = docId ? await this.db.getAllFromIndex('passages', 'docId', docId) : await this.db.getAll('passages');
    rows.sort((a, b) => (a.docId === b.docId ? a.index - b.index : a.docId < b.docId ? -1 : 1));
    return Promise.all(
      rows.map(async (row) => {
        const [body, vector] = await Promise.all([
          this.vault.decryptJson<PassageInput>(row.body, 'A passage'),
          row.vector ? this.vault.decryptBytes(row.vector, 'An embedding') : null,
        ]);
        const floats = vector && new Float32Array(vector.buffer);
        return { id: row.id, docId: row.docId, index: row.index, ...body, vector: floats, vectorModel: row.vectorModel };
      }),
    );
  }

  /** Ids of passages with no vector from `model` (new ones, or made by another embedding model). */
  async passagesToEmbed(model: string): Promise<string[]> {
    return (await this.db.getAll('passages')).filter((p) => p.vectorModel !== model).map((p) => p.id);
  }

  /** Stores embeddings by passage id. A passage deleted meanwhile is skipped. */
  async setVectors(model: string, vectors: ReadonlyMap<string, Float32Array>): Promise<void> {
    const sealed = await Promise.all(
      [...vectors].map(async ([id, v]) => [id, await this.vault.encryptBytes(new Uint8Array(v.slice().buffer))] as const),
    );
    const tx = this.db.transaction('passages', 'readwrite');
    await Promise.all([
      ...sealed.map(async ([id, vector]) => {
        const row = await tx.store.get(id);
        if (row) await tx.store.put({ ...row, vector, vectorModel: model });
      }),
      tx.done,
    ]);
  }

  /** Moves every record still sealed under an older root secret to the current one (after
   *  vault.setPassphrase), one record per transaction, so a reseal cut short loses nothing and the
   *  next finishes it. Records that do not decrypt are left as they are. Returns how many moved. */
  async reseal(): Promise<number> {
    const again = async (s: Sealed): Promise<Sealed> =>
      this.vault.isCurrent(s) ? s : this.vault.encryptBytes(await this.vault.decryptBytes(s));
    const stale = (s: Sealed | null) => s !== null && !this.vault.isCurrent(s);
    let moved = 0;
    for (const row of await this.db.getAll('documents')) {
      if (!stale(row.info) && !stale(row.text)) continue;
      const sealed = await Promise.all([again(row.info), again(row.text)]).catch(() => null);
      if (sealed && (await this.#replace('documents', row, { ...row, info: sealed[0], text: sealed[1] }))) moved++;
    }
    for (const row of await this.db.getAll('passages')) {
      if (!stale(row.body) && !stale(row.vector)) continue;
      const sealed = await Promise.all([again(row.body), row.vector && again(row.vector)]).catch(() => null);
      if (sealed && (await this.#replace('passages', row, { ...row, body: sealed[0], vector: sealed[1] }))) moved++;
    }
    return moved;
  }

  /** Puts `next` unless the record changed since `seen` was read (a new vector, a summary, a delete). */
  async #replace<S extends 'documents' | 'passages'>(
    store: S,
    seen: KnowledgeDb[S]['value'],
    next: KnowledgeDb[S]['value'],
  ): Promise<boolean> {
    const tx = this.db.transaction(store, 'readwrite');
    const now = await tx.store.get(seen.id);
    const fields = (r: KnowledgeDb[S]['value']) => ('info' in r ? [r.info, r.text] : [r.body, r.vector, r.vectorModel]);
    const same = now !== undefined && fields(now).every((f, i) => sameVersion(f, fields(seen)[i]!));
    if (same) await tx.store.put(next);
    await tx.done;
    return same;
  }

  /** Removes a document and every passage and vector that came from it; returns how many passages. */
  async remove(id: string): Promise<number> {
    const tx = this.db.transaction(['documents', 'passages'], 'readwrite');
    const passages = tx.objectStore('passages');
    const keys = await passages.index('docId').getAllKeys(id);
    await Promise.all([tx.objectStore('documents').delete(id), ...keys.map((k) => passages.delete(k)), tx.done]);
    return keys.length;
  }
}

/** Every seal draws a fresh IV, so the key id and IV name one version of a sealed value. */
function sameVersion(a: Sealed | string | null, b: Sealed | string | null): boolean {
  if (a === null || b === null || typeof a === 'string' || typeof b === 'string') return a === b;
  return a.keyId === b.keyId && a.iv.length === b.iv.length && a.iv.every((byte, i) => byte === b.iv[i]);
}
