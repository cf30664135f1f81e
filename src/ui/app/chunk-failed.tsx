// A chunk that could not be loaded (a view, the kiosk screen), said in place of it with a retry; its
// words live in the main bundle (i18n/en-shell.ts), so they show even when the strings failed too.
import { t } from '../i18n';

export function ChunkFailed({ reason, retry }: { reason: string; retry: () => void }) {
  return (
    <p class="error" role="alert">
      {t('app.viewFailed', { reason })}{' '}
      <button type="button" class="small" onClick={retry}>
        {t('app.retry')}
      </button>
    </p>
  );
}
