// One saved connection: its status sentence (counting down to the next attempt while it reconnects),
// what stops it from connecting, its log (newest first), and Edit / Connect again / Remove.
import { useEffect, useId, useState } from 'preact/hooks';
import type { ConnectionStatus } from '../../../../core/devices/connection-status';
import { reloadWithCurrentPolicy } from '../../../../platform/page-policy';
import { t } from '../../../i18n';
import { td } from '../strings';
import { Modal } from '../../../modal';
import { connectionStatuses } from '../../../state/home-devices';
import {
  connectionLogs,
  connectionNotes,
  reconnect,
  removeConnection,
  type ConnectionSummary,
} from '../../../state/home-connections';
import { noteText, statusText } from '../status-text';

/** Milliseconds left before the status's next attempt, ticking once a second. */
function useRemaining(status: ConnectionStatus | undefined): number {
  const [now, setNow] = useState(Date.now());
  const [since, setSince] = useState(Date.now());
  useEffect(() => {
    setSince(Date.now());
    setNow(Date.now());
    if (status?.retryInMs === undefined || status.retryInMs <= 0) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [status]);
  return (status?.retryInMs ?? 0) - (now - since);
}

const STATE_CLASS: Record<string, string> = { connected: 'ok', refused: 'error', blocked: 'error' };

export function ConnectionCard({ connection, onEdit }: { connection: ConnectionSummary; onEdit: () => void }) {
  const id = useId();
  const status = connectionStatuses.value.get(connection.id);
  const note = connectionNotes.value.get(connection.id);
  const log = connectionLogs.value.get(connection.id) ?? [];
  const remaining = useRemaining(status);
  const [removing, setRemoving] = useState(false);
  const [reloading, setReloading] = useState(false);
  const problem = status?.state === 'refused' || status?.state === 'blocked' || status?.state === 'unreachable';

  return (
    <article class="card connection-card" aria-labelledby={`${id}-name`}>
      <div class="connection-head">
        <h3 id={`${id}-name`}>{connection.name}</h3>
        <code>{connection.url}</code>
      </div>
      {note ? (
        <div class="warning" role="alert">
          <p>{noteText(note)}</p>
          {note.kind === 'policy-blocked' && (
            <button
              type="button"
              disabled={reloading}
              onClick={() => {
                setReloading(true);
                void reloadWithCurrentPolicy().then((done) => done || setReloading(false));
              }}
            >
              {t('policy.reload')}
            </button>
          )}
        </div>
      ) : (
        <p class={`connection-status ${STATE_CLASS[status?.state ?? ''] ?? ''}`} role={problem ? 'alert' : 'status'}>
          {statusText(status, connection.url, remaining, connection.kind)}
        </p>
      )}
      <div class="row">
        <button type="button" onClick={onEdit} aria-label={td('devices.editNamed', { name: connection.name })}>
          {td('devices.edit')}
        </button>
        <button
          type="button"
          onClick={() => void reconnect(connection.id)}
          aria-label={td('devices.reconnectNamed', { name: connection.name })}
        >
          {td('devices.reconnect')}
        </button>
        <button
          type="button"
          class="danger"
          onClick={() => setRemoving(true)}
          aria-label={td('devices.removeNamed', { name: connection.name })}
        >
          {td('devices.remove')}
        </button>
      </div>
      <details class="connection-log">
        <summary>{td('devices.log', { count: log.length })}</summary>
        {log.length === 0 ? (
          <p class="hint">{td('devices.log.empty')}</p>
        ) : (
          // Focusable: the list scrolls, and keyboard users must be able to scroll it too.
          <ol tabIndex={0} aria-label={td('devices.logNamed', { name: connection.name })}>
            {log.map((entry, i) => (
              <li key={`${entry.time}-${i}`} class={`log-${entry.level}`}>
                <time dateTime={new Date(entry.time).toISOString()}>{new Date(entry.time).toLocaleTimeString()}</time>{' '}
                <span class="log-code">{entry.code}</span> {entry.message}
                {entry.topic && (
                  <>
                    {' '}
                    <code>{entry.topic}</code>
                  </>
                )}
              </li>
            ))}
          </ol>
        )}
      </details>
      {removing && (
        <Modal labelledBy={`${id}-remove`} describedBy={`${id}-remove-text`} onDismiss={() => setRemoving(false)}>
          <h2 id={`${id}-remove`}>{td('devices.remove.title', { name: connection.name })}</h2>
          <p id={`${id}-remove-text`}>{td('devices.remove.text')}</p>
          <div class="row dialog-actions">
            <button type="button" autoFocus onClick={() => setRemoving(false)}>
              {td('devices.remove.keep')}
            </button>
            <button
              type="button"
              class="danger"
              onClick={() => {
                setRemoving(false);
                void removeConnection(connection.id);
              }}
            >
              {td('devices.remove.confirm')}
            </button>
          </div>
        </Modal>
      )}
    </article>
  );
}
