import { t } from '../../i18n';
import { ViewHeader } from '../view-header';

export function DevicesView() {
  return (
    <section class="view">
      <ViewHeader title={t('devices.title')} />
      <p class="empty-state">{t('devices.empty')}</p>
    </section>
  );
}
