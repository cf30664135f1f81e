// Confirms freeing a model's storage. Focus starts on "Keep": the safe choice for a stray Enter.
import { useId } from 'preact/hooks';
import type { ModelEntry } from '../../../../catalog/types';
import { formatBytes } from '../../../../core/transfer-math';
import { t } from '../../../i18n';
import { Modal } from '../../../modal';

interface Props {
  model: ModelEntry;
  storedBytes: number;
  onConfirm: () => void;
  onCancel: () => void;
}

export function DeleteDialog({ model, storedBytes, onConfirm, onCancel }: Props) {
  const id = useId();
  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-text`} onDismiss={onCancel}>
      <h2 id={`${id}-title`}>{t('models.delete.title', { name: model.name })}</h2>
      <p id={`${id}-text`}>{t('models.delete.text', { size: formatBytes(storedBytes) })}</p>
      <div class="row dialog-actions">
        <button type="button" autoFocus onClick={onCancel}>
          {t('models.delete.keep')}
        </button>
        <button type="button" class="danger" onClick={onConfirm}>
          {t('models.delete.confirm')}
        </button>
      </div>
    </Modal>
  );
}
