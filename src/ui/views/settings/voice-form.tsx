// Voice settings: how the microphone listens, which models hear and speak, and the two checks a
// person runs when something sounds wrong (a microphone test and a voice preview).
import { t } from '../../i18n';

export function VoiceForm() {
  return (
    <section class="card" aria-labelledby="voice-settings-title">
      <h2 id="voice-settings-title">{t('settings.voice')}</h2>
    </section>
  );
}
