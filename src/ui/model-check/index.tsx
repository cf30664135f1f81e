// "Test on this device": loads a stored model in its worker and runs one real inference, so a person
// (and the offline tests) can see the weights in the store actually work here, network or not.
import { useState } from 'preact/hooks';
import type { ModelEntry } from '../../models/catalog-types';
import { embedClient } from '../../clients/embed-client';
import { t } from '../i18n';

type CheckState = { kind: 'idle' } | { kind: 'running' } | { kind: 'ok'; text: string } | { kind: 'error'; text: string };

/** Which stored models can be exercised from here (more runtimes join as their workers land). */
export const canCheck = (model: ModelEntry): boolean => model.runtime === 'transformers' && model.task === 'embed';

async function runCheck(model: ModelEntry): Promise<string> {
  const report = await embedClient.load(model);
  const { vectors, dims } = await embedClient.embed(['Turn on the kitchen lights']);
  const norm = Math.sqrt(vectors[0]!.reduce((s, v) => s + v * v, 0));
  return t('check.embedOk', { dims, ms: report.loadMs, device: report.device, norm: norm.toFixed(3) });
}

export function ModelCheck({ model }: { model: ModelEntry }) {
  const [state, setState] = useState<CheckState>({ kind: 'idle' });
  const start = async () => {
    setState({ kind: 'running' });
    try {
      setState({ kind: 'ok', text: await runCheck(model) });
    } catch (e) {
      setState({ kind: 'error', text: t('check.failed', { reason: (e as Error).message }) });
    }
  };
  return (
    <div class="model-check">
      <button type="button" onClick={start} disabled={state.kind === 'running'}
        aria-label={t('check.button', { name: model.name })}>
        {state.kind === 'running' ? t('check.running') : t('check.short')}
      </button>
      {state.kind === 'ok' && <p class="ok" role="status">{state.text}</p>}
      {state.kind === 'error' && <p class="error" role="alert">{state.text}</p>}
    </div>
  );
}
