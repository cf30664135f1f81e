import { t } from '../../i18n';
import { ViewHeader } from '../view-header';

export function ModelsView() {
  return (
    <section class="view">
      <ViewHeader title={t('nav.models')} />
    </section>
  );
}
