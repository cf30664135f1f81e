// The card's state in words, a progress bar while a job exists, and failures explained. Only the
// short state line is a live region: the progress text changes ten times a second and would drown
// a screen reader if it were announced.
import type { ModelEntry } from '../../../../catalog/types';
import type { Job } from '../../../../downloads/download-manager';
import type { ModelStatus } from '../../../../store/model-store';
import { formatBytes, formatEta, formatRate } from '../../../../core/transfer-math';
import { t } from '../../../i18n';
import type { CardState } from '../card-state';
import { explainError } from '../explain-error';

function stateLine(state: CardState): string {
  switch (state.kind) {
    case 'checking':
      return t('models.status.checking');
    case 'absent':
      return t('models.status.absent');
    case 'queued':
      return t('models.status.queued');
    case 'downloading':
      return state.job.progress.phase === 'verifying' ? t('models.status.verifying') : t('models.status.downloading');
    case 'paused':
      return t('models.status.paused');
    case 'failed':
      return state.storedBytes > 0
        ? t('models.status.failedPartial', { stored: formatBytes(state.storedBytes), total: formatBytes(state.totalBytes) })
        : t('models.status.failed');
    case 'partial':
      return t('models.status.partial', { stored: formatBytes(state.storedBytes), total: formatBytes(state.totalBytes) });
    case 'ready':
      return t('models.status.ready');
    case 'damaged':
      return t('models.status.damaged', { count: state.files.length });
  }
}

function progressText(job: Job): string {
  const { storedBytes, totalBytes, bytesPerSecond, etaSeconds, phase, file } = job.progress;
  const percent = totalBytes > 0 ? Math.floor((storedBytes / totalBytes) * 100) : 0;
  const amounts = t('models.progress.amounts', { percent, stored: formatBytes(storedBytes), total: formatBytes(totalBytes) });
  if (job.state === 'paused') return amounts;
  if (job.state === 'queued' || phase === 'checking') return `${amounts} · ${t('models.progress.checking')}`;
  if (phase === 'verifying') return `${amounts} · ${t('models.progress.verifying', { file: file ?? '' })}`;
  const speed = bytesPerSecond > 0 ? formatRate(bytesPerSecond) : '–';
  return `${amounts} · ${speed} · ${t('models.progress.eta', { eta: formatEta(etaSeconds) })}`;
}

interface Props {
  model: ModelEntry;
  state: CardState;
  status: ModelStatus | undefined;
}

export function DownloadStatus({ model, state, status }: Props) {
  // A failed job's amounts are in its state line; the bar is for work that is under way or paused.
  const job = state.kind === 'queued' || state.kind === 'downloading' || state.kind === 'paused' ? state.job : undefined;
  const total = job?.progress.totalBytes ?? 0;
  return (
    <div class="download-status">
      <p class="model-state" role="status" data-state={state.kind}>
        <span aria-hidden="true" class="state-icon">
          {ICONS[state.kind]}
        </span>
        {stateLine(state)}
      </p>
      {job && (
        <div class="progress">
          {/* No value while the total is unknown (WebLLM's fixed files): an indeterminate bar. */}
          <progress
            max={total > 0 ? total : undefined}
            value={total > 0 ? job.progress.storedBytes : undefined}
            aria-label={t('models.progress.label', { name: model.name })}
          />
          <p class="hint progress-text">{progressText(job)}</p>
        </div>
      )}
      {state.kind === 'failed' && (
        <p class="error" role="alert">
          {explainError(state.error, state.storedBytes)}
        </p>
      )}
      {state.kind === 'damaged' && (
        <p class="error" role="alert">
          {t('models.error.damaged', { name: model.name, files: state.files.join(', ') })}
        </p>
      )}
      {state.kind === 'ready' && status?.pinnedFiles && <p class="hint">{t('models.status.pinned')}</p>}
      {state.kind === 'ready' && status?.unverifiedFiles && (
        <p class="warning">{t('models.status.unverified', { count: status.unverifiedFiles.length })}</p>
      )}
    </div>
  );
}

// Shapes as well as words, never colour alone.
const ICONS: Record<CardState['kind'], string> = {
  checking: '…',
  absent: '○',
  queued: '…',
  downloading: '↓',
  paused: '❚❚',
  failed: '!',
  partial: '◐',
  ready: '✓',
  damaged: '⚠',
};
