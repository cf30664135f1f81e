// Voice settings: how the microphone listens, which models hear and speak, and the two checks a
// person runs when something sounds wrong (a microphone test and a voice preview).
import { t } from '../../i18n';
import { settings, updateSettings } from '../../state/settings';
import { storedModels } from '../../state/models';
import { voicePicks } from '../../state/voice-picks';
import { MicTest } from './mic-test';
import { VoicePreview } from './voice-preview';
import type { Settings } from '../../../store/settings';
import type { ModelEntry } from '../../../catalog/types';
import { englishOnly } from '../../../core/voice-choice';

// Whisper's language codes for the languages most people here will speak; "auto" lets it detect.
const LANGUAGES: ReadonlyArray<[code: string, name: string]> = [
  ['en', 'English'],
  ['zh', '中文'],
  ['de', 'Deutsch'],
  ['es', 'Español'],
  ['fr', 'Français'],
  ['it', 'Italiano'],
  ['ja', '日本語'],
  ['ko', '한국어'],
  ['nl', 'Nederlands'],
  ['pl', 'Polski'],
  ['pt', 'Português'],
  ['ru', 'Русский'],
  ['tr', 'Türkçe'],
  ['uk', 'Українська'],
  ['vi', 'Tiếng Việt'],
];

const storedStt = storedModels('stt');
const storedWake = storedModels('wake');

// The voice loop follows settings on its own (it watches them), so a change here applies at once.
const change = (patch: Partial<Settings>): Promise<void> => updateSettings(patch);

/** A pick among the stored models of one kind; says so when none is stored. */
function StoredModelSelect({
  id,
  models,
  value,
  onPick,
}: {
  id: string;
  models: readonly ModelEntry[];
  value: string | null;
  onPick: (id: string | null) => void;
}) {
  return (
    <select id={id} value={value ?? ''} disabled={models.length === 0} onChange={(e) => onPick(e.currentTarget.value || null)}>
      {models.length === 0 && <option value="">{t('voice.set.noneStored')}</option>}
      {models.map((m) => (
        <option key={m.id} value={m.id}>
          {m.name}
        </option>
      ))}
    </select>
  );
}

export function VoiceForm() {
  const s = settings.value;
  const picks = voicePicks.value;
  const sttModel = storedStt.value.find((m) => m.id === picks.stt);
  return (
    <section class="card" aria-labelledby="voice-settings-title">
      <h2 id="voice-settings-title">{t('settings.voice')}</h2>
      <MicTest />
      <fieldset class="radio-group">
        <legend>{t('voice.set.mode')}</legend>
        {(['push', 'hands-free', 'wake'] as const).map((mode) => (
          <label class="check" key={mode}>
            <input
              type="radio"
              name="listen-mode"
              value={mode}
              checked={s.listenMode === mode}
              onChange={() => void change({ listenMode: mode })}
            />
            {t(`voice.set.mode.${mode}`)}
          </label>
        ))}
      </fieldset>
      <div class="form-grid">
        <label for="set-stt">{t('voice.set.stt')}</label>
        <StoredModelSelect
          id="set-stt"
          models={storedStt.value}
          value={picks.stt}
          onPick={(id) => void change({ sttModel: id })}
        />
        <label for="set-stt-language">{t('voice.set.language')}</label>
        <select
          id="set-stt-language"
          value={englishOnly(sttModel) ? 'en' : s.sttLanguage}
          disabled={englishOnly(sttModel)}
          aria-describedby={englishOnly(sttModel) ? 'set-stt-language-help' : undefined}
          onChange={(e) => void change({ sttLanguage: e.currentTarget.value })}
        >
          <option value="auto">{t('voice.set.language.auto')}</option>
          {LANGUAGES.map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
        {englishOnly(sttModel) && (
          <p id="set-stt-language-help" class="hint span-all">
            {t('voice.set.language.englishOnly')}
          </p>
        )}
        <label for="set-speech-device">{t('voice.set.device')}</label>
        <select
          id="set-speech-device"
          value={s.speechDevice}
          onChange={(e) => void change({ speechDevice: e.currentTarget.value as Settings['speechDevice'] })}
        >
          <option value="auto">{t('voice.set.device.auto')}</option>
          <option value="webgpu">{t('voice.set.device.webgpu')}</option>
          <option value="wasm">{t('voice.set.device.wasm')}</option>
        </select>
        <label for="set-wake">{t('voice.set.wake')}</label>
        <StoredModelSelect
          id="set-wake"
          models={storedWake.value}
          value={picks.wake}
          onPick={(id) => void change({ wakeModel: id })}
        />
      </div>
      <label class="check">
        <input
          type="checkbox"
          checked={s.speakAnswers}
          onChange={(e) => void change({ speakAnswers: e.currentTarget.checked })}
        />
        {t('voice.set.speakAnswers')}
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={s.bargeIn}
          aria-describedby="set-barge-in-help"
          onChange={(e) => void change({ bargeIn: e.currentTarget.checked })}
        />
        {t('voice.set.bargeIn')}
      </label>
      <p id="set-barge-in-help" class="hint">
        {t('voice.set.bargeIn.help')}
      </p>
      <VoicePreview />
    </section>
  );
}
