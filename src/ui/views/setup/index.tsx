// #/setup: "Set up Hearth on this device". Shown on first open (state/first-run.ts) and from Models:
// the set recommended for this device (core/setup-plan.ts) with sizes, licences and reasons, the
// total against free space, a request to keep storage, one progress bar over every download, and
// Talk once it is all stored. "Skip" goes to Models and is remembered.
import { useEffect, useRef, useState } from 'preact/hooks';
import { catalogById } from '../../../catalog/catalog';
import { formatBytes, formatEta, formatRate } from '../../../core/transfer-math';
import { st } from '../../i18n/setup';
import { initModels, jobs, readyModelIds, requestPersistence, statuses, storagePersisted, storeError } from '../../state/models';
import { hrefFor } from '../../state/route';
import { settings } from '../../state/settings';
import { explainError } from '../models/explain-error';
import { ViewHeader } from '../view-header';
import {
  cancelSet,
  chosenSet,
  downloadSet,
  finishSetup,
  openedByFirstOpen,
  pauseSet,
  plan,
  resumeSet,
  skipSetup,
} from './actions';
import { LaterInstallOffer } from './install-offer';
import { CancelDialog } from './cancel-dialog';
import { PickList } from './pick-list';
import { setProgress, type ItemState } from './set-state';

export function SetupView() {
  useEffect(() => {
    initModels().catch(() => {}); // a failure is in storeError, shown below
  }, []);
  // Someone who already chose a language model by hand (before setup existed) is not a first run.
  const hasLanguageModel = [...readyModelIds.value].some((id) => catalogById(id)?.task === 'llm');
  useEffect(() => {
    if (!openedByFirstOpen() || settings.value.firstRun !== 'pending' || !hasLanguageModel || chosenSet.value) return;
    void finishSetup();
    location.replace(hrefFor('talk'));
  }, [hasLanguageModel]);
  const current = plan.value;
  const chosen = chosenSet.value;
  return (
    <section class="view setup-view">
      <ViewHeader title={st('setup.title')}>
        <p class="hint view-intro">{st('setup.intro')}</p>
      </ViewHeader>
      {storeError.value && (
        <p class="error" role="alert">
          {storeError.value.message}
        </p>
      )}
      {chosen ? <Downloading picks={chosen} /> : current ? <Offer /> : <p role="status">{st('setup.checking')}</p>}
      <div class="setup-install">
        <LaterInstallOffer />
      </div>
    </section>
  );
}

function Offer() {
  const current = plan.value!;
  const [busy, setBusy] = useState(false);
  const ready = current.picks.every((p) => !p.modelId || readyModelIds.value.has(p.modelId));
  const free = current.freeBytes === null ? st('setup.freeUnknown') : formatBytes(current.freeBytes);
  const missingOther = current.missing.filter((task) => task !== 'llm');
  const go = async () => {
    setBusy(true);
    try {
      await downloadSet(current.picks);
    } finally {
      setBusy(false);
    }
  };
  const skip = async () => {
    await skipSetup();
    location.hash = hrefFor('models');
  };
  return (
    <>
      {settings.value.showTestModels && <p class="warning">{st('setup.fixtures')}</p>}
      <PickList picks={current.picks} />
      {current.missing.includes('llm') && <p class="warning">{st('setup.missing.llm')}</p>}
      {missingOther.length > 0 && (
        <p class="warning">
          {st('setup.missing.other', { task: missingOther.map((task) => st(`setup.task.${task}`)).join(', ') })}
        </p>
      )}
      <Excluded />
      <p class="setup-total">{st('setup.total', { total: formatBytes(current.totalBytes), free })}</p>
      <p class="hint">
        {st('setup.memory', { memory: formatBytes(current.memoryBytes), budget: formatBytes(current.memoryBudgetBytes) })}
      </p>
      {current.fitsStorage === false && (
        <p class="error" role="alert">
          {st('setup.noSpace', { total: formatBytes(current.totalBytes), free })}
        </p>
      )}
      <Persist />
      {ready ? (
        <Ready />
      ) : (
        <>
          <p class="hint">{st('setup.licences')}</p>
          <div class="row setup-actions">
            <button type="button" class="primary" disabled={busy || current.fitsStorage === false} onClick={() => void go()}>
              {st('setup.download')}
            </button>
            <button type="button" onClick={() => void skip()}>
              {st('setup.skip')}
            </button>
          </div>
        </>
      )}
    </>
  );
}

