// "Install app" where the browser offers it; on iOS, where Safari keeps it (no API there); nothing
// once the app runs installed.
import { t } from '../i18n';
import { install, promptInstall } from '../state/install';

/** `hint`: also say how to install on iOS (the setup screen has room for it; the top bar not). */
export function InstallOffer({ hint = false }: { hint?: boolean }) {
  const offer = install.value;
  if (offer === 'prompt')
    return (
      <button type="button" class="small install-button" onClick={() => void promptInstall()}>
        {t('install.button')}
      </button>
    );
  if (offer === 'ios-hint' && hint) return <p class="hint install-hint">{t('install.iosHint')}</p>;
  return null;
}
