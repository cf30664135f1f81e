// The assistant's persona and generation settings. Saved together, so a half-typed persona is never
// sent to a model.
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { settings, updateSettings } from '../../state/settings';

const MAX_TOKENS_LIMIT = 4096;

export function AssistantForm() {
  const s = settings.value;
  const [persona, setPersona] = useState(s.systemPrompt);
  const [temperature, setTemperature] = useState(String(s.temperature));
  const [maxTokens, setMaxTokens] = useState(String(s.maxTokens));
  const [cache, setCache] = useState(s.responseCache);
  const [tools, setTools] = useState(s.modelTools);
  const [saved, setSaved] = useState(false);

  const save = async (e: Event) => {
    e.preventDefault();
    await updateSettings({
      systemPrompt: persona,
      temperature: clamp(Number(temperature), 0, 2, s.temperature),
      maxTokens: Math.round(clamp(Number(maxTokens), 1, MAX_TOKENS_LIMIT, s.maxTokens)),
      responseCache: cache,
      modelTools: tools,
    });
    setSaved(true);
  };

  return (
    <form class="card form-grid" onSubmit={(e) => void save(e)} onInput={() => setSaved(false)}>
      <h2 class="span-all">{t('settings.assistant')}</h2>
      <label for="set-persona">{t('settings.systemPrompt')}</label>
      <div>
        <textarea
          id="set-persona"
          rows={3}
          value={persona}
          aria-describedby="set-persona-help"
          onInput={(e) => setPersona(e.currentTarget.value)}
        />
        <p id="set-persona-help" class="hint">
          {t('settings.systemPrompt.help')}
        </p>
      </div>
      <label for="set-temperature">{t('settings.temperature')}</label>
      <div>
        <input
          id="set-temperature"
          type="number"
          min={0}
          max={2}
          step={0.1}
          value={temperature}
          aria-describedby="set-temperature-help"
          onInput={(e) => setTemperature(e.currentTarget.value)}
        />
        <p id="set-temperature-help" class="hint">
          {t('settings.temperature.help')}
        </p>
      </div>
      <label for="set-max-tokens">{t('settings.maxTokens')}</label>
      <input
        id="set-max-tokens"
        type="number"
        min={1}
        max={MAX_TOKENS_LIMIT}
        step={1}
        value={maxTokens}
        onInput={(e) => setMaxTokens(e.currentTarget.value)}
      />
      <label class="check span-all">
        <input type="checkbox" checked={cache} onChange={(e) => setCache(e.currentTarget.checked)} />
        {t('settings.responseCache')}
      </label>
      <label class="check span-all">
        <input type="checkbox" checked={tools} onChange={(e) => setTools(e.currentTarget.checked)} />
        {t('settings.modelTools')}
      </label>
      <div class="row span-all">
        <button type="submit" class="primary">
          {t('settings.assistant.save')}
        </button>
        <p role="status" class="ok">
          {saved ? t('settings.assistant.saved') : ''}
        </p>
      </div>
    </form>
  );
}

function clamp(value: number, min: number, max: number, fallback: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}
