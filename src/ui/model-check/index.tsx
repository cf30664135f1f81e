// "Test on this device": loads a stored model in its worker and runs one real inference, so a person
// (and the offline tests) can see the weights in the store actually work here, network or not.
import { useState } from 'preact/hooks';
import type { ModelEntry } from '../../catalog/types';
import { t } from '../i18n';
import { runCheck } from './checks';
import { StoredFileDamagedError } from '../../core/errors';
import { refreshModels } from '../state/models';

export { canCheck } from './checks';

type CheckState =
  | { kind: 'idle' }
  | { kind: 'running'; sample?: string }
  | { kind: 'ok'; text: string; sample?: string }
  | { kind: 'error'; text: string };

export function ModelCheck({ model }: { model: ModelEntry }) {
  const [state, setState] = useState<CheckState>({ kind: 'idle' });
  const start = async () => {
    setState({ kind: 'running' });
    try {
      // Only a running check takes streamed text: a late piece must never turn a finished check back.
      const result = await runCheck(model, (sample) => setState((s) => (s.kind === 'running' ? { kind: 'running', sample } : s)));
      setState({ kind: 'ok', ...result });
    } catch (e) {
      setState({ kind: 'error', text: t('check.failed', { reason: (e as Error).message }) });
      // The store marked the file: the card turns to its damaged state and offers Repair.
      if (e instanceof StoredFileDamagedError) await refreshModels();
    }
  };
  const sample = state.kind === 'running' || state.kind === 'ok' ? state.sample : undefined;
  return (
    <div class="model-check">
      <button
        type="button"
        onClick={start}
        disabled={state.kind === 'running'}
        aria-label={t('check.button', { name: model.name })}
      >
        {state.kind === 'running' ? t('check.running') : t('check.short')}
      </button>
      {sample !== undefined && (
        <blockquote class="sample" lang={model.languages[0] === 'multilingual' ? undefined : model.languages[0]}>
          {sample}
        </blockquote>
      )}
      {state.kind === 'ok' && (
        <p class="ok" role="status">
          {state.text}
        </p>
      )}
      {state.kind === 'error' && (
        <p class="error" role="alert">
          {state.text}
        </p>
      )}
    </div>
  );
}
