// Passphrase for the conversation key, and "Erase everything". Both act on the whole device's data,
// so each confirms what happened in words.
import { useEffect, useId, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { Modal } from '../../modal';
import { settings } from '../../state/settings';
import { checkKioskPin } from '../../state/kiosk';
import { pinRefusal, tk } from '../../kiosk/kiosk-strings';
import {
  eraseEverything,
  loadPassphraseInfo,
  passphraseSet,
  setVaultPassphrase,
  startVault,
  vaultState,
} from '../../state/vault';

const MIN_PASSPHRASE = 8;

export function PassphraseForm() {
  const vault = vaultState.value;
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // Only the vault's metadata is read here; the conversations open when the person changes something.
  useEffect(() => void loadPassphraseInfo(), []);
  const protectedByPassphrase = vault.state === 'ready' ? vault.passphrase : passphraseSet.value === true;

  const run = async (passphrase: string | null, done: string) => {
    setBusy(true);
    try {
      await startVault();
      if (vaultState.value.state !== 'ready') {
        setMessage({ ok: false, text: t('settings.passphrase.locked') });
        return;
      }
      await setVaultPassphrase(passphrase);
      setFirst('');
      setSecond('');
      setMessage({ ok: true, text: done });
    } catch (e) {
      setMessage({ ok: false, text: t('settings.failed', { reason: e instanceof Error ? e.message : String(e) }) });
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: Event) => {
    e.preventDefault();
    if (first.length < MIN_PASSPHRASE) return setMessage({ ok: false, text: t('settings.passphrase.short') });
    if (first !== second) return setMessage({ ok: false, text: t('settings.passphrase.mismatch') });
    void run(first, t('settings.passphrase.done'));
  };

  return (
    <form class="card form-grid" onSubmit={submit}>
      <h2 class="span-all">{t('settings.passphrase')}</h2>
      <p class="span-all">{protectedByPassphrase ? t('settings.passphrase.on') : t('settings.passphrase.off')}</p>
      <label for="set-pass-1">{t('settings.passphrase.new')}</label>
      <input
        id="set-pass-1"
        type="password"
        autoComplete="new-password"
        value={first}
        onInput={(e) => setFirst(e.currentTarget.value)}
      />
      <label for="set-pass-2">{t('settings.passphrase.confirm')}</label>
      <input
        id="set-pass-2"
        type="password"
        autoComplete="new-password"
        value={second}
        onInput={(e) => setSecond(e.currentTarget.value)}
      />
      <div class="row span-all">
        <button type="submit" class="primary" disabled={busy || !first}>
          {t('settings.passphrase.set')}
        </button>
        {protectedByPassphrase && (
          <button type="button" disabled={busy} onClick={() => void run(null, t('settings.passphrase.removed'))}>
            {t('settings.passphrase.remove')}
          </button>
        )}
      </div>
      <p class={message?.ok ? 'ok span-all' : 'error span-all'} role={message?.ok ? 'status' : 'alert'}>
        {message?.text ?? ''}
      </p>
    </form>
  );
}

export function EraseEverything() {
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [pin, setPin] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  // A kiosk's PIN guards this too: whoever may not leave kiosk mode may not wipe the device.
  const pinNeeded = settings.value.kioskPin !== null;
  const close = () => {
    setAsking(false);
    setPin('');
    setRefusal(null);
  };
  const erase = async () => {
    if (pinNeeded) {
      const check = await checkKioskPin(pin);
      if (!check.ok) {
        setPin('');
        return setRefusal(pinRefusal(check.waitMs));
      }
    }
    close();
    try {
      await eraseEverything();
      setResult({ ok: true, text: t('settings.erase.done') });
    } catch (e) {
      setResult({ ok: false, text: t('settings.failed', { reason: e instanceof Error ? e.message : String(e) }) });
    }
  };
  return (
    <div class="card">
      <h2>{t('settings.erase')}</h2>
      <p>{t('settings.erase.help')}</p>
      <button type="button" class="danger" onClick={() => setAsking(true)}>
        {t('settings.erase')}
      </button>
      <p class={result?.ok ? 'ok' : 'error'} role={result?.ok ? 'status' : 'alert'}>
        {result?.text ?? ''}
      </p>
      {asking && (
        <Modal labelledBy={`${id}-title`} describedBy={`${id}-text`} onDismiss={close}>
          <h2 id={`${id}-title`}>{t('settings.erase.title')}</h2>
          <p id={`${id}-text`}>{t('settings.erase.text')}</p>
          {pinNeeded && (
            <>
              <p id={`${id}-pin-help`}>{tk('erase.pin.help')}</p>
              <label for={`${id}-pin`}>{tk('kiosk.pin.label')}</label>{' '}
              <input
                id={`${id}-pin`}
                type="password"
                inputMode="numeric"
                autoComplete="off"
                value={pin}
                aria-describedby={`${id}-pin-help ${id}-refusal`}
                aria-invalid={refusal !== null}
                onInput={(e) => setPin(e.currentTarget.value)}
              />
              <p id={`${id}-refusal`} class="error" role="alert">
                {refusal ?? ''}
              </p>
            </>
          )}
          <div class="row dialog-actions">
            <button type="button" autoFocus onClick={close}>
              {t('settings.erase.keep')}
            </button>
            <button type="button" class="danger" disabled={pinNeeded && !pin} onClick={() => void erase()}>
              {t('settings.erase.confirm')}
            </button>
          </div>
        </Modal>
      )}
    </div>
  );
}
