import { t } from '../../i18n';
import { hrefFor } from '../../state/route';
import { ViewHeader } from '../view-header';

export function TalkView() {
  return (
    <section class="view">
      <ViewHeader title={t('talk.title')} />
      <div class="empty-state">
        <p>{t('talk.empty')}</p>
        <a class="button primary" href={hrefFor('models')}>{t('talk.goModels')}</a>
      </div>
    </section>
  );
}
