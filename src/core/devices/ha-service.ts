// Which Home Assistant service carries a device command (light.turn_on with brightness_pct,
// cover.set_cover_position…), checked against what the entity says it supports (supported_features,
// supported_color_modes, hvac_modes, temperature range) so a command it cannot do is refused with a
// reason here rather than sent and failed there.
import type { DeviceCommand } from './device-command';
import { domainOf, type HaState } from './ha-state';

export interface HaServiceCall {
  domain: string;
  service: string;
  serviceData: Record<string, unknown>;
}

export type HaServicePlan = { ok: true; call: HaServiceCall } | { ok: false; reason: string };

// Feature bits from Home Assistant's entity feature enums.
const COVER = { open: 1, close: 2, setPosition: 4, stop: 8 };
const FAN = { setSpeed: 1 };
const LOCK = { open: 1 };
const CLIMATE = { targetTemperature: 1 };
const ALARM = { armHome: 1, armAway: 2, armNight: 4 };

/** True when the entity declares the feature, or declares no features at all (left for HA to judge). */
function supports(state: HaState, bit: number): boolean {
  const features = state.attributes.supported_features;
  if (typeof features !== 'number' || !Number.isInteger(features)) return true;
  return (features & bit) !== 0;
}

function dimmable(state: HaState): boolean {
  const modes = state.attributes.supported_color_modes;
  if (Array.isArray(modes)) return modes.some((mode) => typeof mode === 'string' && mode !== 'onoff');
  return supports(state, 1);
}

const isPercent = (value: number): boolean => Number.isFinite(value) && value >= 0 && value <= 100;

export function planServiceCall(state: HaState, command: DeviceCommand, name: string = state.entityId): HaServicePlan {
  const domain = domainOf(state.entityId);
  const call = (service: string, serviceData: Record<string, unknown> = {}): HaServicePlan => ({
    ok: true,
    call: { domain, service, serviceData },
  });
  const refuse = (reason: string): HaServicePlan => ({ ok: false, reason: `${name}: ${reason}` });
  const cannot = (): HaServicePlan => refuse(`a ${domain.replace(/_/g, ' ')} cannot ${command.kind.replace(/_/g, ' ')}`);
  if (state.state === 'unavailable') return refuse('is unavailable in Home Assistant');

  switch (domain) {
    case 'light':
      if (command.kind === 'turn_on' || command.kind === 'turn_off') return call(command.kind);
      if (command.kind === 'set_brightness') {
        if (!dimmable(state)) return refuse('is not dimmable');
        if (!isPercent(command.percent) || command.percent === 0)
          return refuse(`brightness ${command.percent} % is not between 1 and 100`);
        // Never round a dim request down to zero: that would be "off".
        return call('turn_on', { brightness_pct: Math.max(1, Math.round(command.percent)) });
      }
      return cannot();
    case 'switch':
    case 'input_boolean':
      if (command.kind === 'turn_on' || command.kind === 'turn_off') return call(command.kind);
      return cannot();
    case 'fan':
      if (command.kind === 'turn_on' || command.kind === 'turn_off') return call(command.kind);
      if (command.kind === 'set_percentage') {
        if (!supports(state, FAN.setSpeed)) return refuse('has no speed control');
        if (!isPercent(command.percent)) return refuse(`speed ${command.percent} % is not a percentage`);
        return call('set_percentage', { percentage: Math.round(command.percent) });
      }
      return cannot();
    case 'cover':
      if (command.kind === 'open') return supports(state, COVER.open) ? call('open_cover') : refuse('cannot be opened from here');
      if (command.kind === 'close')
        return supports(state, COVER.close) ? call('close_cover') : refuse('cannot be closed from here');
      if (command.kind === 'stop') return supports(state, COVER.stop) ? call('stop_cover') : refuse('cannot be stopped');
      if (command.kind === 'set_position') {
        if (!supports(state, COVER.setPosition)) return refuse('cannot be set to a position');
        if (!isPercent(command.percent)) return refuse(`position ${command.percent} % is not a percentage`);
        return call('set_cover_position', { position: Math.round(command.percent) });
      }
      return cannot();
    case 'lock':
      if (command.kind === 'lock' || command.kind === 'unlock') return call(command.kind);
      if (command.kind === 'open') return supports(state, LOCK.open) ? call('open') : refuse('cannot be unlatched (open)');
      return cannot();
    case 'climate':
      if (command.kind === 'set_temperature') {
        if (!supports(state, CLIMATE.targetTemperature)) return refuse('has no target temperature');
        if (!Number.isFinite(command.degrees)) return refuse(`${command.degrees} is not a temperature`);
        const min = state.attributes.min_temp;
        const max = state.attributes.max_temp;
        if ((typeof min === 'number' && command.degrees < min) || (typeof max === 'number' && command.degrees > max)) {
          return refuse(`${command.degrees}° is outside its range ${String(min ?? '…')}–${String(max ?? '…')}°`);
        }
        return call('set_temperature', { temperature: command.degrees });
      }
      if (command.kind === 'set_mode') {
        const modes = state.attributes.hvac_modes;
        if (Array.isArray(modes) && !modes.includes(command.mode)) {
          return refuse(`has no mode "${command.mode}" (it has ${modes.filter((m) => typeof m === 'string').join(', ')})`);
        }
        return call('set_hvac_mode', { hvac_mode: command.mode });
      }
      if (command.kind === 'turn_on' || command.kind === 'turn_off') return call(command.kind);
      return cannot();
    case 'alarm_control_panel': {
      // A panel that wants a code cannot be driven without one; Hearth does not hold alarm codes.
      const codeFormat = state.attributes.code_format;
      const needsCode = typeof codeFormat === 'string' && codeFormat !== '';
      const arm = (service: string, bit: number): HaServicePlan => {
        if (!supports(state, bit)) return cannot();
        if (needsCode && state.attributes.code_arm_required !== false)
          return refuse('asks for a code to arm; arm it in Home Assistant');
        return call(service);
      };
      if (command.kind === 'arm_away') return arm('alarm_arm_away', ALARM.armAway);
      if (command.kind === 'arm_home') return arm('alarm_arm_home', ALARM.armHome);
      if (command.kind === 'arm_night') return arm('alarm_arm_night', ALARM.armNight);
      if (command.kind === 'disarm')
        return needsCode ? refuse('asks for a code to disarm; disarm it in Home Assistant') : call('alarm_disarm');
      return cannot();
    }
    case 'sensor':
    case 'binary_sensor':
      return refuse('is a sensor: it reports, it cannot be switched');
    default:
      return refuse(`Hearth cannot control ${domain} entities yet`);
  }
}

/** A failed call's reason in words: the server's error code and message, or a lost connection
 *  (the library rejects with code 3 then), where nobody can say whether the device acted. */
export function describeHaError(error: unknown, what: string): string {
  const body = (typeof error === 'object' && error !== null && 'error' in error ? (error as { error: unknown }).error : error) as
    { code?: unknown; message?: unknown } | number | undefined;
  const code = typeof body === 'number' ? body : body?.code;
  if (code === 3) return `the connection to Home Assistant dropped before it answered ${what}; check whether it ran`;
  const message = typeof body === 'object' && typeof body?.message === 'string' ? body.message : undefined;
  if (message === undefined && code === undefined) return `Home Assistant did not take ${what}: ${String(error)}`;
  return `Home Assistant refused ${what}: ${message ?? 'no reason given'}${typeof code === 'string' ? ` (${code})` : ''}`;
}
