// #/models: this device, its storage, importing model files, and the catalog by task.
import { useEffect } from 'preact/hooks';
import { t } from '../../i18n';
import { refreshModels, storeError } from '../../state/models';
import { PolicyNotice } from '../../policy-notice';
import { ViewHeader } from '../view-header';
import { hrefFor } from '../../state/route';
import { DeviceCard } from './device-card';
import { ImportPack } from './import-pack';
import { ModelList } from './model-list';
import { StorageCard } from './storage-card';

export function ModelsView() {
  useEffect(() => {
    // Read the store on every visit: a load elsewhere (Talk, a voice) may have found a damaged file.
    refreshModels().catch(() => {}); // the failure is in storeError, shown below
  }, []);
  const failure = storeError.value;
  return (
    <section class="view models-view">
      <ViewHeader title={t('nav.models')}>
        <p class="hint view-intro">{t('models.intro')}</p>
        <p>
          <a href={hrefFor('setup')}>{t('models.setupLink')}</a>
        </p>
      </ViewHeader>
      <PolicyNotice />
      {failure && (
        <p class="error" role="alert">
          {t('models.storeFailed', { reason: failure.message })}
        </p>
      )}
      <div class="models-overview">
        <DeviceCard />
        <StorageCard />
      </div>
      <ImportPack />
      <ModelList />
    </section>
  );
}
