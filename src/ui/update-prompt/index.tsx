// "Update available" instead of reloading under the person's feet; the new service worker only
// takes over when they accept, so the running page never mixes old JS with new wasm.
import { useRegisterSW } from 'virtual:pwa-register/preact';
import { t } from '../i18n';

export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({ immediate: true });

  if (!needRefresh && !offlineReady) return null;
  return (
    <div class="toast" role="status">
      {needRefresh ? (
        <>
          <p>{t('update.available')}</p>
          <button type="button" class="primary" onClick={() => void updateServiceWorker(true)}>
            {t('update.reload')}
          </button>
          <button type="button" onClick={() => setNeedRefresh(false)}>
            {t('update.later')}
          </button>
        </>
      ) : (
        <>
          <p>{t('update.offlineReady')}</p>
          <button type="button" onClick={() => setOfflineReady(false)}>
            {t('update.dismiss')}
          </button>
        </>
      )}
    </div>
  );
}
