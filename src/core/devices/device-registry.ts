// The devices one MQTT broker announces, as pure state: every message the connection receives goes
// through `handle`, which updates entities and says what to (un)subscribe and what to log. Nothing
// here throws on what arrives from the broker: a bad message is a log entry with its reason and the
// other devices carry on.

import { expandConfig } from './abbreviations';
import { areaFromName, COMMON_AREAS } from './areas';
import { planCommand, type CommandPlan, type DeviceCommand } from './device-command';
import { DEFAULT_DISCOVERY_PREFIX, discoveryFilters, parseDiscoveryTopic } from './discovery-topic';
import { isComponent, readEntityConfig, type EntityConfig } from './entity-config';
import { parseStatePayload, readAvailabilityPayload, stateTopics, type EntityState, type StateRole } from './entity-state';
import { MAX_DISCOVERY_BYTES, MAX_STATE_BYTES, payloadText } from './payload-text';
import { builtInSensitivity } from './sensitivity';

export type LogCode =
  | 'discovered'
  | 'updated'
  | 'removed'
  | 'partly-supported'
  | 'malformed-json'
  | 'not-an-object'
  | 'unknown-component'
  | 'unsupported-schema'
  | 'wrong-type'
  | 'missing-field'
  | 'bad-value'
  | 'oversized'
  | 'not-utf8'
  | 'duplicate-unique-id'
  | 'bad-state'
  | 'bad-availability';

export interface RegistryLogEntry {
  level: 'info' | 'warn';
  code: LogCode;
  topic: string;
  reason: string;
  entityId?: string;
}

export interface Entity {
  config: EntityConfig;
  state: EntityState;
  available: boolean;
  deviceId: string;
}

export interface Device {
  id: string;
  name: string;
  manufacturer?: string;
  model?: string;
  /** undefined when no area is known. */
  area?: string;
  entityIds: string[];
}

export interface AreaGroup {
  /** undefined for the devices in no known area. */
  area?: string;
  devices: Device[];
}

export interface RegistryChange {
  /** Entities added, updated, or whose state or availability changed. */
  changed: string[];
  removed: string[];
  log: RegistryLogEntry[];
  subscribe: string[];
  unsubscribe: string[];
}

type Binding = { entityId: string; kind: 'state'; role: StateRole } | { entityId: string; kind: 'availability'; index: number };

interface EntityRecord extends Entity {
  configText: string;
  availabilityValues: (boolean | undefined)[];
  latestAvailability?: boolean;
}

export interface RegistryOptions {
  discoveryPrefix?: string;
}

export class DeviceRegistry {
  readonly discoveryPrefix: string;
  private readonly entitiesById = new Map<string, EntityRecord>();
  private readonly entityIdByDiscoveryTopic = new Map<string, string>();
  private readonly bindings = new Map<string, Binding[]>();
  private readonly areaChoices = new Map<string, string>();
  private readonly sensitivityChoices = new Map<string, boolean>();

  constructor(options: RegistryOptions = {}) {
    this.discoveryPrefix = options.discoveryPrefix ?? DEFAULT_DISCOVERY_PREFIX;
  }

  /** Topic filters for every discovery config plus every state and availability topic now followed. */
  subscriptions(): string[] {
    return [...discoveryFilters(this.discoveryPrefix), ...this.bindings.keys()];
  }

  handle(topic: string, payload: Uint8Array): RegistryChange {
    const change: RegistryChange = { changed: [], removed: [], log: [], subscribe: [], unsubscribe: [] };
    const discovery = parseDiscoveryTopic(topic, this.discoveryPrefix);
    if (discovery) {
      this.handleDiscovery(topic, discovery.component, discovery.key, payload, change);
    } else {
      const bound = this.bindings.get(topic);
      if (bound) this.handleState(topic, bound, payload, change);
    }
    return change;
  }

