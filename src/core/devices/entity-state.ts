// The live state of an entity, read from the payloads on its state topics the way its discovery
// config says (payload_on/off, state_* names, simple value templates). A payload that does not fit
// is refused with a reason and the previous state stays.

import type { EntityConfig, Template } from './entity-config';
import { renderValueTemplate } from './value-template';

export type CoverState = 'open' | 'closed' | 'opening' | 'closing' | 'stopped';
export type LockState = 'locked' | 'unlocked' | 'locking' | 'unlocking' | 'jammed' | 'open';

export interface EntityState {
  on?: boolean;
  /** 0–100 %, whatever the device's own brightness scale. */
  brightness?: number;
  /** A sensor's reading as sent (after its template); numeric is set when it reads as a number. */
  value?: string;
  numeric?: number;
  cover?: CoverState;
  /** 0 (closed) – 100 (open) %, whatever the device's own position range. */
  position?: number;
  mode?: string;
  targetTemperature?: number;
  currentTemperature?: number;
  /** A fan's speed, 0–100 %. */
  percentage?: number;
  lock?: LockState;
  alarm?: string;
}

/** Which part of an entity's state a topic carries. */
export type StateRole =
  'state' | 'brightness' | 'position' | 'mode' | 'target_temperature' | 'current_temperature' | 'percentage';

export interface StateTopic {
  topic: string;
  role: StateRole;
}

export function stateTopics(entity: EntityConfig): StateTopic[] {
  const topics: StateTopic[] = [];
  const add = (topic: string | undefined, role: StateRole) => {
    if (topic !== undefined) topics.push({ topic, role });
  };
  switch (entity.component) {
    case 'light':
      add(entity.stateTopic, 'state');
      add(entity.brightnessStateTopic, 'brightness');
      break;
    case 'cover':
      add(entity.stateTopic, 'state');
      add(entity.positionTopic, 'position');
      break;
    case 'climate':
      add(entity.modeStateTopic, 'mode');
      add(entity.temperatureStateTopic, 'target_temperature');
      add(entity.currentTemperatureTopic, 'current_temperature');
      break;
    case 'fan':
      add(entity.stateTopic, 'state');
      add(entity.percentageStateTopic, 'percentage');
      break;
    default:
      add(entity.stateTopic, 'state');
  }
  return topics;
}

export type StateUpdate = { ok: true; patch: EntityState } | { ok: false; reason: string };

/** Text after the entity's template, or the reason it cannot be read. */
function templated(template: Template | undefined, payload: string): { ok: true; value: string } | { ok: false; reason: string } {
  if (template === undefined) return { ok: true, value: payload };
  if ('unsupported' in template) return { ok: false, reason: template.unsupported };
  return renderValueTemplate(template, payload);
}

function toNumber(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
}

function percentOf(value: number, low: number, high: number): number {
  const percent = ((value - low) / (high - low)) * 100;
  return Math.round(Math.min(100, Math.max(0, percent)) * 10) / 10;
}

/** Home Assistant reads these payloads as "state unknown" rather than as a bad value. */
function isUnknown(text: string): boolean {
  return text === '' || text === 'None';
}

