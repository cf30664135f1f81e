// Adds or edits a connection. The password or token is never shown again once saved: editing leaves
// it empty, and empty keeps the saved one.
import { useId, useState } from 'preact/hooks';
import type { ConnectionKind } from '../../../../core/devices/connection-origins';
import { td } from '../strings';
import { saveConnection, SUPPORTED_KINDS, type ConnectionSummary } from '../../../state/home-connections';

interface Props {
  /** The connection being edited; absent to add one. */
  editing?: ConnectionSummary;
  onDone: () => void;
}

export function ConnectionForm({ editing, onDone }: Props) {
  const id = useId();
  const [kind, setKind] = useState<ConnectionKind>(editing?.kind ?? 'mqtt');
  const [name, setName] = useState(editing?.name ?? '');
  const [url, setUrl] = useState(editing?.url ?? '');
  const [username, setUsername] = useState(editing?.username ?? '');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState<'' | 'saving' | 'reloading'>('');
  const mqtt = kind === 'mqtt';

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy('saving');
    setError('');
    const draft = { kind, name, url, username: mqtt ? username : '', ...(secret !== '' || !editing ? { secret } : {}) };
    const outcome = await saveConnection(editing ? { ...draft, id: editing.id } : draft).catch((err: unknown) => ({
      ok: false as const,
      reason: err instanceof Error ? err.message : String(err),
    }));
    if (!outcome.ok) {
      setBusy('');
      setError(td('devices.form.invalid', { reason: outcome.reason }));
      return;
    }
    if (outcome.reloading) {
      setBusy('reloading');
      return;
    }
    setBusy('');
    onDone();
  };

  return (
    <form class="card connection-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{editing ? td('devices.form.editTitle', { name: editing.name }) : td('devices.form.addTitle')}</h2>
      <div class="form-grid">
        <label for={`${id}-kind`}>{td('devices.form.kind')}</label>
        <select
          id={`${id}-kind`}
          value={kind}
          disabled={!!editing}
          onChange={(e) => setKind(e.currentTarget.value as ConnectionKind)}
        >
          {SUPPORTED_KINDS.map((k) => (
            <option key={k} value={k}>
              {td(k === 'mqtt' ? 'devices.form.kind.mqtt' : 'devices.form.kind.homeAssistant')}
            </option>
          ))}
        </select>
        <label for={`${id}-name`}>{td('devices.form.name')}</label>
        <input id={`${id}-name`} value={name} autoComplete="off" onInput={(e) => setName(e.currentTarget.value)} />
        <label for={`${id}-url`}>{td('devices.form.url')}</label>
        <input
          id={`${id}-url`}
          type="text"
          inputMode="url"
          spellcheck={false}
          value={url}
          placeholder={mqtt ? 'ws://192.168.1.10:9001' : 'http://homeassistant.local:8123'}
          aria-describedby={`${id}-url-help`}
          aria-invalid={error ? 'true' : undefined}
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
        <span />
        <p id={`${id}-url-help`} class="hint">
          {td(mqtt ? 'devices.form.url.help.mqtt' : 'devices.form.url.help.homeAssistant')}
        </p>
        {mqtt && (
          <>
            <label for={`${id}-user`}>{td('devices.form.username')}</label>
            <input
              id={`${id}-user`}
              value={username}
              autoComplete="username"
              onInput={(e) => setUsername(e.currentTarget.value)}
            />
          </>
        )}
        <label for={`${id}-secret`}>{td(mqtt ? 'devices.form.password' : 'devices.form.token')}</label>
        <input
          id={`${id}-secret`}
          type="password"
          value={secret}
          autoComplete={mqtt ? 'current-password' : 'off'}
          aria-describedby={editing ? `${id}-secret-help` : undefined}
          onInput={(e) => setSecret(e.currentTarget.value)}
        />
        {editing && (
          <>
            <span />
            <p id={`${id}-secret-help`} class="hint">
              {td('devices.form.keepSecret')}
            </p>
          </>
        )}
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {busy === 'reloading' && <p role="status">{td('devices.form.reloading')}</p>}
      <div class="row">
        <button type="submit" class="primary" disabled={busy !== ''}>
          {busy === 'saving' ? td('devices.form.saving') : td('devices.form.save')}
        </button>
        <button type="button" onClick={onDone} disabled={busy === 'reloading'}>
          {td('devices.form.cancel')}
        </button>
      </div>
    </form>
  );
}
