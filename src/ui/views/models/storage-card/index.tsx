// How much of the browser's storage Hearth uses, and whether the browser may evict it.
import { useId, useState } from 'preact/hooks';
import { formatBytes } from '../../../../core/transfer-math';
import { t } from '../../../i18n';
import { modelBytes, requestPersistence, storageEstimate, storagePersisted } from '../../../state/models';

export function StorageCard() {
  const id = useId();
  const [asked, setAsked] = useState(false);
  const estimate = storageEstimate.value;
  const persisted = storagePersisted.value;
  const ask = async () => {
    await requestPersistence();
    setAsked(true);
  };
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('models.storage.title')}</h2>
      {estimate ? (
        <>
          <label for={`${id}-meter`} class="visually-hidden">
            {t('models.storage.meterLabel')}
          </label>
          {/* high/low move the bar to the browser's warning colour as the quota fills up. */}
          <meter
            id={`${id}-meter`}
            min={0}
            max={estimate.quota}
            value={estimate.usage}
            low={estimate.quota * 0.7}
            high={estimate.quota * 0.9}
            optimum={0}
            aria-describedby={`${id}-used`}
          />
          <p id={`${id}-used`} class="storage-used">
            {t('models.storage.used', { used: formatBytes(estimate.usage), quota: formatBytes(estimate.quota) })}
          </p>
        </>
      ) : (
        <p class="hint">{t('models.storage.unknown')}</p>
      )}
      {modelBytes.value !== null && <p class="hint">{t('models.storage.models', { size: formatBytes(modelBytes.value) })}</p>}
      {persisted === true && <p class="hint">{t('models.storage.persistent')}</p>}
      {persisted === false && (
        <>
          <p class="hint">{t('models.storage.notPersistent')}</p>
          <div class="row">
            <button type="button" onClick={ask}>
              {t('models.storage.persist')}
            </button>
          </div>
        </>
      )}
      {/* Always rendered, so the answer to "Keep models stored" is announced when it arrives. */}
      <p role="status" class="hint">
        {asked ? t(persisted ? 'models.storage.persistGranted' : 'models.storage.persistDenied') : ''}
      </p>
    </section>
  );
}
