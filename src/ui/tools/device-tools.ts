// The device tools over the page's connections: the entities they bring become the devices the
// intent matcher and the model may name, and a call becomes a command sent through the connection
// that holds the entity. What a device is called comes from the network (discovery, Home
// Assistant): it is only ever a name here, never an instruction or a confirmation.
import type { DeviceAction, DeviceToolHooks } from '../../core/tools/builtin-tools';
import type { DeviceCommand } from '../../core/devices/device-command';
import type { DeviceDomain, IntentDevice } from '../../core/intent/intent-types';
import type { PageEntity } from '../state/home-devices';
import type { HomeSendResult } from '../../connectors/home-connection';
import { say, type Language } from './tool-words';

const DOMAINS: readonly DeviceDomain[] = ['light', 'switch', 'fan', 'lock', 'cover', 'climate', 'sensor', 'binary_sensor'];

export function intentDevices(entities: readonly PageEntity[]): IntentDevice[] {
  return entities
    .filter((e) => (DOMAINS as readonly string[]).includes(e.domain))
    .map((e) => ({
      id: e.id,
      name: e.name,
      domain: e.domain as DeviceDomain,
      ...(e.area ? { area: e.area } : {}),
      ...(e.deviceClass ? { deviceClass: e.deviceClass } : {}),
    }));
}

function commandFor(action: DeviceAction, entity: PageEntity, brightness?: number): DeviceCommand {
  switch (action) {
    case 'toggle':
      return { kind: entity.state.on ? 'turn_off' : 'turn_on' };
    case 'set_brightness':
      if (brightness === undefined) throw new Error('set_brightness needs a brightness (0-100)');
      return brightness === 0 ? { kind: 'turn_off' } : { kind: 'set_brightness', percent: brightness };
    default:
      return { kind: action };
  }
}

/** A device's state in a few words ("on, 40 %", "locked", "21.5 °C"). */
export function stateWords(entity: PageEntity, language: Language): string {
  if (!entity.available) return say(language, 'unavailable');
  const s = entity.state;
  if (s.lock) return s.lock;
  if (s.cover) return s.position === undefined ? s.cover : `${s.cover} (${s.position}%)`;
  if (s.value !== undefined) return `${s.value}${entity.unit ? ` ${entity.unit}` : ''}`;
  if (s.currentTemperature !== undefined) return `${s.currentTemperature}°`;
  if (s.on !== undefined) {
    const onOff = say(language, s.on ? 'on' : 'off');
    return s.on && s.brightness !== undefined ? `${onOff}, ${s.brightness}%` : onOff;
  }
  return '?';
}

export function deviceHooks(
  entities: () => readonly PageEntity[],
  send: (entityId: string, command: DeviceCommand) => Promise<HomeSendResult>,
  language: Language,
): DeviceToolHooks {
  const find = (id: string): PageEntity => {
    const entity = entities().find((e) => e.id === id);
    if (!entity) throw new Error(`no device "${id}" is connected`);
    return entity;
  };
  return {
    deviceIds: entities().map((e) => e.id),
    isSensitiveDevice: (id) => entities().find((e) => e.id === id)?.sensitive ?? false,
    control: async ({ device_id, action, brightness }) => {
      const entity = find(device_id);
      const sent = await send(device_id, commandFor(action, entity, brightness));
      if (!sent.ok) throw new Error(sent.reason);
      const what = say(language, `done.${action}`, { brightness: brightness ?? '' });
      return {
        data: { device: entity.name, action, sent: true },
        say: say(language, 'deviceDone', { name: entity.name, action: what }),
      };
    },
    state: ({ device_id }) => {
      const entity = find(device_id);
      const state = stateWords(entity, language);
      return {
        data: { device: entity.name, state: { ...entity.state }, available: entity.available },
        say: say(language, 'deviceState', { name: entity.name, state }),
      };
    },
  };
}

export function actionWords(
  language: Language,
  args: Record<string, unknown>,
  entities: readonly PageEntity[],
): { action: string; target?: string } {
  const entity = entities.find((e) => e.id === args.device_id);
  const action = say(language, `action.${String(args.action)}` as 'action.lock', { brightness: String(args.brightness ?? '') });
  return entity ? { action: `${action} ${entity.name}`, target: entity.name } : { action };
}
