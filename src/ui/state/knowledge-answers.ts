// The person's documents seen from Talk, loaded when a question first needs them (not with the first
// view): open the library with the chosen embedding model, search, keep what the relevance rule
// admits (core/knowledge/grounding), and open Knowledge's reader at a cited passage.
import { embedClient } from '../../clients/embed-client';
import { relevantPassages, type AnswerSource, type RetrievedPassage } from '../../core/knowledge/grounding';

export { fitGrounded } from '../../core/knowledge/grounding';
import { loadLocale, locale } from '../i18n';
import { libraryState, openLibrary, showDocument } from './knowledge';
import { chatStores } from './vault';

/** How many hits are looked at per question; the fit decides how many of them the model gets. */
const CANDIDATES = 8;

export class DocumentsUnavailableError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'DocumentsUnavailableError';
  }
}

/** The question's relevant passages, best first; [] when the documents hold nothing relevant. */
export async function passagesFor(question: string): Promise<RetrievedPassage[]> {
  // The "not in your documents" answer is in the views' strings in languages other than English.
  await Promise.all([openLibrary(), loadLocale(locale.value, 'views').catch(() => undefined)]);
  const state = libraryState.value;
  if (state.state === 'error') throw new DocumentsUnavailableError(state.message);
  if (state.state !== 'ready') throw new DocumentsUnavailableError('no embedding model is ready');
  const hits = relevantPassages(await embedClient.search(question, CANDIDATES));
  if (!hits.length) return [];
  const store = (await chatStores()).knowledge;
  const docs = new Map((await store.listDocuments()).documents.map((d) => [d.id, d]));
  const texts = new Map<string, Map<string, Awaited<ReturnType<typeof store.passages>>[number]>>();
  const found: RetrievedPassage[] = [];
  for (const hit of hits) {
    const doc = docs.get(hit.docId);
    if (!doc) continue; // deleted while the search ran
    if (!texts.has(hit.docId)) texts.set(hit.docId, new Map((await store.passages(hit.docId)).map((p) => [p.id, p])));
    const passage = texts.get(hit.docId)!.get(hit.id);
    if (!passage) continue;
    found.push({
      passageId: hit.id,
      docId: hit.docId,
      documentName: doc.name,
      text: passage.text,
      headings: passage.headings,
      ...(passage.page === undefined ? {} : { page: passage.page }),
      matches: hit.matches,
      keywordShare: hit.keywordShare,
    });
  }
  return found;
}

/** Knowledge's reader, at the cited passage. */
export async function openSource(source: AnswerSource): Promise<void> {
  await showDocument(source.docId, source.text.replace(/^…|…$/g, ''));
  location.hash = '#/knowledge';
}
