import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { settings, updateSettings } from '../../state/settings';
import { normaliseSource } from '../../../core/model-url';
import { effectiveModelSource } from '../../../store/model-source';
import { pageBlocks, reloadWithCurrentPolicy } from '../../../platform/page-policy';
import { NoServiceWorkerNote, PolicyNotice, useRewritablePolicy } from '../../policy-notice';

// A new source changes the page's CSP (connect-src), which the service worker applies on the next
// load, so saving offers a reload instead of pretending it took effect. The reload waits until the
// service worker can serve the page: before that it would bring back the build's policy.
export function ModelSourceForm() {
  const [draft, setDraft] = useState(settings.value.modelSource);
  const [error, setError] = useState('');
  const [saved, setSaved] = useState(false);
  const [applying, setApplying] = useState(false);
  const [rewritable, checkRewritable] = useRewritablePolicy();
  const source = effectiveModelSource(settings.value);

  const reload = async () => {
    setApplying(true);
    if (await reloadWithCurrentPolicy()) return;
    setApplying(false);
    await checkRewritable();
  };

  const save = async (e: Event) => {
    e.preventDefault();
    try {
      const value = draft.trim() ? normaliseSource(draft) : '';
      await updateSettings({ modelSource: value });
      setDraft(value);
      setError('');
      setSaved(true);
      await checkRewritable();
    } catch (err) {
      setError(t('settings.source.invalid', { reason: (err as Error).message }));
      setSaved(false);
    }
  };

  return (
    <form class="card" onSubmit={save}>
      <h2>
        <label for="set-source">{t('settings.source')}</label>
      </h2>
      <p id="set-source-help" class="hint">
        {t('settings.source.help')}
      </p>
      <input
        id="set-source"
        type="url"
        inputMode="url"
        placeholder="https://huggingface.co"
        value={draft}
        aria-describedby="set-source-help"
        aria-invalid={error ? 'true' : undefined}
        onInput={(e) => setDraft(e.currentTarget.value)}
      />
      <p class="hint">{t('settings.source.current', { source })}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!saved && <PolicyNotice />}
      <div class="row">
        <button type="submit" class="primary">
          {t('settings.source.save')}
        </button>
        {saved && rewritable === false && pageBlocks(source) && <NoServiceWorkerNote source={source} />}
        {saved && rewritable !== false && (
          <span role="status">
            {applying ? t('settings.source.applying') : t('settings.source.saved')}{' '}
            <button type="button" disabled={applying} onClick={() => void reload()}>
              {t('settings.source.reload')}
            </button>
          </span>
        )}
      </div>
    </form>
  );
}
