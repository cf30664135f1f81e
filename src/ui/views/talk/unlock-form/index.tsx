// Asked on open when conversations are encrypted with a passphrase. A wrong one says so and keeps
// the field, so the person can correct a typo.
import { useState } from 'preact/hooks';
import { t } from '../../../i18n';
import { unlockVault } from '../../../state/vault';

export function UnlockForm() {
  const [passphrase, setPassphrase] = useState('');
  const [wrong, setWrong] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setWrong(false);
    const ok = await unlockVault(passphrase).finally(() => setBusy(false));
    if (!ok) setWrong(true);
  };
  return (
    <form class="card form-grid" onSubmit={(e) => void submit(e)}>
      <h2 class="span-all">{t('talk.unlock.title')}</h2>
      <p class="span-all">{t('talk.unlock.help')}</p>
      <label for="unlock-passphrase">{t('talk.unlock.label')}</label>
      <input
        id="unlock-passphrase"
        type="password"
        autoComplete="current-password"
        autoFocus
        value={passphrase}
        aria-invalid={wrong}
        aria-describedby="unlock-error"
        onInput={(e) => setPassphrase(e.currentTarget.value)}
      />
      <div class="row span-all">
        <button type="submit" class="primary" disabled={busy || !passphrase}>
          {busy ? t('talk.unlock.busy') : t('talk.unlock.submit')}
        </button>
        <p id="unlock-error" class="error" role="alert">
          {wrong ? t('talk.unlock.wrong') : ''}
        </p>
      </div>
    </form>
  );
}
