// One discovery config read into a typed entity, per component. What each component's fields mean
// and default to follows Home Assistant's MQTT integration documentation; anything Hearth does not
// read (colours, effects, tilt, presets, humidity…) is ignored rather than refused.

import { ConfigError, ConfigFields, typeName } from './config-fields';
import type { ValueTemplate } from './value-template';

export const COMPONENTS = [
  'light',
  'switch',
  'sensor',
  'binary_sensor',
  'cover',
  'climate',
  'fan',
  'lock',
  'alarm_control_panel',
] as const;
export type Component = (typeof COMPONENTS)[number];

export function isComponent(name: string): name is Component {
  return (COMPONENTS as readonly string[]).includes(name);
}

/** A template that could not be read keeps its reason, so the state can say why it is unknown. */
export type Template = ValueTemplate | { unsupported: string };
export type CommandTemplate = ((value: string | number) => string) | { unsupported: string };

export interface AvailabilityTopic {
  topic: string;
  payloadAvailable: string;
  payloadNotAvailable: string;
  template?: Template;
}

export interface Availability {
  topics: AvailabilityTopic[];
  /** latest: the last message on any topic decides; all: every topic must say available; any: one. */
  mode: 'latest' | 'all' | 'any';
}

export interface DeviceInfo {
  /** Identifiers (and connections) that bind entities into one device. */
  identifiers: string[];
  name?: string;
  manufacturer?: string;
  model?: string;
  suggestedArea?: string;
}

interface EntityCommon {
  /** unique_id when given, else the discovery key: what the registry names the entity by. */
  id: string;
  uniqueId?: string;
  discoveryTopic: string;
  /** The entity's own name; null means "the device's name" in Home Assistant. */
  name: string | null;
  /** What a person calls it: entity name, or the device's, or both. */
  displayName: string;
  device?: DeviceInfo;
  deviceClass?: string;
  availability: Availability;
  qos: 0 | 1 | 2;
  retain: boolean;
  /** Reasons the entity works only in part (an unsupported template, say). */
  warnings: string[];
}

export interface LightConfig extends EntityCommon {
  component: 'light';
  schema: 'default' | 'json';
  commandTopic: string;
  stateTopic?: string;
  payloadOn: string;
  payloadOff: string;
  stateTemplate?: Template;
  supportsBrightness: boolean;
  brightnessCommandTopic?: string;
  brightnessStateTopic?: string;
  brightnessTemplate?: Template;
  brightnessCommandTemplate?: CommandTemplate;
  /** The device's value for full brightness (255 unless configured). */
  brightnessScale: number;
  onCommandType: 'last' | 'first' | 'brightness';
}

export interface SwitchConfig extends EntityCommon {
  component: 'switch';
  commandTopic: string;
  stateTopic?: string;
  payloadOn: string;
  payloadOff: string;
  stateOn: string;
  stateOff: string;
  valueTemplate?: Template;
}

export interface SensorConfig extends EntityCommon {
  component: 'sensor';
  stateTopic: string;
  valueTemplate?: Template;
  unit?: string;
}

export interface BinarySensorConfig extends EntityCommon {
  component: 'binary_sensor';
  stateTopic: string;
  payloadOn: string;
  payloadOff: string;
  valueTemplate?: Template;
}

export interface CoverConfig extends EntityCommon {
  component: 'cover';
  commandTopic?: string;
  stateTopic?: string;
  payloadOpen: string | null;
  payloadClose: string | null;
  payloadStop: string | null;
  stateOpen: string;
  stateClosed: string;
  stateOpening: string;
  stateClosing: string;
  stateStopped: string;
  valueTemplate?: Template;
  positionTopic?: string;
  positionTemplate?: Template;
  setPositionTopic?: string;
  setPositionTemplate?: CommandTemplate;
  positionOpen: number;
  positionClosed: number;
}

export interface ClimateConfig extends EntityCommon {
  component: 'climate';
  modes: string[];
  modeCommandTopic?: string;
  modeStateTopic?: string;
  modeStateTemplate?: Template;
  temperatureCommandTopic?: string;
  temperatureCommandTemplate?: CommandTemplate;
  temperatureStateTopic?: string;
  temperatureStateTemplate?: Template;
  currentTemperatureTopic?: string;
  currentTemperatureTemplate?: Template;
  minTemp: number;
  maxTemp: number;
  tempStep: number;
  temperatureUnit?: string;
}

