// Which model answers and on which engine, and why; a picker overrides the automatic choice.
import { catalogById } from '../../../../catalog/catalog';
import { t, type MessageKey } from '../../../i18n';
import { engineInfo, phase, plannedChoice, storedLlms } from '../../../state/chat';
import { settings, updateSettings } from '../../../state/settings';

export function EngineBar() {
  const choice = plannedChoice.value;
  const model = choice.model ? catalogById(choice.model) : undefined;
  const loaded = engineInfo.value;
  const override = settings.value.llmOverride ?? '';
  return (
    <div class="engine-bar">
      <label for="llm-pick">{t('talk.model')}</label>
      <select
        id="llm-pick"
        value={override}
        disabled={phase.value !== 'idle'}
        onChange={(e) => void updateSettings({ llmOverride: e.currentTarget.value || null })}
      >
        <option value="">{t('talk.model.auto')}</option>
        {storedLlms.value.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
      <p class="hint engine-status" role="status">
        {model
          ? t('talk.engine.line', {
              name: model.name,
              engine: t(choice.engine === 'webllm' ? 'talk.engine.gpu' : 'talk.engine.cpu'),
              reason: t(`talk.reason.${choice.reason}` as MessageKey),
            })
          : t('talk.engine.none')}
        {loaded && loaded.model.id === model?.id && loaded.report.engine === 'wllama'
          ? ` ${t('talk.engine.threads', { n: loaded.report.threads })}`
          : ''}
      </p>
    </div>
  );
}