  private handleDiscovery(topic: string, component: string, key: string, payload: Uint8Array, change: RegistryChange): void {
    const warn = (code: LogCode, reason: string): void => {
      change.log.push({ level: 'warn', code, topic, reason });
    };
    // An empty retained config is how a device withdraws an entity.
    if (payload.length === 0) {
      const id = this.entityIdByDiscoveryTopic.get(topic);
      if (id !== undefined) {
        this.remove(id, change);
        change.log.push({ level: 'info', code: 'removed', topic, reason: 'empty config: entity removed', entityId: id });
      }
      return;
    }
    const text = payloadText(payload, MAX_DISCOVERY_BYTES);
    if (!text.ok) return warn(text.code, text.reason);
    // Retained configs arrive again after every reconnect: the same text changes nothing.
    const sameTopicId = this.entityIdByDiscoveryTopic.get(topic);
    if (sameTopicId !== undefined && this.entitiesById.get(sameTopicId)?.configText === text.text) return;
    if (!isComponent(component)) return warn('unknown-component', `component ${JSON.stringify(component)} is not supported`);
    let raw: unknown;
    try {
      raw = JSON.parse(text.text);
    } catch (error) {
      return warn('malformed-json', `config is not JSON (${(error as Error).message})`);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return warn('not-an-object', 'config is not a JSON object');
    const read = readEntityConfig(component, key, topic, expandConfig(raw as Record<string, unknown>));
    if (!read.ok) return warn(read.code, read.reason);
    const config = read.entity;

    const previousId = this.entityIdByDiscoveryTopic.get(topic);
    const holder = this.entitiesById.get(config.id);
    if (holder && holder.config.discoveryTopic !== topic) {
      return warn(
        'duplicate-unique-id',
        `unique_id ${JSON.stringify(config.id)} is already used by ${holder.config.discoveryTopic}`,
      );
    }
    const previous = previousId === undefined ? undefined : this.entitiesById.get(previousId);
    if (previousId !== undefined) this.remove(previousId, change, previousId === config.id);

    const sameEntity = previous && previousId === config.id ? previous : undefined;
    const sameAvailability =
      sameEntity !== undefined &&
      JSON.stringify(sameEntity.config.availability.topics.map((entry) => entry.topic)) ===
        JSON.stringify(config.availability.topics.map((entry) => entry.topic));
    const record: EntityRecord = {
      config,
      configText: text.text,
      // A repeated config (a device announcing itself again) keeps the state already known.
      state: sameEntity ? sameEntity.state : {},
      available: config.availability.topics.length === 0,
      deviceId: deviceIdOf(config),
      availabilityValues: config.availability.topics.map(() => undefined),
    };
    if (sameEntity && sameAvailability) {
      record.availabilityValues = sameEntity.availabilityValues;
      if (sameEntity.latestAvailability !== undefined) record.latestAvailability = sameEntity.latestAvailability;
      record.available = availabilityOf(record);
    }
    this.entitiesById.set(config.id, record);
    this.entityIdByDiscoveryTopic.set(topic, config.id);
    for (const { topic: stateTopic, role } of stateTopics(config))
      this.bind(stateTopic, { entityId: config.id, kind: 'state', role }, change);
    config.availability.topics.forEach((entry, index) =>
      this.bind(entry.topic, { entityId: config.id, kind: 'availability', index }, change),
    );
    // A topic dropped and bound again by the same update stays subscribed.
    const dropped = new Set(change.unsubscribe);
    const again = change.subscribe.filter((item) => dropped.has(item));
    if (again.length > 0) {
      change.subscribe = change.subscribe.filter((item) => !again.includes(item));
      change.unsubscribe = change.unsubscribe.filter((item) => !again.includes(item));
    }
    change.changed.push(config.id);
    const verb = previous ? 'updated' : 'discovered';
    change.log.push({
      level: 'info',
      code: verb,
      topic,
      reason: `${config.component} ${JSON.stringify(config.displayName)} ${verb}`,
      entityId: config.id,
    });
    for (const warning of config.warnings)
      change.log.push({ level: 'warn', code: 'partly-supported', topic, reason: warning, entityId: config.id });
  }

  private handleState(topic: string, bound: Binding[], payload: Uint8Array, change: RegistryChange): void {
    const text = payloadText(payload, MAX_STATE_BYTES);
    if (!text.ok) {
      change.log.push({ level: 'warn', code: text.code, topic, reason: text.reason });
      return;
    }
    for (const binding of bound) {
      const record = this.entitiesById.get(binding.entityId);
      if (!record) continue;
      if (binding.kind === 'state') {
        const update = parseStatePayload(record.config, binding.role, text.text);
        if (!update.ok) {
          change.log.push({ level: 'warn', code: 'bad-state', topic, reason: update.reason, entityId: binding.entityId });
          continue;
        }
        record.state = withPatch(record.state, update.patch);
      } else {
        const entry = record.config.availability.topics[binding.index]!;
        const value = readAvailabilityPayload(entry, text.text);
        if (typeof value !== 'boolean') {
          change.log.push({ level: 'warn', code: 'bad-availability', topic, reason: value.reason, entityId: binding.entityId });
          continue;
        }
        record.availabilityValues[binding.index] = value;
        record.latestAvailability = value;
        record.available = availabilityOf(record);
      }
      if (!change.changed.includes(binding.entityId)) change.changed.push(binding.entityId);
    }
  }

  private bind(topic: string, binding: Binding, change: RegistryChange): void {
    const list = this.bindings.get(topic);
    if (list) list.push(binding);
    else {
      this.bindings.set(topic, [binding]);
      change.subscribe.push(topic);
    }
  }

  private remove(id: string, change: RegistryChange, replacing = false): void {
    const record = this.entitiesById.get(id);
    if (!record) return;
    this.entitiesById.delete(id);
    this.entityIdByDiscoveryTopic.delete(record.config.discoveryTopic);
    for (const [topic, list] of this.bindings) {
      const kept = list.filter((binding) => binding.entityId !== id);
      if (kept.length === list.length) continue;
      if (kept.length > 0) this.bindings.set(topic, kept);
      else {
        this.bindings.delete(topic);
        change.unsubscribe.push(topic);
      }
    }
    if (!replacing) change.removed.push(id);
  }

  entity(id: string): Entity | undefined {
    return this.entitiesById.get(id);
  }

  entities(): Entity[] {
    return [...this.entitiesById.values()];
  }

  get size(): number {
    return this.entitiesById.size;
  }

  /** Entities grouped into devices (by their discovery device identifiers), each with its area. */
  devices(): Device[] {
    const known = new Set([...COMMON_AREAS, ...this.areaChoices.values()]);
    for (const record of this.entitiesById.values()) {
      const area = record.config.device?.suggestedArea;
      if (area) known.add(area);
    }
    const devices = new Map<string, Device>();
    for (const record of this.entitiesById.values()) {
      let device = devices.get(record.deviceId);
      if (!device) {
        const info = record.config.device;
        device = { id: record.deviceId, name: info?.name ?? record.config.displayName, entityIds: [] };
        if (info?.manufacturer) device.manufacturer = info.manufacturer;
        if (info?.model) device.model = info.model;
        const area = this.areaChoices.get(record.deviceId) ?? info?.suggestedArea ?? areaFromName(device.name, known);
        if (area !== undefined) device.area = area;
        devices.set(record.deviceId, device);
      }
      device.entityIds.push(record.config.id);
    }
    return [...devices.values()];
  }

  /** Devices by area, areas in name order, the devices in no area last. */
  byArea(): AreaGroup[] {
    const groups = new Map<string | undefined, Device[]>();
    for (const device of this.devices()) {
      const list = groups.get(device.area);
      if (list) list.push(device);
      else groups.set(device.area, [device]);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => (a === undefined ? 1 : b === undefined ? -1 : a.localeCompare(b)))
      .map(([area, devices]) => (area === undefined ? { devices } : { area, devices }));
  }

  /** The person's own area for a device; undefined goes back to the suggested one. */
  setArea(deviceId: string, area: string | undefined): void {
    if (area === undefined || area.trim() === '') this.areaChoices.delete(deviceId);
    else this.areaChoices.set(deviceId, area.trim());
  }

  /** Marks an entity as needing confirmation (or not); undefined goes back to the built-in rule. */
  setSensitive(entityId: string, sensitive: boolean | undefined): void {
    if (sensitive === undefined) this.sensitivityChoices.delete(entityId);
    else this.sensitivityChoices.set(entityId, sensitive);
  }

  /** Why acting on the entity needs confirmation, or undefined when it does not. */
  sensitivity(entityId: string): string | undefined {
    const record = this.entitiesById.get(entityId);
    if (!record) return undefined;
    const choice = this.sensitivityChoices.get(entityId);
    if (choice === false) return undefined;
    return builtInSensitivity(record.config) ?? (choice ? 'marked sensitive' : undefined);
  }

  sensitiveEntities(): Entity[] {
    return this.entities().filter((entity) => this.sensitivity(entity.config.id) !== undefined);
  }

  /** What to publish for a command, as the entity's discovery declares it. */
  plan(entityId: string, command: DeviceCommand): CommandPlan {
    const record = this.entitiesById.get(entityId);
    if (!record) return { ok: false, reason: `no device ${JSON.stringify(entityId)}` };
    return planCommand(record.config, command);
  }

  /** After a command was published: entities with no state topic (optimistic) take the new state. */
  assumeSent(entityId: string, command: DeviceCommand): boolean {
    const record = this.entitiesById.get(entityId);
    if (!record || stateTopics(record.config).length > 0) return false;
    const patch = assumedState(command);
    if (!patch) return false;
    record.state = withPatch(record.state, patch);
    return true;
  }
}

function deviceIdOf(config: EntityConfig): string {
  const first = config.device?.identifiers[0];
  return first !== undefined ? `device:${first}` : `entity:${config.id}`;
}

function availabilityOf(record: EntityRecord): boolean {
  const { mode } = record.config.availability;
  if (mode === 'all') return record.availabilityValues.every((value) => value === true);
  if (mode === 'any') return record.availabilityValues.some((value) => value === true);
  return record.latestAvailability === true;
}

function withPatch(state: EntityState, patch: EntityState): EntityState {
  const next: EntityState = { ...state };
  for (const [key, value] of Object.entries(patch) as [keyof EntityState, unknown][]) {
    if (value === undefined) delete next[key];
    else (next as Record<string, unknown>)[key] = value;
  }
  return next;
}

function assumedState(command: DeviceCommand): EntityState | undefined {
  switch (command.kind) {
    case 'turn_on':
      return { on: true };
    case 'turn_off':
      return { on: false };
    case 'set_brightness':
      return { on: true, brightness: command.percent };
    case 'lock':
      return { lock: 'locked' };
    case 'unlock':
      return { lock: 'unlocked' };
    case 'set_position':
      return { position: command.percent };
    case 'set_temperature':
      return { targetTemperature: command.degrees };
    case 'set_mode':
      return { mode: command.mode };
    case 'set_percentage':
      return { percentage: command.percent };
    default:
      return undefined;
  }
}
