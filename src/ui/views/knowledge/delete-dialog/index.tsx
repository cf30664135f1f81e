// Confirms deleting a document. Focus starts on "Keep it": the safe choice for a stray Enter.
import { useId } from 'preact/hooks';
import { t } from '../../../i18n';
import { Modal } from '../../../modal';

interface Props {
  name: string;
  onConfirm: () => void;
  onCancel: () => void;
}

export function DeleteDocumentDialog({ name, onConfirm, onCancel }: Props) {
  const id = useId();
  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-text`} onDismiss={onCancel}>
      <h2 id={`${id}-title`}>{t('knowledge.delete.title', { name })}</h2>
      <p id={`${id}-text`}>{t('knowledge.delete.text')}</p>
      <div class="row dialog-actions">
        <button type="button" autoFocus onClick={onCancel}>
          {t('knowledge.delete.keep')}
        </button>
        <button type="button" class="danger" onClick={onConfirm}>
          {t('knowledge.delete.confirm')}
        </button>
      </div>
    </Modal>
  );
}
