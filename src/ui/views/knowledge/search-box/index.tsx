// Search over the stored passages: ranked results with their document, heading path or page, and the
// question's words marked. A result opens its document at that passage.
import { useId, useState } from 'preact/hooks';
import type { FoundPassage } from '../../../../knowledge/library';
import { t } from '../../../i18n';
import { libraryState, search, searchResults, showDocument } from '../../../state/knowledge';
import { MarkedText } from '../marked-text';

function where(hit: FoundPassage): string {
  return [hit.documentName, ...(hit.page ? [t('knowledge.search.page', { n: hit.page })] : []), ...hit.headings.slice(-1)].join(
    ' · ',
  );
}

export function SearchBox() {
  const id = useId();
  const [query, setQuery] = useState('');
  const ready = libraryState.value.state === 'ready';
  const results = searchResults.value;
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('knowledge.search.title')}</h2>
      <form
        class="row search-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void search(query);
        }}
      >
        <label class="visually-hidden" for={`${id}-q`}>
          {t('knowledge.search.label')}
        </label>
        <input id={`${id}-q`} type="search" value={query} disabled={!ready} onInput={(e) => setQuery(e.currentTarget.value)} />
        <button type="submit" disabled={!ready}>
          {t('knowledge.search.button')}
        </button>
      </form>
      <div class="search-output" data-query={results?.query}>
        <div role="status">
          {results && results.passages.length === 0 && (
            <p class="empty-state">{t('knowledge.search.none', { query: results.query })}</p>
          )}
        </div>
        {results && results.passages.length > 0 && (
          <ol class="search-results" aria-label={t('knowledge.search.results', { query: results.query })}>
            {results.passages.map((hit) => (
              <li key={hit.id}>
                <button type="button" class="search-hit" onClick={() => void showDocument(hit.docId, hit.text)}>
                  <span class="search-hit-source">{where(hit)}</span>
                  <span class="search-hit-text">
                    <MarkedText text={hit.text} ranges={hit.matches} />
                  </span>
                </button>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
