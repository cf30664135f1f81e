// "Install app" where the browser offers it; on iOS, where Safari keeps it (no API there); nothing
// once the app runs installed.
import { t } from '../i18n';
import { install, promptInstall } from '../state/install';

/** `iosHint`: how to install on iOS, shown there (the setup screen has room for it; the top bar not). */
export function InstallOffer({ iosHint }: { iosHint?: string }) {
  const offer = install.value;
  if (offer === 'prompt')
    return (
      <button type="button" class="small install-button" onClick={() => void promptInstall()}>
        {t('install.button')}
      </button>
    );
  if (offer === 'ios-hint' && iosHint) return <p class="hint install-hint">{iosHint}</p>;
  return null;
}
