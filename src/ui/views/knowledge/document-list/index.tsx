// The stored documents, newest first: name, format, size, pages when known, passages; Read and Delete.
import { useId, useState } from 'preact/hooks';
import { formatBytes } from '../../../../core/transfer-math';
import type { DocumentInfo } from '../../../../platform/knowledge-store';
import { t } from '../../../i18n';
import { damagedDocuments, deleteDocument, documents, showDocument } from '../../../state/knowledge';
import { DeleteDocumentDialog } from '../delete-dialog';
import { DocumentSummary, SummarizeButton } from '../document-summary';

function facts(doc: DocumentInfo): string {
  return [
    t(`knowledge.format.${doc.format}`),
    formatBytes(doc.bytes),
    ...(doc.pages ? [t('knowledge.docs.pages', { n: doc.pages })] : []),
    t('knowledge.docs.passages', { n: doc.passages }),
  ].join(' · ');
}

export function DocumentList() {
  const id = useId();
  const [deleting, setDeleting] = useState<DocumentInfo | null>(null);
  const docs = documents.value;
  const damaged = damagedDocuments.value;
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('knowledge.docs.title')}</h2>
      {docs && docs.length === 0 && <p class="empty-state">{t('knowledge.docs.none')}</p>}
      {damaged > 0 && <p class="warning">{t('knowledge.docs.damaged', { n: damaged })}</p>}
      {docs && docs.length > 0 && (
        <ul class="document-list">
          {docs.map((doc) => (
            <li key={doc.id} class="document-row">
              <div class="document-name">
                <strong>{doc.name}</strong>
                <span class="hint">{facts(doc)}</span>
              </div>
              <div class="row">
                <button
                  type="button"
                  class="small"
                  aria-label={t('knowledge.docs.open', { name: doc.name })}
                  onClick={() => void showDocument(doc.id, null)}
                >
                  {t('knowledge.reader.open')}
                </button>
                <SummarizeButton doc={doc} />
                <button
                  type="button"
                  class="small danger"
                  aria-label={t('knowledge.docs.delete', { name: doc.name })}
                  onClick={() => setDeleting(doc)}
                >
                  {t('knowledge.delete.confirm')}
                </button>
              </div>
              <DocumentSummary doc={doc} />
            </li>
          ))}
        </ul>
      )}
      {deleting && (
        <DeleteDocumentDialog
          name={deleting.name}
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const doc = deleting;
            setDeleting(null);
            void deleteDocument(doc.id);
          }}
        />
      )}
    </section>
  );
}
