// The person's documents for the Knowledge view: the document list, imports with their per-file
// progress, search results and the document open for reading. The library (the vault's sealed
// knowledge store + the embed worker) is opened on the view's first visit, not at boot, with an
// embedding model the Models view has stored. The engine has no index at all until a model is
// loaded (keyword search included), so without a ready embedding model nothing is imported: the
// view says so and points to Models. Imports live here, not in the view, so leaving the view and
// coming back shows the same progress.
import { computed, signal } from '@preact/signals';
import type { ModelEntry } from '../../catalog/types';
import { embedClient } from '../../clients/embed-client';
import type { ImportProgress, ImportStage, FoundPassage } from '../../knowledge/library';
import { KnowledgeLibrary } from '../../knowledge/library';
import type { DocumentInfo } from '../../platform/knowledge-store';
import { initModels, storedModels } from './models';
import { settings, settingsLoaded, updateSettings } from './settings';
import { chatStores, startVault } from './vault';

export type LibraryState =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'no-model' }
  | { state: 'opening'; model: ModelEntry; embedded: number; total: number }
  | { state: 'ready'; model: ModelEntry }
  | { state: 'error'; message: string };

export interface ImportRow {
  key: string;
  name: string;
  stage: ImportStage;
  embedded?: number;
  total?: number;
  error?: Error;
  /** Cancelled after it was stored: the document stays, its passages not yet embedded are embedded
   *  when the library opens next (the next visit after a reload). */
  kept?: boolean;
  /** The file itself, so a protected PDF can be tried again with its password. */
  file?: File;
  /** A protected PDF the person chose not to open: it stays out, the others are unaffected. */
  skipped?: boolean;
}

export interface OpenDocument {
  info: DocumentInfo;
  text: string;
  /** The passage to show, scrolled to and marked. */
  passage: string | null;
}

export const libraryState = signal<LibraryState>({ state: 'idle' });
/** Newest first; null until read. */
export const documents = signal<readonly DocumentInfo[] | null>(null);
/** Stored documents that no longer decrypt (a lost passphrase). */
export const damagedDocuments = signal(0);
/** Rows of the current (or last) import. */
export const importRows = signal<readonly ImportRow[]>([]);
export const importing = signal(false);
export const searchResults = signal<{ query: string; passages: readonly FoundPassage[] } | null>(null);
export const openDocument = signal<OpenDocument | null>(null);
/** The last failure of a command (list, delete, search, open), shown in the view. */
export const knowledgeError = signal<string | null>(null);

/** Embedding models that are stored and verified, visible in this build's catalog. */
export const readyEmbedModels = storedModels('embed');
/** The model the person picked (Knowledge's chooser) if it is still stored, else the first one. */
export const chosenEmbedModel = computed(() => {
  const ready = readyEmbedModels.value;
  const picked = settings.value.embedModel;
  return ready.find((m) => m.id === picked) ?? ready[0] ?? null;
});

let library: KnowledgeLibrary | null = null;
let opened: { modelId: string; done: Promise<void> } | null = null;
let controller: AbortController | null = null;

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function theLibrary(): Promise<KnowledgeLibrary> {
  library ??= new KnowledgeLibrary((await chatStores()).knowledge, embedClient);
  return library;
}

/** The view's first step on every visit: vault, model statuses, document list, library. */
export async function initKnowledge(): Promise<void> {
  void startVault();
  if (libraryState.value.state === 'idle') libraryState.value = { state: 'checking' };
  await Promise.all([refreshDocuments(), initModels().catch(() => undefined), settingsLoaded]);
  await openLibrary();
}

/** Opens the library with the chosen embedding model, once per model; a model that was switched
 *  (another one now first) re-embeds what the stored vectors of the old one cannot serve. */
export async function openLibrary(): Promise<void> {
  const model = chosenEmbedModel.value;
  if (!model) {
    if (!importing.value) libraryState.value = { state: 'no-model' };
    return;
  }
  if (opened?.modelId === model.id) return opened.done;
  const lib = await theLibrary();
  libraryState.value = { state: 'opening', model, embedded: 0, total: 0 };
  // A model switched again while this one was opening: only the latest open speaks for the view.
  const current = () => opened?.done === done;
  const done: Promise<void> = lib
    .open(model, ({ embedded, total }) => {
      if (current()) libraryState.value = { state: 'opening', model, embedded, total };
    })
    .then(
      () => {
        if (current()) libraryState.value = { state: 'ready', model };
      },
      (e: unknown) => {
        if (!current()) return;
        opened = null; // the next visit tries again
        libraryState.value = { state: 'error', message: messageOf(e) };
      },
    );
  opened = { modelId: model.id, done };
  return done;
}

/** Searches with another stored embedding model from now on: every passage is embedded again with
 *  it (progress in libraryState), and the choice is kept for the next visit. */
export async function chooseEmbedModel(id: string): Promise<void> {
  if (!readyEmbedModels.value.some((m) => m.id === id)) return;
  await updateSettings({ embedModel: id });
  await openLibrary();
}

export async function refreshDocuments(): Promise<void> {
  try {
    const listing = await (await chatStores()).knowledge.listDocuments();
    documents.value = listing.documents;
    damagedDocuments.value = listing.damagedIds.length;
  } catch (e) {
    knowledgeError.value = messageOf(e);
  }
}

