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
  // Only the passages found and their documents' records are decrypted, not whole documents.
  const store = (await chatStores()).knowledge;
  const found: RetrievedPassage[] = [];
  for (const hit of hits) {
    const [doc, passage] = await Promise.all([store.documentInfo(hit.docId), store.passage(hit.id)]);
    if (!doc || !passage) continue; // deleted while the search ran
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
