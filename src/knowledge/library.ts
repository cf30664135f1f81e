// Knowledge on the page: files in, passages out, search. Each file goes read → chunk → store →
// embed → index on its own, so one bad file is named and the others go on; the sealed store is
// written before embedding starts, so a closed tab loses no document (its passages are embedded
// when the app opens next). The engine (the knowledge worker, or the same service in-process in
// Node tests) embeds and searches; this side seals what it makes.
import type { ModelEntry } from '../catalog/types';
import { DocumentUnreadableError } from '../core/errors';
import { chunkBlocks, DEFAULT_CHUNKING } from '../core/knowledge/chunking';
import type { IndexProgress, IndexResult, PassageForIndex } from '../engines/embed/knowledge-service';
import type { PassageHit } from '../engines/embed/passage-index';
import { passageId, type DocumentInfo, type KnowledgeStore, type PassageWithVector } from '../platform/knowledge-store';
import { readDocument, type ReadDocument } from './read-document';
import { plainTextBlocks } from '../core/knowledge/text-blocks';

/** What the library needs of the knowledge worker. */
export interface KnowledgeEngine {
  load(model: ModelEntry): Promise<unknown>;
  index(passages: PassageForIndex[], onProgress?: (p: IndexProgress) => void): Promise<IndexResult>;
  stopIndexing(): Promise<void> | void;
  search(query: string, limit?: number): Promise<PassageHit[]>;
  removeDocument(docId: string): Promise<number>;
}

export type ImportStage = 'read' | 'chunk' | 'store' | 'embed' | 'done' | 'failed' | 'cancelled';

export interface ImportProgress {
  file: string;
  /** The file's place in the list imported (names may repeat; two files can be in progress). */
  index?: number;
  stage: ImportStage;
  /** While embedding. */
  embedded?: number;
  total?: number;
  document?: DocumentInfo;
  error?: Error;
  /** With 'cancelled': whether the document stays (stored, its remaining passages embedded on the
   *  next open). Unset: it stays if it was stored. */
  kept?: boolean;
}

export interface FoundPassage extends PassageHit {
  text: string;
  documentName: string;
  headings: string[];
  page?: number;
}

interface StoredDocument {
  document: DocumentInfo;
  passages: PassageForIndex[];
}

type FileLike = Pick<File, 'name' | 'type' | 'size' | 'arrayBuffer'>;

const toIndex = (p: PassageWithVector): PassageForIndex => ({
  id: p.id,
  docId: p.docId,
  text: p.text,
  vector: p.vector,
  vectorModel: p.vectorModel,
});

export class KnowledgeLibrary {
  #model: ModelEntry | null = null;

  constructor(
    private readonly store: KnowledgeStore,
    private readonly engine: KnowledgeEngine,
  ) {}

  /** Loads the embedding model and indexes everything stored; only passages without this model's
   *  vector are embedded (none, on an ordinary reopen). */
  async open(model: ModelEntry, onProgress?: (p: IndexProgress) => void): Promise<IndexResult> {
    await this.engine.load(model);
    this.#model = model;
    return this.#index((await this.store.passages()).map(toIndex), onProgress);
  }

  /** Imports files in order; a file that fails is reported and skipped. One file is embedded (the
   *  worker's work) while the next is read, chunked and sealed and the one before has its vectors
   *  stored (the page's), never more than one ahead, so neither side waits for the other. */
  async importFiles(
    files: readonly FileLike[],
    {
      onProgress,
      signal,
      passwords,
    }: { onProgress?: (p: ImportProgress) => void; signal?: AbortSignal; passwords?: Map<string, string> } = {},
  ): Promise<ImportProgress[]> {
    const results: ImportProgress[] = [];
    let embedding: Promise<unknown> = Promise.resolve();
    let saving: Promise<unknown> = Promise.resolve();
    for (const [index, file] of files.entries()) {
      const report = (p: Omit<ImportProgress, 'file' | 'index'>) => onProgress?.({ file: file.name, index, ...p });
      const end = (p: Omit<ImportProgress, 'file' | 'index'>) => {
        results[index] = { file: file.name, index, ...p };
        report(p);
      };
      const fail = (e: unknown) => {
        const error = e instanceof Error ? e : new Error(String(e));
        end({ stage: signal?.aborted ? 'cancelled' : 'failed', error });
      };
      if (signal?.aborted) {
        saving = saving.then(() => end({ stage: 'cancelled', kept: false }));
        continue;
      }
      let stored: StoredDocument;
      try {
        report({ stage: 'read' });
        const password = passwords?.get(file.name);
        const read = await readDocument(file, { ...(password ? { password } : {}), ...(signal ? { signal } : {}) });
        stored = await this.#store(file.name, file.size, read, report, signal);
      } catch (e) {
        fail(e);
        continue;
      }
      await embedding;
      if (signal?.aborted) {
        // Read ahead while the file before was embedded: to the person it is one of the files after
        // the one cancelled, so it goes, once the one before is settled.
        saving = saving.then(async () => {
          await this.remove(stored.document.id).catch(() => {});
          end({ stage: 'cancelled', kept: false });
        });
        continue;
      }
      const indexed = this.#embedInWorker(stored, report, signal);
      embedding = indexed.catch(() => {});
      // Its vectors are sealed and stored while the worker goes on with the next file.
      saving = Promise.all([indexed, saving])
        .then(async ([result]) => {
          await this.#keep(result);
          signal?.throwIfAborted(); // stopped mid-way: the document stays, the rest is embedded on the next open
        })
        .then(() => end({ stage: 'done', document: stored.document }), fail);
    }
    await saving;
    return results;
  }

