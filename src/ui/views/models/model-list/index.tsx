// The catalog grouped by task. The recommended model of each task comes first; models this device
// cannot run at all (no WebGPU) fold away unless they hold data, so a phone is not a wall of
// "Needs WebGPU".
import { useId } from 'preact/hooks';
import type { ModelEntry, ModelTask } from '../../../../catalog/types';
import { t, type MessageKey } from '../../../i18n';
import { capabilities, fits, jobs, statuses, visibleCatalog } from '../../../state/models';
import { cardState, hasData } from '../card-state';
import { ModelCard } from '../model-card';

const TASKS: Array<[ModelTask, MessageKey, MessageKey]> = [
  ['llm', 'models.task.llm', 'models.task.llm.help'],
  ['stt', 'models.task.stt', 'models.task.stt.help'],
  ['tts', 'models.task.tts', 'models.task.tts.help'],
  ['embed', 'models.task.embed', 'models.task.embed.help'],
  ['vad', 'models.task.vad', 'models.task.vad.help'],
  ['wake', 'models.task.wake', 'models.task.wake.help'],
];

export function ModelList() {
  return (
    <>
      {TASKS.map(([task, title, help]) => {
        const models = visibleCatalog.value.filter((m) => m.task === task);
        return models.length ? <TaskGroup key={task} title={t(title)} help={t(help)} models={models} /> : null;
      })}
    </>
  );
}

function TaskGroup({ title, help, models }: { title: string; help: string; models: ModelEntry[] }) {
  const id = useId();
  const { fits: fitMap } = fits.value;
  const card = (m: ModelEntry) => {
    const status = statuses.value.get(m.id);
    const state = cardState(m, status, jobs.value.get(m.id));
    return { m, status, state, fit: fitMap.get(m.id) };
  };
  const cards = models.map(card);
  const rank = (c: (typeof cards)[number]) => (c.fit?.verdict === 'recommended' ? 0 : 1);
  const sorted = [...cards].sort((a, b) => rank(a) - rank(b)); // stable: catalog order otherwise
  const shown = sorted.filter((c) => c.fit?.verdict !== 'unsupported' || hasData(c.state));
  const folded = sorted.filter((c) => !shown.includes(c));
  const render = (c: (typeof cards)[number]) => (
    <li key={c.m.id}>
      <ModelCard model={c.m} state={c.state} status={c.status} fit={c.fit} caps={capabilities.value} />
    </li>
  );
  return (
    <section class="model-group" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p class="hint">{help}</p>
      <ul class="model-grid">{shown.map(render)}</ul>
      {folded.length > 0 && (
        <details class="folded-models">
          <summary>{t('models.folded', { count: folded.length })}</summary>
          <ul class="model-grid">{folded.map(render)}</ul>
        </details>
      )}
    </section>
  );
}
