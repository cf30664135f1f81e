import { t } from '../../i18n';
import { ViewHeader } from '../view-header';

export function KnowledgeView() {
  return (
    <section class="view">
      <ViewHeader title={t('knowledge.title')} />
      <p class="empty-state">{t('knowledge.empty')}</p>
    </section>
  );
}