  /** A note typed in the app. */
  async addNote(title: string, text: string, onProgress?: (p: ImportProgress) => void): Promise<DocumentInfo> {
    const blocks = plainTextBlocks(text);
    if (!blocks.length) throw new DocumentUnreadableError(title, 'empty');
    const report = (p: Omit<ImportProgress, 'file'>) => onProgress?.({ file: title, ...p });
    const stored = await this.#store(title, new TextEncoder().encode(text).length, { format: 'txt', text, blocks }, report);
    await this.#keep(await this.#embedInWorker(stored, report));
    return stored.document;
  }

  async remove(docId: string): Promise<void> {
    await this.store.remove(docId);
    await this.engine.removeDocument(docId);
  }

  async search(query: string, limit = 5): Promise<FoundPassage[]> {
    const hits = await this.engine.search(query, limit);
    if (!hits.length) return [];
    // Only what is shown is decrypted: the hit passages and their documents' names, not every
    // passage of those documents (hundreds each in a long manual).
    const docs = new Map<string, Promise<DocumentInfo | null>>();
    const infoOf = (id: string) => docs.get(id) ?? docs.set(id, this.store.documentInfo(id)).get(id)!;
    const found: FoundPassage[] = [];
    for (const hit of hits) {
      const [doc, passage] = await Promise.all([infoOf(hit.docId), this.store.passage(hit.id)]);
      if (!doc || !passage) continue; // deleted while the search ran
      found.push({
        ...hit,
        text: passage.text,
        documentName: doc.name,
        headings: passage.headings,
        ...(passage.page === undefined ? {} : { page: passage.page }),
      });
    }
    return found;
  }

  /** Read → chunk → seal and store: after this a closed tab loses nothing of the document. */
  async #store(
    name: string,
    bytes: number,
    read: ReadDocument,
    report: (p: Omit<ImportProgress, 'file' | 'index'>) => void,
    signal?: AbortSignal,
  ): Promise<StoredDocument> {
    report({ stage: 'chunk' });
    const chunks = chunkBlocks(read.blocks, DEFAULT_CHUNKING);
    signal?.throwIfAborted();
    report({ stage: 'store' });
    const document = await this.store.addDocument(
      { name, format: read.format, bytes, ...(read.pages ? { pages: read.pages } : {}) },
      read.text,
      chunks.map((c) => ({ text: c.text, headings: c.headings, ...(c.page === undefined ? {} : { page: c.page }) })),
    );
    // The texts are at hand: reading the passages back would only decrypt what was just sealed.
    const passages = chunks.map((c, i): PassageForIndex => ({
      id: passageId(document.id, i),
      docId: document.id,
      text: c.text,
      vector: null,
      vectorModel: null,
    }));
    return { document, passages };
  }

  /** Embeds and indexes a stored document's passages in the worker, if a model is loaded. A stop
   *  returns what was embedded so far. */
  async #embedInWorker(
    { passages }: StoredDocument,
    report: (p: Omit<ImportProgress, 'file' | 'index'>) => void,
    signal?: AbortSignal,
  ): Promise<IndexResult | null> {
    if (!this.#model) return null;
    signal?.throwIfAborted();
    const stop = () => void this.engine.stopIndexing();
    signal?.addEventListener('abort', stop, { once: true });
    try {
      return await this.engine.index(passages, (p) => report({ stage: 'embed', ...p }));
    } finally {
      signal?.removeEventListener('abort', stop);
    }
  }

  /** Seals and stores the vectors the worker made. */
  async #keep(result: IndexResult | null): Promise<void> {
    if (result?.made.size) await this.store.setVectors(result.model, result.made);
  }

  async #index(passages: PassageForIndex[], onProgress?: (p: IndexProgress) => void): Promise<IndexResult> {
    const result = await this.engine.index(passages, onProgress);
    await this.#keep(result);
    return result;
  }
}