export interface FanConfig extends EntityCommon {
  component: 'fan';
  commandTopic: string;
  stateTopic?: string;
  payloadOn: string;
  payloadOff: string;
  stateTemplate?: Template;
  percentageCommandTopic?: string;
  percentageCommandTemplate?: CommandTemplate;
  percentageStateTopic?: string;
  percentageTemplate?: Template;
  speedRangeMin: number;
  speedRangeMax: number;
}

export interface LockConfig extends EntityCommon {
  component: 'lock';
  commandTopic: string;
  stateTopic?: string;
  payloadLock: string;
  payloadUnlock: string;
  /** Only set when discovery declares that the lock can open (unlatch). */
  payloadOpen?: string;
  stateLocked: string;
  stateUnlocked: string;
  stateLocking: string;
  stateUnlocking: string;
  stateJammed: string;
  valueTemplate?: Template;
}

export interface AlarmConfig extends EntityCommon {
  component: 'alarm_control_panel';
  commandTopic: string;
  stateTopic: string;
  payloadArmAway: string;
  payloadArmHome: string;
  payloadArmNight: string;
  payloadDisarm: string;
  valueTemplate?: Template;
}

export type EntityConfig =
  | LightConfig
  | SwitchConfig
  | SensorConfig
  | BinarySensorConfig
  | CoverConfig
  | ClimateConfig
  | FanConfig
  | LockConfig
  | AlarmConfig;

export type ReadConfig =
  | { ok: true; entity: EntityConfig }
  | { ok: false; code: 'wrong-type' | 'missing-field' | 'bad-value' | 'unsupported-schema'; reason: string };

/** Reads an expanded (abbreviations and `~` resolved) config for a known component. */
export function readEntityConfig(
  component: Component,
  discoveryKey: string,
  discoveryTopic: string,
  raw: Record<string, unknown>,
): ReadConfig {
  const fields = new ConfigFields(raw);
  try {
    const common = readCommon(fields, discoveryKey, discoveryTopic);
    const entity = readComponent(component, fields, common);
    if ('unsupportedSchema' in entity) return { ok: false, code: 'unsupported-schema', reason: entity.unsupportedSchema };
    entity.warnings.push(...fields.warnings);
    return { ok: true, entity };
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, code: error.code, reason: error.message };
    throw error;
  }
}

type Common = Omit<EntityCommon, 'warnings'> & { warnings: string[] };

function readCommon(fields: ConfigFields, discoveryKey: string, discoveryTopic: string): Common {
  const uniqueId = fields.string('unique_id');
  if (uniqueId !== undefined && uniqueId.trim() === '') throw new ConfigError('bad-value', 'unique_id is empty');
  const device = readDevice(fields.raw.device);
  const name = fields.raw.name === null ? null : (fields.string('name') ?? null);
  const common: Common = {
    id: uniqueId ?? discoveryKey,
    discoveryTopic,
    name,
    displayName: displayName(name, device?.name, discoveryKey),
    availability: readAvailability(fields),
    qos: fields.qos(),
    retain: fields.boolean('retain', false),
    warnings: [],
  };
  if (uniqueId !== undefined) common.uniqueId = uniqueId;
  if (device) common.device = device;
  const deviceClass = fields.string('device_class');
  if (deviceClass !== undefined) common.deviceClass = deviceClass;
  return common;
}

function displayName(name: string | null, deviceName: string | undefined, discoveryKey: string): string {
  if (name === null || name.trim() === '') return deviceName ?? discoveryKey.split('/').pop()!;
  if (deviceName === undefined || name.toLowerCase().includes(deviceName.toLowerCase())) return name;
  return `${deviceName} ${name}`;
}

