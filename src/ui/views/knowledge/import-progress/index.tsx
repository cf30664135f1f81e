// One line per file of the current import: its stage (read → chunk → store → embed, with passages
// embedded of the total), then added, cancelled or not added with the reason. Cancel stops the file
// in progress and those after it. A protected PDF asks for its password in its row.
import { useId } from 'preact/hooks';
import { t } from '../../../i18n';
import { cancelImport, importing, importRows, type ImportRow } from '../../../state/knowledge';
import { DocumentUnreadableError } from '../../../../core/errors';
import { PasswordForm } from './password-form';
import { reasonText } from './reason-text';

const asksPassword = (row: ImportRow) =>
  row.stage === 'failed' &&
  !!row.file &&
  !row.skipped &&
  row.error instanceof DocumentUnreadableError &&
  (row.error.reason === 'password' || row.error.reason === 'wrong-password');

function stageText(row: ImportRow): string {
  switch (row.stage) {
    case 'embed':
      return t('knowledge.stage.embed', { embedded: row.embedded ?? 0, total: row.total ?? 0 });
    case 'cancelled':
      return t(row.kept ? 'knowledge.stage.cancelledKept' : 'knowledge.stage.cancelled');
    case 'failed':
      if (row.skipped) return t('knowledge.stage.skipped');
      return t('knowledge.stage.failed', { reason: row.error ? reasonText(row.error) : '' });
    default:
      return t(`knowledge.stage.${row.stage}`);
  }
}

export function ImportProgressList() {
  const id = useId();
  const rows = importRows.value;
  if (!rows.length) return null;
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('knowledge.progress.title')}</h2>
      <ul class="import-rows" aria-live="polite">
        {rows.map((row) => (
          <li key={row.key} class="import-row" data-stage={row.stage}>
            <span class="import-name">{row.name}</span>
            <span class={row.stage === 'failed' ? 'error import-stage' : 'import-stage'}>{stageText(row)}</span>
            {row.stage === 'embed' && (
              <progress
                max={Math.max(1, row.total ?? 0)}
                value={row.embedded ?? 0}
                aria-label={t('knowledge.progress.embedding', { name: row.name })}
              />
            )}
            {asksPassword(row) && <PasswordForm row={row} />}
          </li>
        ))}
      </ul>
      {importing.value && (
        <button type="button" onClick={cancelImport}>
          {t('knowledge.progress.cancel')}
        </button>
      )}
    </section>
  );
}
