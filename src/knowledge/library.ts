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
import type { DocumentInfo, KnowledgeStore, PassageWithVector } from '../platform/knowledge-store';
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
  stage: ImportStage;
  /** While embedding. */
  embedded?: number;
  total?: number;
  document?: DocumentInfo;
  error?: Error;
}

export interface FoundPassage extends PassageHit {
  text: string;
  documentName: string;
  headings: string[];
  page?: number;
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
    return this.#index(await this.store.passages(), onProgress);
  }

  /** Imports files one after another; a file that fails is reported and skipped. */
  async importFiles(
    files: readonly FileLike[],
    {
      onProgress,
      signal,
      passwords,
    }: { onProgress?: (p: ImportProgress) => void; signal?: AbortSignal; passwords?: Map<string, string> } = {},
  ): Promise<ImportProgress[]> {
    const results: ImportProgress[] = [];
    for (const file of files) {
      const report = (p: Omit<ImportProgress, 'file'>) => onProgress?.({ file: file.name, ...p });
      if (signal?.aborted) {
        results.push({ file: file.name, stage: 'cancelled' });
        report({ stage: 'cancelled' });
        continue;
      }
      try {
        report({ stage: 'read' });
        const password = passwords?.get(file.name);
        const read = await readDocument(file, { ...(password ? { password } : {}), ...(signal ? { signal } : {}) });
        const document = await this.#add(file.name, file.size, read, report, signal);
        results.push({ file: file.name, stage: 'done', document });
        report({ stage: 'done', document });
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        const stage = signal?.aborted ? 'cancelled' : 'failed';
        results.push({ file: file.name, stage, error });
        report({ stage, error });
      }
    }
    return results;
  }

  /** A note typed in the app. */
  async addNote(title: string, text: string, onProgress?: (p: ImportProgress) => void): Promise<DocumentInfo> {
    const blocks = plainTextBlocks(text);
    if (!blocks.length) throw new DocumentUnreadableError(title, 'empty');
    const report = (p: Omit<ImportProgress, 'file'>) => onProgress?.({ file: title, ...p });
    return this.#add(title, new TextEncoder().encode(text).length, { format: 'txt', text, blocks }, report);
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

  async #add(
    name: string,
    bytes: number,
    read: ReadDocument,
    report: (p: Omit<ImportProgress, 'file'>) => void,
    signal?: AbortSignal,
  ): Promise<DocumentInfo> {
    report({ stage: 'chunk' });
    const chunks = chunkBlocks(read.blocks, DEFAULT_CHUNKING);
    signal?.throwIfAborted();
    report({ stage: 'store' });
    const document = await this.store.addDocument(
      { name, format: read.format, bytes, ...(read.pages ? { pages: read.pages } : {}) },
      read.text,
      chunks.map((c) => ({ text: c.text, headings: c.headings, ...(c.page === undefined ? {} : { page: c.page }) })),
    );
    if (this.#model) {
      const stop = () => void this.engine.stopIndexing();
      signal?.addEventListener('abort', stop, { once: true });
      try {
        await this.#index(await this.store.passages(document.id), (p) => report({ stage: 'embed', ...p }));
      } finally {
        signal?.removeEventListener('abort', stop);
      }
      // Stopped mid-way: the document is kept, its remaining passages are embedded on the next open.
      signal?.throwIfAborted();
    }
    return document;
  }

  async #index(passages: PassageWithVector[], onProgress?: (p: IndexProgress) => void): Promise<IndexResult> {
    const result = await this.engine.index(passages.map(toIndex), onProgress);
    if (result.made.size) await this.store.setVectors(result.model, result.made);
    return result;
  }
}
