// Turning what a phrase pattern captured into an intent: resolving the device, checking numbers.
// Each builder returns null when what was captured is not what it looked like (then the phrase goes
// to the language model), and a "no-such-device" or "ambiguous" result when the command is clear
// but the device is not.
import { resolveDevice, type ResolveOptions } from './device-resolver';
import type { DeviceDomain, IntentDevice, IntentLanguage, IntentResult } from './intent-types';

export interface MatchContext {
  language: IntentLanguage;
  devices: readonly IntentDevice[];
}

/** What a person asked a device to do, before knowing what kind of device it is. */
export type DeviceWish = 'on' | 'off' | 'open' | 'close' | 'lock' | 'unlock' | 'brightness';

const DOMAINS_FOR: Record<DeviceWish, readonly DeviceDomain[]> = {
  on: ['light', 'switch', 'fan', 'climate', 'cover'],
  off: ['light', 'switch', 'fan', 'climate', 'cover'],
  open: ['cover'],
  close: ['cover'],
  lock: ['lock'],
  unlock: ['lock'],
  brightness: ['light'],
};

/** "Turn on the blinds" opens them: the action a device of that kind understands. */
function actionFor(wish: DeviceWish, domain: DeviceDomain): string {
  if (domain === 'cover' && (wish === 'on' || wish === 'off')) return wish === 'on' ? 'open' : 'close';
  if (wish === 'on') return 'turn_on';
  if (wish === 'off') return 'turn_off';
  if (wish === 'brightness') return 'set_brightness';
  return wish;
}

/** Trims what a pattern captured as a device name ("the", "please", trailing punctuation). */
export function cleanSpokenName(spoken: string): string {
  return spoken
    .replace(/^(the|my|our)\s+/i, '')
    .replace(/\s+(please|for me|now)$/i, '')
    .replace(/^(把|将|给)/, '')
    .trim();
}

function resolved(
  ctx: MatchContext,
  tool: string,
  spoken: string,
  options: ResolveOptions,
  args: (device: IntentDevice) => Record<string, unknown>,
): IntentResult | null {
  const name = cleanSpokenName(spoken);
  const found = resolveDevice(name, ctx.devices, options);
  if (found.kind === 'one') return { kind: 'call', language: ctx.language, tool, arguments: args(found.device) };
  if (found.kind === 'ambiguous') {
    // The arguments without the device: the app asks which one, then fills it in.
    const { device_id: _unused, ...rest } = args({ id: '', name: '', domain: 'light' });
    return { kind: 'ambiguous', language: ctx.language, tool, arguments: rest, spoken: name, candidates: found.candidates };
  }
  if (!found.namesADevice) return null;
  return { kind: 'no-such-device', language: ctx.language, tool, spoken: name };
}

export function deviceCommand(ctx: MatchContext, spoken: string, wish: DeviceWish, brightness?: number): IntentResult | null {
  if (!cleanSpokenName(spoken)) return null;
  if (brightness !== undefined && !(brightness >= 0 && brightness <= 100)) return null;
  return resolved(ctx, 'device_control', spoken, { domains: DOMAINS_FOR[wish] }, (device) => ({
    device_id: device.id,
    action: actionFor(wish, device.domain),
    ...(brightness === undefined ? {} : { brightness: Math.round(brightness) }),
  }));
}

export type StateQuestion = 'any' | 'locked' | 'temperature' | 'humidity';

const ACCEPT_FOR: Record<StateQuestion, ResolveOptions> = {
  any: {},
  locked: { domains: ['lock', 'binary_sensor', 'cover'] },
  temperature: { accept: (d) => d.domain === 'climate' || (d.domain === 'sensor' && d.deviceClass === 'temperature') },
  humidity: { accept: (d) => d.domain === 'sensor' && d.deviceClass === 'humidity' },
};

export function deviceState(ctx: MatchContext, spoken: string, question: StateQuestion): IntentResult | null {
  if (!cleanSpokenName(spoken)) return null;
  return resolved(ctx, 'device_state', spoken, ACCEPT_FOR[question], (device) => ({ device_id: device.id }));
}

export function call(ctx: MatchContext, tool: string, args: Record<string, unknown> = {}): IntentResult {
  return { kind: 'call', language: ctx.language, tool, arguments: args };
}

/** "07:30" → { hour: 7, minute: 30 }, the arguments alarm_set takes. */
export function clockArgs(time: string): { hour: number; minute: number } {
  const [hour, minute] = time.split(':').map(Number);
  return { hour: hour!, minute: minute! };
}
