// Kiosk mode in Settings: the PIN that guards leaving it (and Erase everything), and the button that
// starts it. Starting needs a PIN, so a tablet is never left in a kiosk anyone can walk out of.
import { useId, useState } from 'preact/hooks';
import { settings } from '../../state/settings';
import { setKioskPin } from '../../state/kiosk';
import { enterKiosk } from '../../kiosk/enter';
import { tk, type KioskKey } from '../../kiosk/kiosk-strings';

export function KioskForm() {
  const id = useId();
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const hasPin = settings.value.kioskPin !== null;
  const link = `${location.origin}${location.pathname}?mode=kiosk`;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (first !== second) return setMessage({ ok: false, text: tk('kiosk.pin.mismatch') });
    setBusy(true);
    try {
      const problem = await setKioskPin(first);
      if (problem) return setMessage({ ok: false, text: tk(`kiosk.pin.${problem}` as KioskKey) });
      setFirst('');
      setSecond('');
      setMessage({ ok: true, text: tk('kiosk.pin.saved') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card form-grid" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)}>
      <h2 id={`${id}-title`} class="span-all">
        {tk('kiosk.settings.title')}
      </h2>
      <p class="span-all">{tk('kiosk.settings.help')}</p>
      <p class="span-all hint">{hasPin ? tk('kiosk.pin.isSet') : tk('kiosk.pin.none')}</p>
      <label for={`${id}-pin1`}>{tk('kiosk.pin.new')}</label>
      <input
        id={`${id}-pin1`}
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        value={first}
        onInput={(e) => setFirst(e.currentTarget.value)}
      />
      <label for={`${id}-pin2`}>{tk('kiosk.pin.confirm')}</label>
      <input
        id={`${id}-pin2`}
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        value={second}
        onInput={(e) => setSecond(e.currentTarget.value)}
      />
      <div class="row span-all">
        <button type="submit" disabled={busy || !first}>
          {hasPin ? tk('kiosk.pin.change') : tk('kiosk.pin.set')}
        </button>
        <button type="button" class="primary" disabled={!hasPin} onClick={() => void enterKiosk()}>
          {tk('kiosk.start')}
        </button>
      </div>
      <p class={message?.ok ? 'ok span-all' : 'error span-all'} role={message?.ok ? 'status' : 'alert'}>
        {message?.text ?? ''}
      </p>
      <p class="span-all hint">{tk('kiosk.settings.link', { link })}</p>
    </form>
  );
}
