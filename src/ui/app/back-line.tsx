// The one line that says what happened while the phone had the app suspended (state/resume). The
// live region stays in the page, empty, so the line is announced when it appears.
import { t, type MessageKey } from '../i18n';
import { backLine } from '../state/resume';

export function BackLine() {
  const line = backLine.value;
  return (
    <div class="back-line" role="status">
      {line && (
        <>
          <p>
            {[
              t(`resume.away.${line.away.unit}`, { n: line.away.n }),
              ...line.parts.map((p) => t(p.key as MessageKey, 'n' in p ? { n: p.n } : {})),
            ].join(' ')}
          </p>
          <button type="button" class="small" onClick={() => (backLine.value = null)}>
            {t('resume.dismiss')}
          </button>
        </>
      )}
    </div>
  );
}
