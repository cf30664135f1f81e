// #/devices: the person's home connections (MQTT brokers; Home Assistant once its connector is in)
// with their status and log, a form to add or edit one, and every device they bring, by room, with
// live state and controls.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { td } from './strings';
import {
  connectionsState,
  damagedConnections,
  loadConnections,
  removeConnection,
  savedConnections,
} from '../../state/home-connections';
import { hrefFor } from '../../state/route';
import { vaultState } from '../../state/vault';
import { ViewHeader } from '../view-header';
import { ConnectionCard } from './connection-card';
import { ConnectionForm } from './connection-form';
import { DeviceGroups } from './device-groups';
import './devices.css';

export function DevicesView() {
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  useEffect(() => void loadConnections(), []);
  const vault = vaultState.value;
  const state = connectionsState.value;
  const connections = savedConnections.value;
  const header = (
    <ViewHeader title={t('devices.title')}>
      <p class="hint view-intro">{td('devices.intro')}</p>
    </ViewHeader>
  );
  if (vault.state === 'locked' || vault.state === 'error') {
    return (
      <section class="view">
        {header}
        {vault.state === 'locked' ? (
          <div class="empty-state">
            <p>{td('devices.locked')}</p>
            <a class="button primary" href={hrefFor('talk')}>
              {t('knowledge.goTalk')}
            </a>
          </div>
        ) : (
          <p class="error" role="alert">
            {td('devices.loadFailed', { reason: vault.message })}
          </p>
        )}
      </section>
    );
  }
  const editedConnection = editing && editing !== 'new' ? connections.find((c) => c.id === editing) : undefined;
  return (
    <section class="view devices-view">
      {header}
      {state.state === 'error' && (
        <p class="error" role="alert">
          {td('devices.loadFailed', { reason: state.message })}
        </p>
      )}
      {damagedConnections.value.length > 0 && (
        <div class="warning" role="alert">
          <p>{td('devices.damaged', { count: damagedConnections.value.length })}</p>
          <button type="button" onClick={() => void Promise.all(damagedConnections.value.map((id) => removeConnection(id)))}>
            {td('devices.damaged.remove')}
          </button>
        </div>
      )}
      <section class="connections" aria-labelledby="devices-connections">
        <div class="row connections-head">
          <h2 id="devices-connections">{td('devices.connections')}</h2>
          {editing === null && state.state === 'ready' && (
            <button type="button" class="primary" onClick={() => setEditing('new')}>
              {td('devices.add')}
            </button>
          )}
        </div>
        {state.state !== 'ready' && state.state !== 'error' && <p role="status">{td('devices.loading')}</p>}
        {state.state === 'ready' && connections.length === 0 && editing === null && (
          <p class="empty-state">{t('devices.empty')}</p>
        )}
        {editing !== null && (
          <ConnectionForm
            key={editing}
            {...(editedConnection ? { editing: editedConnection } : {})}
            onDone={() => setEditing(null)}
          />
        )}
        {connections.map((connection) => (
          <ConnectionCard key={connection.id} connection={connection} onEdit={() => setEditing(connection.id)} />
        ))}
      </section>
      {connections.length > 0 && <DeviceGroups />}
    </section>
  );
}