function Excluded() {
  const excluded = plan.value!.excluded;
  if (!excluded.length) return null;
  return (
    <details class="setup-excluded">
      <summary>{st('setup.excluded', { count: excluded.length })}</summary>
      <p class="hint">{st('setup.excluded.intro')}</p>
      <ul>
        {excluded.map((e) => (
          <li key={e.modelId}>
            {catalogById(e.modelId)?.name ?? e.modelId}: {e.why.map((w) => st(`setup.exclude.${w}`)).join('; ')}
          </li>
        ))}
      </ul>
    </details>
  );
}

function Persist() {
  const persisted = storagePersisted.value;
  const [asked, setAsked] = useState(false);
  return (
    <div class="setup-persist">
      <p class="hint">{st('setup.persist.why')}</p>
      {persisted ? (
        <p role="status">{st('setup.persist.granted')}</p>
      ) : (
        <>
          <button type="button" class="small" onClick={() => void requestPersistence().finally(() => setAsked(true))}>
            {st('setup.persist.button')}
          </button>
          {asked && <p role="status">{st('setup.persist.refused')}</p>}
        </>
      )}
    </div>
  );
}

function Downloading({ picks }: { picks: readonly import('../../../core/setup-plan').SetupPick[] }) {
  const progress = setProgress(picks, statuses.value, jobs.value);
  const [confirming, setConfirming] = useState(false);
  const states = new Map<(typeof picks)[number], ItemState>(progress.items.map((i) => [i.pick, i.state]));
  const percent = progress.totalBytes > 0 ? Math.floor((progress.storedBytes / progress.totalBytes) * 100) : 0;
  const remaining = progress.totalBytes - progress.storedBytes;
  useEffect(() => {
    if (progress.ready && settings.value.firstRun !== 'done') void finishSetup();
  }, [progress.ready]);
  return (
    <>
      <PickList picks={picks} states={states} />
      <div class="setup-progress">
        <progress max={progress.totalBytes || undefined} value={progress.storedBytes} aria-label={st('setup.progress.label')} />
        <p class="hint">
          {st('setup.progress.amounts', {
            stored: formatBytes(progress.storedBytes),
            total: formatBytes(progress.totalBytes),
            percent,
          })}
          {progress.running &&
            progress.bytesPerSecond > 0 &&
            ` · ${st('setup.progress.eta', { rate: formatRate(progress.bytesPerSecond), eta: formatEta(remaining / progress.bytesPerSecond) })}`}
        </p>
      </div>
      {progress.failed.map((item) => (
        <p class="error" role="alert" key={item.pick.task}>
          {st('setup.failed', { name: item.model!.name, reason: explainError(item.error ?? '', item.storedBytes) })}
        </p>
      ))}
      {progress.ready ? (
        <Ready />
      ) : (
        <>
          {progress.paused && <p role="status">{st('setup.paused')}</p>}
          <div class="row setup-actions">
            {progress.running ? (
              <button type="button" onClick={() => void pauseSet(picks)}>
                {st('setup.pause')}
              </button>
            ) : (
              <button type="button" class="primary" onClick={() => void resumeSet(picks)}>
                {progress.failed.length ? st('setup.retry') : st('setup.resume')}
              </button>
            )}
            <button type="button" onClick={() => setConfirming(true)}>
              {st('setup.cancel')}
            </button>
          </div>
          {confirming && (
            <CancelDialog
              onKeep={() => setConfirming(false)}
              onCancel={() => {
                setConfirming(false);
                void cancelSet(picks);
              }}
            />
          )}
        </>
      )}
    </>
  );
}

function Ready() {
  const link = useRef<HTMLAnchorElement>(null);
  useEffect(() => link.current?.focus(), []);
  return (
    <div class="setup-ready">
      <p role="status">{st('setup.ready')}</p>
      <a ref={link} class="button primary" href={hrefFor('talk')}>
        {st('setup.start')}
      </a>
    </div>
  );
}