function readDevice(raw: unknown): DeviceInfo | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new ConfigError('wrong-type', `device must be an object, got ${typeName(raw)}`);
  const fields = new ConfigFields(raw as Record<string, unknown>);
  const ids = fields.raw.identifiers;
  const identifiers: string[] = [];
  if (typeof ids === 'string' || typeof ids === 'number') identifiers.push(String(ids));
  else if (Array.isArray(ids))
    identifiers.push(...ids.filter((id) => typeof id === 'string' || typeof id === 'number').map(String));
  else if (ids !== undefined && ids !== null)
    throw new ConfigError('wrong-type', `device.identifiers must be text or a list, got ${typeName(ids)}`);
  const connections = fields.raw.connections;
  if (Array.isArray(connections)) {
    for (const pair of connections) if (Array.isArray(pair) && pair.length === 2) identifiers.push(`${pair[0]}:${pair[1]}`);
  }
  const device: DeviceInfo = { identifiers };
  const name = fields.string('name');
  if (name !== undefined) device.name = name;
  const manufacturer = fields.string('manufacturer');
  if (manufacturer !== undefined) device.manufacturer = manufacturer;
  const model = fields.string('model');
  if (model !== undefined) device.model = model;
  const area = fields.string('suggested_area');
  if (area !== undefined && area.trim() !== '') device.suggestedArea = area.trim();
  return device;
}

function readAvailability(fields: ConfigFields): Availability {
  const mode = fields.string('availability_mode', 'latest');
  if (mode !== 'latest' && mode !== 'all' && mode !== 'any')
    throw new ConfigError('bad-value', `availability_mode must be latest, all or any, got ${mode}`);
  const topics: AvailabilityTopic[] = [];
  const single = fields.topic('availability_topic');
  if (single !== undefined) {
    const entry: AvailabilityTopic = {
      topic: single,
      payloadAvailable: fields.string('payload_available', 'online'),
      payloadNotAvailable: fields.string('payload_not_available', 'offline'),
    };
    const template = fields.template('availability_template');
    if (template) entry.template = template;
    topics.push(entry);
  }
  const list = fields.raw.availability;
  if (list !== undefined && list !== null) {
    if (!Array.isArray(list)) throw new ConfigError('wrong-type', `availability must be a list, got ${typeName(list)}`);
    list.forEach((item, index) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        throw new ConfigError('wrong-type', `availability[${index}] must be an object, got ${typeName(item)}`);
      }
      const entryFields = new ConfigFields(item as Record<string, unknown>);
      const entry: AvailabilityTopic = {
        topic: entryFields.topic('topic', true),
        payloadAvailable: entryFields.string('payload_available', 'online'),
        payloadNotAvailable: entryFields.string('payload_not_available', 'offline'),
      };
      const template = entryFields.template('value_template');
      if (template) entry.template = template;
      fields.warnings.push(...entryFields.warnings);
      topics.push(entry);
    });
  }
  return { topics, mode };
}

function optional<T extends object, K extends string, V>(target: T, key: K, value: V | undefined): void {
  if (value !== undefined) (target as Record<string, unknown>)[key] = value;
}

