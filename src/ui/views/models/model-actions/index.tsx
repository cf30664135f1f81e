// The buttons of one model card. Each accessible name carries the model's name ("Pause Kokoro 82M")
// so a list of identical "Pause" buttons stays tellable apart. The same slots hold the buttons from
// state to state (Download -> Pause -> Resume), so Preact keeps the focused element in place.
import { useState } from 'preact/hooks';
import type { ModelEntry } from '../../../../catalog/types';
import { t, type MessageKey } from '../../../i18n';
import { ModelCheck, canCheck } from '../../../model-check';
import {
  acceptLicence,
  cancelDownload,
  checkModelFiles,
  deleteModel,
  needsLicence,
  repairModel,
  pauseDownload,
  resumeDownload,
  startDownload,
} from '../../../state/models';
import type { CardState } from '../card-state';
import { DeleteDialog } from '../delete-dialog';
import { explainError } from '../explain-error';
import { LicenceDialog } from '../licence-dialog';

interface Props {
  model: ModelEntry;
  state: CardState;
  /** false for models this device cannot run: no download is offered. */
  canRun: boolean;
}

type Verb = 'download' | 'pause' | 'resume' | 'cancel' | 'delete' | 'repair' | 'checkFiles';
// [visible text, accessible name]: the name starts with the visible text (WCAG 2.5.3, label in name).
const LABELS: Record<Verb, [MessageKey, MessageKey]> = {
  download: ['models.action.download', 'models.action.downloadNamed'],
  pause: ['models.action.pause', 'models.action.pauseNamed'],
  resume: ['models.action.resume', 'models.action.resumeNamed'],
  cancel: ['models.action.cancel', 'models.action.cancelNamed'],
  delete: ['models.action.delete', 'models.action.deleteNamed'],
  repair: ['models.action.repair', 'models.action.repairNamed'],
  checkFiles: ['models.action.checkFiles', 'models.action.checkFilesNamed'],
};

export function ModelActions({ model, state, canRun }: Props) {
  const [dialog, setDialog] = useState<'licence' | 'delete' | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The outcome of the last "Check files" that found nothing wrong (damage shows as the card's state). */
  const [checked, setChecked] = useState<number | null>(null);

  const run = (action: () => Promise<void>) => async () => {
    setError(null);
    setChecked(null);
    try {
      await action();
    } catch (e) {
      setError(t('models.action.failed', { reason: explainError(e instanceof Error ? e : String(e)) }));
    }
  };
  // Every way into a download passes the licence check, including a Resume after a reload.
  const begin = run(async () => {
    if (await needsLicence(model)) setDialog('licence');
    else await startDownload(model);
  });
  const accept = run(async () => {
    await acceptLicence(model);
    setDialog(null);
    await startDownload(model);
  });
  const remove = run(async () => {
    setDialog(null);
    await deleteModel(model);
  });
  const resume = state.kind === 'paused' || (state.kind === 'failed' && state.job) ? run(() => resumeDownload(model)) : begin;

  const button = (verb: Verb, onClick: () => void, primary = false) => (
    <button
      type="button"
      class={primary ? 'primary' : verb === 'delete' ? 'danger' : undefined}
      aria-label={t(LABELS[verb][1], { name: model.name })}
      onClick={onClick}
    >
      {t(LABELS[verb][0])}
    </button>
  );

  let buttons: preact.JSX.Element[] = [];
  switch (state.kind) {
    case 'absent':
      buttons = canRun ? [button('download', begin, true)] : [];
      break;
    case 'queued':
    case 'downloading':
      buttons = [
        button(
          'pause',
          run(() => pauseDownload(model)),
        ),
        button(
          'cancel',
          run(() => cancelDownload(model)),
        ),
      ];
      break;
    case 'paused':
      buttons = [
        button('resume', resume, true),
        button(
          'cancel',
          run(() => cancelDownload(model)),
        ),
      ];
      break;
    case 'failed':
      // Nothing stored and no job (e.g. refused for space before the first byte): start afresh.
      if (!state.job && state.storedBytes === 0) {
        buttons = canRun ? [button('download', begin, true)] : [];
        break;
      }
      buttons = [
        button('resume', resume, true),
        state.job
          ? button(
              'cancel',
              run(() => cancelDownload(model)),
            )
          : button('delete', () => setDialog('delete')),
      ];
      break;
    case 'partial':
      buttons = [button('resume', begin, true), button('delete', () => setDialog('delete'))];
      break;
    case 'ready':
      buttons = [
        button('delete', () => setDialog('delete')),
        button(
          'checkFiles',
          run(async () => setChecked(await checkModelFiles(model))),
        ),
      ];
      break;
    case 'damaged':
      buttons = [
        button(
          'repair',
          run(() => repairModel(model)),
          true,
        ),
        button('delete', () => setDialog('delete')),
      ];
      break;
  }

  return (
    <div class="model-actions">
      <div class="row">
        {buttons}
        {state.kind === 'ready' && canCheck(model) && <ModelCheck model={model} />}
      </div>
      {checked !== null && state.kind === 'ready' && (
        <p class="ok" role="status">
          {t('models.checkFiles.ok', { count: checked })}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {dialog === 'licence' && <LicenceDialog model={model} onAccept={accept} onCancel={() => setDialog(null)} />}
      {dialog === 'delete' && (
        <DeleteDialog
          model={model}
          storedBytes={'storedBytes' in state ? state.storedBytes : 0}
          onConfirm={remove}
          onCancel={() => setDialog(null)}
        />
      )}
    </div>
  );
}