export function parseStatePayload(entity: EntityConfig, role: StateRole, payload: string): StateUpdate {
  const refuse = (what: string): StateUpdate => ({ ok: false, reason: `${what} ${JSON.stringify(payload.slice(0, 80))}` });
  switch (entity.component) {
    case 'light': {
      if (entity.schema === 'json') return parseJsonLight(entity.brightnessScale, payload);
      const template = role === 'brightness' ? entity.brightnessTemplate : entity.stateTemplate;
      const text = templated(template, payload);
      if (!text.ok) return text;
      if (role === 'brightness') {
        const raw = toNumber(text.value);
        if (raw === undefined) return refuse('brightness is not a number:');
        return { ok: true, patch: { brightness: percentOf(raw, 0, entity.brightnessScale) } };
      }
      return onOff(text.value, entity.payloadOn, entity.payloadOff, refuse);
    }
    case 'switch': {
      const text = templated(entity.valueTemplate, payload);
      if (!text.ok) return text;
      return onOff(text.value, entity.stateOn, entity.stateOff, refuse);
    }
    case 'binary_sensor': {
      const text = templated(entity.valueTemplate, payload);
      if (!text.ok) return text;
      return onOff(text.value, entity.payloadOn, entity.payloadOff, refuse);
    }
    case 'sensor': {
      const text = templated(entity.valueTemplate, payload);
      if (!text.ok) return text;
      const patch: EntityState = { value: text.value, numeric: toNumber(text.value) };
      return { ok: true, patch };
    }
    case 'cover': {
      if (role === 'position') {
        const text = templated(entity.positionTemplate, payload);
        if (!text.ok) return text;
        const raw = toNumber(text.value);
        if (raw === undefined) return refuse('position is not a number:');
        const position = percentOf(raw, entity.positionClosed, entity.positionOpen);
        // Without a state topic Home Assistant derives open/closed from the position.
        const patch: EntityState = { position };
        if (entity.stateTopic === undefined) patch.cover = position > 0 ? 'open' : 'closed';
        return { ok: true, patch };
      }
      const text = templated(entity.valueTemplate, payload);
      if (!text.ok) return text;
      if (isUnknown(text.value)) return { ok: true, patch: { cover: undefined } };
      const names: [string, CoverState][] = [
        [entity.stateOpen, 'open'],
        [entity.stateClosed, 'closed'],
        [entity.stateOpening, 'opening'],
        [entity.stateClosing, 'closing'],
        [entity.stateStopped, 'stopped'],
      ];
      const match = names.find(([name]) => name === text.value);
      if (!match) return refuse('cover state is none of its declared states:');
      return { ok: true, patch: { cover: match[1] } };
    }
    case 'climate': {
      if (role === 'mode') {
        const text = templated(entity.modeStateTemplate, payload);
        if (!text.ok) return text;
        if (!entity.modes.includes(text.value)) return refuse('mode is not one of the declared modes:');
        return { ok: true, patch: { mode: text.value } };
      }
      const template = role === 'target_temperature' ? entity.temperatureStateTemplate : entity.currentTemperatureTemplate;
      const text = templated(template, payload);
      if (!text.ok) return text;
      const degrees = toNumber(text.value);
      if (degrees === undefined) return refuse('temperature is not a number:');
      return {
        ok: true,
        patch: role === 'target_temperature' ? { targetTemperature: degrees } : { currentTemperature: degrees },
      };
    }
    case 'fan': {
      if (role === 'percentage') {
        const text = templated(entity.percentageTemplate, payload);
        if (!text.ok) return text;
        const raw = toNumber(text.value);
        if (raw === undefined) return refuse('speed is not a number:');
        const percentage = raw <= 0 ? 0 : percentOf(raw, entity.speedRangeMin - 1, entity.speedRangeMax);
        return { ok: true, patch: { percentage } };
      }
      const text = templated(entity.stateTemplate, payload);
      if (!text.ok) return text;
      return onOff(text.value, entity.payloadOn, entity.payloadOff, refuse);
    }
    case 'lock': {
      const text = templated(entity.valueTemplate, payload);
      if (!text.ok) return text;
      if (isUnknown(text.value)) return { ok: true, patch: { lock: undefined } };
      const names: [string, LockState][] = [
        [entity.stateLocked, 'locked'],
        [entity.stateUnlocked, 'unlocked'],
        [entity.stateLocking, 'locking'],
        [entity.stateUnlocking, 'unlocking'],
        [entity.stateJammed, 'jammed'],
        ['OPEN', 'open'],
      ];
      const match = names.find(([name]) => name === text.value);
      if (!match) return refuse('lock state is none of its declared states:');
      return { ok: true, patch: { lock: match[1] } };
    }
    case 'alarm_control_panel': {
      const text = templated(entity.valueTemplate, payload);
      if (!text.ok) return text;
      return { ok: true, patch: { alarm: text.value } };
    }
  }
}

function onOff(text: string, on: string, off: string, refuse: (what: string) => StateUpdate): StateUpdate {
  if (text === on) return { ok: true, patch: { on: true } };
  if (text === off) return { ok: true, patch: { on: false } };
  if (isUnknown(text)) return { ok: true, patch: { on: undefined } };
  return refuse(`state is neither ${JSON.stringify(on)} nor ${JSON.stringify(off)}:`);
}

function parseJsonLight(scale: number, payload: string): StateUpdate {
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    return { ok: false, reason: `JSON light state is not JSON: ${JSON.stringify(payload.slice(0, 80))}` };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, reason: 'JSON light state is not an object' };
  const record = body as Record<string, unknown>;
  const patch: EntityState = {};
  if (record.state !== undefined) {
    if (record.state === 'ON') patch.on = true;
    else if (record.state === 'OFF') patch.on = false;
    else if (record.state === null) patch.on = undefined;
    else return { ok: false, reason: `JSON light state must be "ON" or "OFF", got ${JSON.stringify(record.state)}` };
  }
  if (record.brightness !== undefined && record.brightness !== null) {
    if (typeof record.brightness !== 'number' || !Number.isFinite(record.brightness)) {
      return { ok: false, reason: `JSON light brightness must be a number, got ${JSON.stringify(record.brightness)}` };
    }
    patch.brightness = percentOf(record.brightness, 0, scale);
  }
  return { ok: true, patch };
}

/** Whether an availability payload says available (true), not available (false) or neither. */
export function readAvailabilityPayload(
  entry: { payloadAvailable: string; payloadNotAvailable: string; template?: Template },
  payload: string,
): boolean | { reason: string } {
  const text = templated(entry.template, payload);
  if (!text.ok) return { reason: text.reason };
  if (text.value === entry.payloadAvailable) return true;
  if (text.value === entry.payloadNotAvailable) return false;
  return { reason: `availability payload ${JSON.stringify(text.value.slice(0, 80))} is neither available nor not available` };
}
