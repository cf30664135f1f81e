// What an import did, in words: models now ready, models still missing files, files refused.
import { catalogById } from '../../../../catalog/catalog';
import type { ImportReport } from '../../../../downloads/importer';
import { t } from '../../../i18n';

const nameOf = (id: string): string => catalogById(id)?.name ?? id;

// The importer words its refusals for developers (core/errors.ts, pack-match.ts); say them plainly.
function reasonText(reason: string): string {
  if (/failed its SHA-256 check/.test(reason)) return t('models.import.badHash');
  const size = /expected (\d+) bytes, got (at least )?(\d+)/.exec(reason);
  if (size) return t('models.import.badSize', { expected: Number(size[1]), actual: Number(size[3]) });
  if (/could belong to several models/.test(reason)) return t('models.import.ambiguous');
  return reason;
}

export function ImportSummary({ report }: { report: ImportReport }) {
  const { imported, missing, rejected, unmatched } = report;
  return (
    <div class="import-summary">
      <p>
        {imported.length
          ? t('models.import.imported', { count: imported.length, names: imported.map(nameOf).join(', ') })
          : t('models.import.nothing')}
      </p>
      {missing.length > 0 && (
        <ul>
          {missing.map((m) => (
            <li key={m.modelId}>{t('models.import.missing', { name: nameOf(m.modelId), count: m.files.length })}</li>
          ))}
        </ul>
      )}
      {rejected.length > 0 && (
        <>
          <p class="error">{t('models.import.rejected', { count: rejected.length })}</p>
          <ul class="file-list">
            {rejected.map((r) => (
              <li key={r.path}>
                <code>{r.path}</code>: {reasonText(r.reason)}
              </li>
            ))}
          </ul>
        </>
      )}
      {unmatched.length > 0 && (
        <details>
          <summary>{t('models.import.unmatched', { count: unmatched.length })}</summary>
          <ul class="file-list">
            {unmatched.map((p) => (
              <li key={p}>
                <code>{p}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
