// Cancelling the setup download deletes what the unfinished downloads stored, so it is asked first.
import { useId } from 'preact/hooks';
import { st } from '../../i18n/setup';
import { Modal } from '../../modal';

export function CancelDialog({ onKeep, onCancel }: { onKeep: () => void; onCancel: () => void }) {
  const id = useId();
  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-text`} onDismiss={onKeep}>
      <h2 id={`${id}-title`}>{st('setup.cancel.title')}</h2>
      <p id={`${id}-text`}>{st('setup.cancel.text')}</p>
      <div class="row dialog-actions">
        <button type="button" autoFocus onClick={onKeep}>
          {st('setup.cancel.keep')}
        </button>
        <button type="button" class="danger" onClick={onCancel}>
          {st('setup.cancel.confirm')}
        </button>
      </div>
    </Modal>
  );
}
