// One catalog model: what it is, whether it suits this device, where its download stands, and what
// can be done with it. Presentational: everything comes from the state signals via ModelList.
import { useId } from 'preact/hooks';
import type { FitResult } from '../../../../core/model-fit';
import type { ModelEntry } from '../../../../catalog/types';
import type { Capabilities } from '../../../../platform/capabilities';
import type { ModelStatus } from '../../../../store/model-store';
import type { CardState } from '../card-state';
import { DownloadStatus } from '../download-status';
import { FitBadges } from '../fit-badges';
import { fitText } from '../fit-text';
import { ModelActions } from '../model-actions';
import { ModelFacts } from '../model-facts';

interface Props {
  model: ModelEntry;
  state: CardState;
  status: ModelStatus | undefined;
  fit: FitResult | undefined;
  caps: Capabilities | null;
}

export function ModelCard({ model, state, status, fit, caps }: Props) {
  const id = useId();
  const text = fit && caps ? fitText(fit, model, caps, status?.storedBytes ?? 0) : null;
  return (
    <article class="card model-card" aria-labelledby={`${id}-name`} data-verdict={fit?.verdict}>
      <h3 id={`${id}-name`}>{model.name}</h3>
      <FitBadges model={model} fit={text} />
      {/* Catalog descriptions are data written in English. */}
      <p class="hint" lang="en">
        {model.description}
      </p>
      {text?.hint && <p class="hint">{text.hint}</p>}
      <ModelFacts model={model} />
      <DownloadStatus model={model} state={state} status={status} />
      <ModelActions model={model} state={state} canRun={fit?.verdict !== 'unsupported'} />
    </article>
  );
}
