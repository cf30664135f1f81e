// Shown before a model's first download. Acceptance is recorded in the model store, so it is asked
// once per model, and survives deleting the weights.
import { useId } from 'preact/hooks';
import type { ModelEntry } from '../../../../catalog/types';
import { t } from '../../../i18n';
import { Modal } from '../../../modal';
import { ExternalLink } from '../../../external-link';
import { sizeText } from '../fit-text';

interface Props {
  model: ModelEntry;
  onAccept: () => void;
  onCancel: () => void;
}

export function LicenceDialog({ model, onAccept, onCancel }: Props) {
  const id = useId();
  const { licence } = model;
  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-text`} onDismiss={onCancel}>
      <h2 id={`${id}-title`}>{t('models.licence.title', { name: model.name })}</h2>
      <p id={`${id}-text`}>
        {t('models.licence.text', { name: model.name })} <ExternalLink href={licence.url}>{licence.name}</ExternalLink>
      </p>
      {!licence.commercialUse && (
        <p class="warning">
          <span aria-hidden="true">⚠ </span>
          {t('models.licence.nonCommercial')}
        </p>
      )}
      <p>{t('models.licence.size', { size: sizeText(model) })}</p>
      <p class="hint">{t('models.licence.agree')}</p>
      <div class="row dialog-actions">
        <button type="button" onClick={onCancel}>
          {t('models.licence.cancel')}
        </button>
        <button type="button" class="primary" autoFocus onClick={onAccept}>
          {t('models.licence.accept')}
        </button>
      </div>
    </Modal>
  );
}