function readComponent(component: Component, f: ConfigFields, common: Common): EntityConfig | { unsupportedSchema: string } {
  switch (component) {
    case 'light':
      return readLight(f, common);
    case 'switch': {
      const payloadOn = f.string('payload_on', 'ON');
      const payloadOff = f.string('payload_off', 'OFF');
      const entity: SwitchConfig = {
        ...common,
        component,
        commandTopic: f.topic('command_topic', true),
        payloadOn,
        payloadOff,
        stateOn: f.string('state_on', payloadOn),
        stateOff: f.string('state_off', payloadOff),
      };
      optional(entity, 'stateTopic', f.topic('state_topic'));
      optional(entity, 'valueTemplate', f.template('value_template'));
      return entity;
    }
    case 'sensor': {
      const entity: SensorConfig = { ...common, component, stateTopic: f.topic('state_topic', true) };
      optional(entity, 'valueTemplate', f.template('value_template'));
      optional(entity, 'unit', f.string('unit_of_measurement'));
      return entity;
    }
    case 'binary_sensor': {
      const entity: BinarySensorConfig = {
        ...common,
        component,
        stateTopic: f.topic('state_topic', true),
        payloadOn: f.string('payload_on', 'ON'),
        payloadOff: f.string('payload_off', 'OFF'),
      };
      optional(entity, 'valueTemplate', f.template('value_template'));
      return entity;
    }
    case 'cover': {
      const entity: CoverConfig = {
        ...common,
        component,
        // A payload set to null in discovery means the cover does not have that command.
        payloadOpen: f.raw.payload_open === null ? null : f.string('payload_open', 'OPEN'),
        payloadClose: f.raw.payload_close === null ? null : f.string('payload_close', 'CLOSE'),
        payloadStop: f.raw.payload_stop === null ? null : f.string('payload_stop', 'STOP'),
        stateOpen: f.string('state_open', 'open'),
        stateClosed: f.string('state_closed', 'closed'),
        stateOpening: f.string('state_opening', 'opening'),
        stateClosing: f.string('state_closing', 'closing'),
        stateStopped: f.string('state_stopped', 'stopped'),
        positionOpen: f.number('position_open', 100),
        positionClosed: f.number('position_closed', 0),
      };
      optional(entity, 'commandTopic', f.topic('command_topic'));
      optional(entity, 'stateTopic', f.topic('state_topic'));
      optional(entity, 'valueTemplate', f.template('value_template'));
      optional(entity, 'positionTopic', f.topic('position_topic'));
      optional(entity, 'positionTemplate', f.template('position_template'));
      optional(entity, 'setPositionTopic', f.topic('set_position_topic'));
      optional(entity, 'setPositionTemplate', f.commandTemplate('set_position_template'));
      if (entity.positionOpen === entity.positionClosed)
        throw new ConfigError('bad-value', 'position_open equals position_closed');
      return entity;
    }
    case 'climate': {
      const unit = f.string('temperature_unit');
      const celsius = unit !== 'F';
      const entity: ClimateConfig = {
        ...common,
        component,
        modes: f.stringList('modes', ['auto', 'off', 'cool', 'heat', 'dry', 'fan_only']),
        minTemp: f.number('min_temp', celsius ? 7 : 45),
        maxTemp: f.number('max_temp', celsius ? 35 : 95),
        tempStep: f.number('temp_step', f.number('precision', celsius ? 0.1 : 1)),
      };
      optional(entity, 'temperatureUnit', unit);
      optional(entity, 'modeCommandTopic', f.topic('mode_command_topic'));
      optional(entity, 'modeStateTopic', f.topic('mode_state_topic'));
      optional(entity, 'modeStateTemplate', f.template('mode_state_template'));
      optional(entity, 'temperatureCommandTopic', f.topic('temperature_command_topic'));
      optional(entity, 'temperatureCommandTemplate', f.commandTemplate('temperature_command_template'));
      optional(entity, 'temperatureStateTopic', f.topic('temperature_state_topic'));
      optional(entity, 'temperatureStateTemplate', f.template('temperature_state_template'));
      optional(entity, 'currentTemperatureTopic', f.topic('current_temperature_topic'));
      optional(entity, 'currentTemperatureTemplate', f.template('current_temperature_template'));
      if (entity.minTemp > entity.maxTemp)
        throw new ConfigError('bad-value', `min_temp ${entity.minTemp} is above max_temp ${entity.maxTemp}`);
      return entity;
    }
    case 'fan': {
      const entity: FanConfig = {
        ...common,
        component,
        commandTopic: f.topic('command_topic', true),
        payloadOn: f.string('payload_on', 'ON'),
        payloadOff: f.string('payload_off', 'OFF'),
        speedRangeMin: f.number('speed_range_min', 1),
        speedRangeMax: f.number('speed_range_max', 100),
      };
      optional(entity, 'stateTopic', f.topic('state_topic'));
      optional(entity, 'stateTemplate', f.template('state_value_template'));
      optional(entity, 'percentageCommandTopic', f.topic('percentage_command_topic'));
      optional(entity, 'percentageCommandTemplate', f.commandTemplate('percentage_command_template'));
      optional(entity, 'percentageStateTopic', f.topic('percentage_state_topic'));
      optional(entity, 'percentageTemplate', f.template('percentage_value_template'));
      if (entity.speedRangeMin < 1 || entity.speedRangeMax <= entity.speedRangeMin) {
        throw new ConfigError('bad-value', `speed range ${entity.speedRangeMin}–${entity.speedRangeMax} is not usable`);
      }
      return entity;
    }
    case 'lock': {
      const entity: LockConfig = {
        ...common,
        component,
        commandTopic: f.topic('command_topic', true),
        payloadLock: f.string('payload_lock', 'LOCK'),
        payloadUnlock: f.string('payload_unlock', 'UNLOCK'),
        stateLocked: f.string('state_locked', 'LOCKED'),
        stateUnlocked: f.string('state_unlocked', 'UNLOCKED'),
        stateLocking: f.string('state_locking', 'LOCKING'),
        stateUnlocking: f.string('state_unlocking', 'UNLOCKING'),
        stateJammed: f.string('state_jammed', 'JAMMED'),
      };
      optional(entity, 'payloadOpen', f.string('payload_open'));
      optional(entity, 'stateTopic', f.topic('state_topic'));
      optional(entity, 'valueTemplate', f.template('value_template'));
      return entity;
    }
    case 'alarm_control_panel': {
      const entity: AlarmConfig = {
        ...common,
        component,
        commandTopic: f.topic('command_topic', true),
        stateTopic: f.topic('state_topic', true),
        payloadArmAway: f.string('payload_arm_away', 'ARM_AWAY'),
        payloadArmHome: f.string('payload_arm_home', 'ARM_HOME'),
        payloadArmNight: f.string('payload_arm_night', 'ARM_NIGHT'),
        payloadDisarm: f.string('payload_disarm', 'DISARM'),
      };
      optional(entity, 'valueTemplate', f.template('value_template'));
      return entity;
    }
  }
}

