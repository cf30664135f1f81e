// A document's text as stored, opened at a passage: the passage is marked and scrolled into view.
// The text is shown as text (pre-wrapped), never rendered as HTML or markdown.
import { useEffect, useId, useMemo, useRef } from 'preact/hooks';
import { locatePassage } from '../../../../core/knowledge/locate-passage';
import { t } from '../../../i18n';
import { closeDocument, openDocument } from '../../../state/knowledge';
import { MarkedText } from '../marked-text';

export function DocumentReader() {
  const id = useId();
  const doc = openDocument.value;
  const body = useRef<HTMLDivElement>(null);
  const range = useMemo(() => (doc?.passage ? locatePassage(doc.text, doc.passage) : null), [doc]);

  useEffect(() => {
    if (!doc) return;
    body.current?.closest('section')?.scrollIntoView({ block: 'nearest' });
    // After the card: centring the mark scrolls the text box and, if need be, the page once more.
    const mark = body.current?.querySelector('mark');
    if (mark) mark.scrollIntoView({ block: 'center' });
    else body.current?.scrollTo({ top: 0 });
  }, [doc]);

  if (!doc) return null;
  return (
    <section class="card document-reader" aria-labelledby={`${id}-title`}>
      <div class="row document-reader-head">
        <h2 id={`${id}-title`}>{doc.info.name}</h2>
        <button type="button" class="small" onClick={closeDocument}>
          {t('knowledge.reader.close')}
        </button>
      </div>
      {doc.info.summary !== undefined && (
        <details class="document-summary">
          <summary>{t('knowledge.summary.title')}</summary>
          <p>{doc.info.summary}</p>
        </details>
      )}
      {doc.passage && !range && <p class="hint">{t('knowledge.reader.notFound')}</p>}
      <div
        ref={body}
        class="document-text"
        role="region"
        tabIndex={0}
        aria-label={t('knowledge.reader.label', { name: doc.info.name })}
      >
        <MarkedText text={doc.text} ranges={range ? [range] : []} />
      </div>
    </section>
  );
}
