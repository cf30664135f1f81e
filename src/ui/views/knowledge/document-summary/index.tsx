// A document's summary: Summarize (map-reduce with the language model, state/summaries), its progress
// with Stop, and the saved summary under the document. The summary is model output: shown as text.
import type { DocumentInfo } from '../../../../platform/knowledge-store';
import { t } from '../../../i18n';
import { stopSummary, summarizeDocument, summaryJob } from '../../../state/summaries';

export function SummarizeButton({ doc }: { doc: DocumentInfo }) {
  const running = summaryJob.value?.state === 'running';
  return (
    <button
      type="button"
      class="small"
      disabled={running}
      aria-label={t('knowledge.summary.startFor', { name: doc.name })}
      onClick={() => void summarizeDocument(doc)}
    >
      {t('knowledge.summary.start')}
    </button>
  );
}

export function DocumentSummary({ doc }: { doc: DocumentInfo }) {
  const job = summaryJob.value?.docId === doc.id ? summaryJob.value : null;
  return (
    <>
      {job?.state === 'running' && (
        <div class="summary-progress row" role="status">
          <progress
            max={Math.max(1, job.total)}
            value={job.done}
            aria-label={t('knowledge.summary.progress', { name: doc.name })}
          />
          <span class="hint">{t('knowledge.summary.step', { done: job.done, total: Math.max(job.total, job.done) })}</span>
          <button type="button" class="small danger" onClick={stopSummary}>
            {t('knowledge.summary.stop')}
          </button>
        </div>
      )}
      {job?.state === 'stopped' && <p class="hint">{t('knowledge.summary.stopped')}</p>}
      {job?.state === 'failed' && (
        <p class="error" role="alert">
          {t('knowledge.summary.failed', { reason: job.error ?? '' })}
        </p>
      )}
      {doc.summary !== undefined && (
        <details class="document-summary" open={job?.state === 'done'}>
          <summary>{t('knowledge.summary.title')}</summary>
          <p>{doc.summary}</p>
        </details>
      )}
    </>
  );
}
