// Asks before acting on something that secures or opens the home (a lock, a garage door, an alarm)
// or that the person marked. Focus starts on Cancel: a stray Enter does nothing.
import { useId } from 'preact/hooks';
import { td } from '../strings';
import { Modal } from '../../../modal';

interface Props {
  /** "Unlock Front door" */
  action: string;
  name: string;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ action, name, onConfirm, onCancel }: Props) {
  const id = useId();
  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-text`} onDismiss={onCancel}>
      <h2 id={`${id}-title`}>{td('devices.confirm.title', { action })}</h2>
      <p id={`${id}-text`}>{td('devices.confirm.text', { name })}</p>
      <div class="row dialog-actions">
        <button type="button" autoFocus onClick={onCancel}>
          {td('devices.confirm.no')}
        </button>
        <button type="button" class="primary" onClick={onConfirm}>
          {td('devices.confirm.yes', { action })}
        </button>
      </div>
    </Modal>
  );
}
