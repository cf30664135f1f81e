import { t } from '../../i18n';
import { settings, updateSettings } from '../../state/settings';
import type { LanguageSetting, ThemeSetting } from '../../../store/settings';
import { ViewHeader } from '../view-header';
import { ModelSourceForm } from './model-source-form';
import { OfflineStatus } from '../../offline-status';
import { AssistantForm } from './assistant-form';
import { VoiceForm } from './voice-form';
import { EraseEverything, PassphraseForm } from './privacy-form';
import { KioskForm } from './kiosk-form';

declare const __BUILD_ID__: string;

export function SettingsView() {
  const s = settings.value;
  return (
    <section class="view">
      <ViewHeader title={t('settings.title')} />
      <div class="card form-grid">
        <label for="set-language">{t('settings.language')}</label>
        <select
          id="set-language"
          value={s.language}
          onChange={(e) => void updateSettings({ language: e.currentTarget.value as LanguageSetting })}
        >
          <option value="auto">{t('settings.language.auto')}</option>
          <option value="en" lang="en">
            English
          </option>
          <option value="zh-CN" lang="zh-CN">
            简体中文
          </option>
        </select>
        <label for="set-theme">{t('settings.theme')}</label>
        <select
          id="set-theme"
          value={s.theme}
          onChange={(e) => void updateSettings({ theme: e.currentTarget.value as ThemeSetting })}
        >
          <option value="system">{t('settings.theme.system')}</option>
          <option value="light">{t('settings.theme.light')}</option>
          <option value="dark">{t('settings.theme.dark')}</option>
        </select>
      </div>
      <AssistantForm />
      <VoiceForm />
      <ModelSourceForm />
      <div class="card">
        <label class="check">
          <input
            type="checkbox"
            checked={s.showTestModels}
            onChange={(e) => void updateSettings({ showTestModels: e.currentTarget.checked })}
          />
          {t('settings.testModels')}
        </label>
      </div>
      <div class="card">
        <h2>{t('settings.privacy')}</h2>
        <p>{t('settings.privacy.text')}</p>
        <OfflineStatus />
        <p class="hint">{t('settings.version', { build: __BUILD_ID__ })}</p>
      </div>
      <KioskForm />
      <PassphraseForm />
      <EraseEverything />
    </section>
  );
}