function readLight(f: ConfigFields, common: Common): LightConfig | { unsupportedSchema: string } {
  const schema = f.string('schema', 'default');
  if (schema === 'json') {
    const modes = f.stringList('supported_color_modes', []);
    const entity: LightConfig = {
      ...common,
      component: 'light',
      schema: 'json',
      commandTopic: f.topic('command_topic', true),
      payloadOn: 'ON',
      payloadOff: 'OFF',
      // Older configs say brightness: true; newer ones list colour modes, all but onoff dimmable.
      supportsBrightness: f.boolean('brightness', false) || modes.some((mode) => mode !== 'onoff'),
      brightnessScale: f.number('brightness_scale', 255),
      onCommandType: 'last',
    };
    optional(entity, 'stateTopic', f.topic('state_topic'));
    if (entity.brightnessScale <= 0) throw new ConfigError('bad-value', 'brightness_scale must be above 0');
    return entity;
  }
  if (schema !== 'default' && schema !== 'basic') {
    return { unsupportedSchema: `light schema ${JSON.stringify(schema)} not supported (default and json are)` };
  }
  const onCommandType = f.string('on_command_type', 'last');
  if (onCommandType !== 'last' && onCommandType !== 'first' && onCommandType !== 'brightness') {
    throw new ConfigError('bad-value', `on_command_type must be last, first or brightness, got ${onCommandType}`);
  }
  const entity: LightConfig = {
    ...common,
    component: 'light',
    schema: 'default',
    commandTopic: f.topic('command_topic', true),
    payloadOn: f.string('payload_on', 'ON'),
    payloadOff: f.string('payload_off', 'OFF'),
    supportsBrightness: f.has('brightness_command_topic'),
    brightnessScale: f.number('brightness_scale', 255),
    onCommandType,
  };
  optional(entity, 'stateTopic', f.topic('state_topic'));
  optional(entity, 'stateTemplate', f.template('state_value_template'));
  optional(entity, 'brightnessCommandTopic', f.topic('brightness_command_topic'));
  optional(entity, 'brightnessCommandTemplate', f.commandTemplate('brightness_command_template'));
  optional(entity, 'brightnessStateTopic', f.topic('brightness_state_topic'));
  optional(entity, 'brightnessTemplate', f.template('brightness_value_template'));
  if (entity.brightnessScale <= 0) throw new ConfigError('bad-value', 'brightness_scale must be above 0');
  return entity;
}
