// "Use my documents": shown once a document is stored; on by default, switchable per conversation.
import { t } from '../../../i18n';
import { current, phase, setUseDocuments } from '../../../state/chat';
import { hrefFor } from '../../../state/route';
import { documentCount, embedModelReady, usesDocuments } from '../../../state/use-documents';

export function DocumentsSwitch() {
  if (!documentCount.value) return null;
  const ready = embedModelReady.value;
  const on = usesDocuments(current.value);
  return (
    <div class="documents-switch">
      <label>
        <input
          type="checkbox"
          role="switch"
          checked={on}
          disabled={!ready || phase.value !== 'idle'}
          onChange={(e) => void setUseDocuments(e.currentTarget.checked)}
        />{' '}
        {t('talk.docs.use')}
      </label>{' '}
      {!ready && (
        <a class="hint" href={hrefFor('models')}>
          {t('talk.docs.noModel')}
        </a>
      )}
    </div>
  );
}
