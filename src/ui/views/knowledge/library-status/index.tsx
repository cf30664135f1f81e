// Which embedding model search uses, its loading (and re-embedding) progress, or why nothing can be
// added yet, with the way to Models.
import { t } from '../../../i18n';
import { libraryState } from '../../../state/knowledge';
import { hrefFor } from '../../../state/route';

export function LibraryStatus() {
  const s = libraryState.value;
  return (
    <div role="status" class="library-status" data-state={s.state}>
      {s.state === 'checking' && <p class="hint">{t('knowledge.checking')}</p>}
      {s.state === 'no-model' && (
        <div class="empty-state">
          <p>{t('knowledge.noModel')}</p>
          <a class="button primary" href={hrefFor('models')}>
            {t('knowledge.goModels')}
          </a>
        </div>
      )}
      {s.state === 'opening' && (
        <p class="hint">
          {s.total > 0
            ? t('knowledge.reembedding', { model: s.model.name, embedded: s.embedded, total: s.total })
            : t('knowledge.opening', { model: s.model.name })}
        </p>
      )}
      {s.state === 'ready' && <p class="hint">{t('knowledge.model', { model: s.model.name })}</p>}
      {s.state === 'error' && <p class="error">{t('knowledge.openFailed', { reason: s.message })}</p>}
    </div>
  );
}