let batch = 0;

/** `keys`: the rows of the files handed to the library, in its order (its reports carry the index). */
function track(rows: ImportRow[], p: ImportProgress, keys?: readonly string[]): void {
  const key = p.index === undefined ? undefined : keys?.[p.index];
  const row =
    key === undefined
      ? rows.find((r) => r.name === p.file && !['done', 'failed', 'cancelled'].includes(r.stage))
      : rows.find((r) => r.key === key);
  if (!row) return;
  if (p.stage === 'cancelled') row.kept = p.kept ?? (row.stage === 'store' || row.stage === 'embed');
  row.stage = p.stage;
  if (p.embedded !== undefined) row.embedded = p.embedded;
  if (p.total !== undefined) row.total = p.total;
  if (p.error) row.error = p.error;
  importRows.value = rows.map((r) => ({ ...r }));
}

const newRows = (names: readonly string[], files?: readonly File[]): ImportRow[] => {
  const b = ++batch;
  return names.map((name, i) => ({ key: `${b}-${i}`, name, stage: 'read', ...(files?.[i] ? { file: files[i] } : {}) }));
};

async function runImport(
  rows: ImportRow[],
  job: (lib: KnowledgeLibrary, onProgress: (p: ImportProgress) => void, signal: AbortSignal) => Promise<unknown>,
  keys: readonly string[] = rows.map((r) => r.key),
): Promise<void> {
  if (importing.value) return;
  importRows.value = rows.map((r) => ({ ...r }));
  importing.value = true;
  controller = new AbortController();
  try {
    await opened?.done; // a document stored before the model loads would miss this session's index
    await job(await theLibrary(), (p) => track(rows, p, keys), controller.signal);
  } catch (e) {
    // A note refused (empty) arrives here, not through onProgress.
    for (const r of rows)
      if (!['done', 'failed', 'cancelled'].includes(r.stage))
        Object.assign(r, { stage: 'failed', error: e instanceof Error ? e : new Error(String(e)) });
    importRows.value = rows.map((r) => ({ ...r }));
  } finally {
    importing.value = false;
    controller = null;
    await refreshDocuments();
  }
}

/** Imports files one by one; each row ends done, failed (with its reason) or cancelled. */
export function importFiles(files: readonly File[]): Promise<void> {
  return runImport(
    newRows(
      files.map((f) => f.name),
      files,
    ),
    (lib, onProgress, signal) => lib.importFiles(files, { onProgress, signal }),
  );
}

/** A protected PDF of the last import, read again with the password the person typed; its row goes
 *  through the stages again and ends added, or failed with 'wrong-password'. */
export function unlockFile(key: string, password: string): Promise<void> {
  const row = importRows.value.find((r) => r.key === key);
  const file = row?.file;
  if (!file || importing.value) return Promise.resolve();
  const rows = importRows.value.map((r): ImportRow => {
    if (r.key !== key) return { ...r };
    const { error: _error, ...rest } = r;
    return { ...rest, stage: 'read' };
  });
  const passwords = new Map([[file.name, password]]);
  return runImport(rows, (lib, onProgress, signal) => lib.importFiles([file], { onProgress, signal, passwords }), [key]);
}

/** The person will not open this protected PDF: the row says so and asks no more. */
export function skipProtected(key: string): void {
  importRows.value = importRows.value.map((r): ImportRow => {
    if (r.key !== key) return r;
    const { file: _file, ...rest } = r;
    return { ...rest, skipped: true };
  });
}

export function addNote(title: string, text: string): Promise<void> {
  return runImport(newRows([title]), async (lib, onProgress) => {
    const document = await lib.addNote(title, text, onProgress);
    onProgress({ file: title, stage: 'done', document }); // importFiles reports its own; addNote does not
  });
}

/** Stops the import: the file in progress and the ones after it are cancelled. */
export function cancelImport(): void {
  controller?.abort();
}

export async function deleteDocument(id: string): Promise<void> {
  try {
    await (await theLibrary()).remove(id);
    const results = searchResults.value;
    if (results) searchResults.value = { ...results, passages: results.passages.filter((p) => p.docId !== id) };
    if (openDocument.value?.info.id === id) openDocument.value = null;
  } catch (e) {
    knowledgeError.value = messageOf(e);
  }
  await refreshDocuments();
}

let searchSeq = 0;

export async function search(query: string): Promise<void> {
  const seq = ++searchSeq;
  const q = query.trim();
  if (!q) {
    searchResults.value = null;
    return;
  }
  try {
    await opened?.done;
    const passages = await (await theLibrary()).search(q, 8);
    if (seq === searchSeq) searchResults.value = { query: q, passages };
  } catch (e) {
    if (seq === searchSeq) knowledgeError.value = messageOf(e);
  }
}

export async function showDocument(docId: string, passage: string | null): Promise<void> {
  try {
    const { text, ...info } = await (await chatStores()).knowledge.getDocument(docId);
    openDocument.value = { info, text, passage };
  } catch (e) {
    knowledgeError.value = messageOf(e);
  }
}

export function closeDocument(): void {
  openDocument.value = null;
}
