// One entity with its live state and the controls its kind allows: lights (on/off, brightness),
// switches and fans, covers (open, close, stop), locks, a climate's target temperature; sensors are
// read-only. Unavailable entities are shown greyed with their controls off. Sensitive ones ask first.
import { useState } from 'preact/hooks';
import type { DeviceCommand } from '../../../../core/devices/device-command';
import type { EntityState } from '../../../../core/devices/entity-state';
import { td, type DeviceKey } from '../strings';
import { sendHomeCommand, type PageEntity } from '../../../state/home-devices';
import { setMarkedSensitive, savedConnections } from '../../../state/home-connections';
import { ConfirmDialog } from '../confirm-dialog';

const number = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));

function stateText(entity: PageEntity): string {
  const s: EntityState = entity.state;
  const unknown = td('devices.state.unknown');
  switch (entity.domain) {
    case 'light':
    case 'switch':
    case 'fan':
    case 'binary_sensor': {
      if (s.on === undefined) return unknown;
      const word = td(s.on ? 'devices.state.on' : 'devices.state.off');
      if (entity.domain === 'light' && s.on && s.brightness !== undefined) return `${word}, ${Math.round(s.brightness)} %`;
      if (entity.domain === 'fan' && s.on && s.percentage !== undefined) return `${word}, ${Math.round(s.percentage)} %`;
      return word;
    }
    case 'sensor':
      if (s.value === undefined) return unknown;
      return `${s.numeric !== undefined ? number(s.numeric) : s.value}${entity.unit ? ` ${entity.unit}` : ''}`;
    case 'cover': {
      const word = s.cover ? td(`devices.cover.${s.cover}` as DeviceKey) : unknown;
      return s.position !== undefined ? `${word}, ${Math.round(s.position)} %` : word;
    }
    case 'lock':
      return s.lock ? td(`devices.lock.${s.lock}` as DeviceKey) : unknown;
    case 'climate': {
      const parts: string[] = [];
      if (s.mode) parts.push(s.mode);
      if (s.currentTemperature !== undefined)
        parts.push(td('devices.climate.now', { value: `${number(s.currentTemperature)} ${entity.unit ?? ''}`.trim() }));
      if (s.targetTemperature !== undefined)
        parts.push(td('devices.climate.target', { value: `${number(s.targetTemperature)} ${entity.unit ?? ''}`.trim() }));
      return parts.length ? parts.join(', ') : unknown;
    }
    default:
      return s.value ?? s.alarm ?? unknown;
  }
}

const ACTION: Record<DeviceCommand['kind'], DeviceKey> = {
  turn_on: 'devices.action.turn_on',
  turn_off: 'devices.action.turn_off',
  set_brightness: 'devices.action.set_brightness',
  lock: 'devices.action.lock',
  unlock: 'devices.action.unlock',
  open: 'devices.action.open',
  close: 'devices.action.close',
  stop: 'devices.action.stop',
  set_position: 'devices.action.set_position',
  set_temperature: 'devices.action.set_temperature',
  set_mode: 'devices.action.set_mode',
  set_percentage: 'devices.action.set_percentage',
  arm_away: 'devices.action.arm_away',
  arm_home: 'devices.action.arm_home',
  arm_night: 'devices.action.arm_night',
  disarm: 'devices.action.disarm',
};

const BUILT_IN_SENSITIVE = new Set(['lock', 'cover', 'alarm_control_panel']);

export function EntityRow({ entity }: { entity: PageEntity }) {
  const [asking, setAsking] = useState<DeviceCommand | null>(null);
  const [error, setError] = useState('');
  const [draftTemp, setDraftTemp] = useState<string | null>(null);
  const off = !entity.available;
  const name = entity.name;
  const marked = savedConnections.value.find((c) => c.id === entity.connectionId)?.sensitive.includes(entity.localId) ?? false;
  const builtIn = BUILT_IN_SENSITIVE.has(entity.domain) || (entity.sensitive && !marked);

  const run = async (command: DeviceCommand) => {
    setError('');
    const result = await sendHomeCommand(entity.id, command);
    if (!result.ok) setError(td('devices.sendFailed', { reason: result.reason }));
  };
  const act = (command: DeviceCommand) => {
    if (entity.sensitive) setAsking(command);
    else void run(command);
  };
  const actionLabel = (command: DeviceCommand) => td(ACTION[command.kind], { name });
  const button = (command: DeviceCommand, label: DeviceKey) => (
    <button type="button" class="small" disabled={off} aria-label={actionLabel(command)} onClick={() => act(command)}>
      {td(label)}
    </button>
  );

  const s = entity.state;
  let controls = null;
  switch (entity.domain) {
    case 'light':
    case 'switch':
    case 'fan':
      controls = (
        <>
          <button
            type="button"
            role="switch"
            class="small"
            aria-checked={s.on === true ? 'true' : 'false'}
            aria-label={name}
            disabled={off}
            onClick={() => act({ kind: s.on ? 'turn_off' : 'turn_on' })}
          >
            {td(s.on ? 'devices.state.on' : 'devices.state.off')}
          </button>
          {entity.domain === 'light' && s.brightness !== undefined && (
            <input
              type="range"
              min={1}
              max={100}
              value={Math.round(s.brightness || 1)}
              disabled={off}
              aria-label={td('devices.brightnessOf', { name })}
              onChange={(e) => act({ kind: 'set_brightness', percent: Number(e.currentTarget.value) })}
            />
          )}
        </>
      );
      break;
    case 'cover':
      controls = (
        <>
          {button({ kind: 'open' }, 'devices.open')}
          {button({ kind: 'stop' }, 'devices.stop')}
          {button({ kind: 'close' }, 'devices.close')}
        </>
      );
      break;
    case 'lock':
      controls = s.lock === 'locked' ? button({ kind: 'unlock' }, 'devices.unlock') : button({ kind: 'lock' }, 'devices.lock');
      break;
    case 'climate': {
      const value = draftTemp ?? (s.targetTemperature !== undefined ? String(s.targetTemperature) : '');
      controls = (
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            const degrees = Number(value);
            if (value.trim() === '' || !Number.isFinite(degrees)) return setError(td('devices.badTemperature'));
            setDraftTemp(null);
            act({ kind: 'set_temperature', degrees });
          }}
        >
          <input
            type="number"
            step="0.5"
            class="temperature"
            value={value}
            disabled={off}
            aria-label={td('devices.targetOf', { name })}
            onInput={(e) => setDraftTemp(e.currentTarget.value)}
          />
          <button type="submit" class="small" disabled={off} aria-label={actionLabel({ kind: 'set_temperature', degrees: 0 })}>
            {td('devices.set')}
          </button>
        </form>
      );
      break;
    }
    default:
      controls = null;
  }

  return (
    <li class={`entity-row${off ? ' unavailable' : ''}`}>
      <div class="entity-name">
        <strong>{name}</strong>
        <span class="entity-state" aria-live="polite">
          {off ? td('devices.unavailable') : stateText(entity)}
        </span>
      </div>
      <div class="row entity-controls">{controls}</div>
      {controls !== null && (
        <label class="check ask-first">
          <input
            type="checkbox"
            checked={entity.sensitive}
            disabled={builtIn}
            onChange={(e) => void setMarkedSensitive(entity.connectionId, entity.localId, e.currentTarget.checked)}
          />
          {td('devices.askFirst')}
          <span class="visually-hidden"> ({name})</span>
        </label>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {asking && (
        <ConfirmDialog
          action={actionLabel(asking)}
          name={name}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            const command = asking;
            setAsking(null);
            void run(command);
          }}
        />
      )}
    </li>
  );
}
