// Which embedding model search uses (and, with more than one stored, the choice of it), its loading
// and re-embedding progress, or why nothing can be added yet, with the way to Models.
import { t } from '../../../i18n';
import { chooseEmbedModel, chosenEmbedModel, importing, libraryState, readyEmbedModels } from '../../../state/knowledge';
import { hrefFor } from '../../../state/route';

export function LibraryStatus() {
  const s = libraryState.value;
  return (
    <div class="library-status-box">
      <div
        role="status"
        class="library-status"
        data-state={s.state}
        {...(s.state === 'opening' ? { 'data-embedded': s.embedded, 'data-total': s.total } : {})}
      >
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
      <EmbedModelChoice />
    </div>
  );
}

/** Shown once a second embedding model is stored: a multilingual one for Chinese documents, say. */
function EmbedModelChoice() {
  const models = readyEmbedModels.value;
  if (models.length < 2) return null;
  const busy = importing.value || libraryState.value.state === 'opening';
  return (
    <label class="embed-model-choice">
      <span>{t('knowledge.embedModel')}</span>
      <select
        value={chosenEmbedModel.value?.id ?? ''}
        disabled={busy}
        aria-describedby="embed-model-hint"
        onChange={(e) => void chooseEmbedModel((e.currentTarget as HTMLSelectElement).value)}
      >
        {models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.languages?.length ? `${m.name} (${m.languages.join(', ')})` : m.name}
          </option>
        ))}
      </select>
      <small id="embed-model-hint" class="hint">
        {t('knowledge.embedModelHint')}
      </small>
    </label>
  );
}
