// Home Assistant's area, device and entity registries (config/*_registry/list), read defensively,
// and what they add to a state: the room an entity is in (its own area, else its device's), the
// device it belongs to, and a name when the state carries no friendly_name.
import type { EntityState } from './entity-state';
import { domainOf, isAvailable, toEntityState, type HaProblem, type HaState } from './ha-state';

export interface HaDeviceEntry {
  name?: string;
  areaId?: string;
}

export interface HaEntityEntry {
  name?: string;
  areaId?: string;
  deviceId?: string;
  deviceClass?: string;
}

export interface HaRegistries {
  areas: Map<string, string>;
  devices: Map<string, HaDeviceEntry>;
  entities: Map<string, HaEntityEntry>;
}

export const emptyRegistries = (): HaRegistries => ({ areas: new Map(), devices: new Map(), entities: new Map() });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

function listOf(raw: unknown, what: string, problems: HaProblem[]): Record<string, unknown>[] {
  if (!Array.isArray(raw)) {
    problems.push({ reason: `the ${what} list is not a list` });
    return [];
  }
  const items: Record<string, unknown>[] = [];
  raw.forEach((item, index) => {
    if (isRecord(item)) items.push(item);
    else problems.push({ reason: `${what} entry ${index} is not an object` });
  });
  return items;
}

/** Reads the three lists; an entry without its id is skipped with a reason, the rest are kept. */
export function readRegistries(
  areasRaw: unknown,
  devicesRaw: unknown,
  entitiesRaw: unknown,
): { registries: HaRegistries; problems: HaProblem[] } {
  const problems: HaProblem[] = [];
  const registries = emptyRegistries();
  for (const area of listOf(areasRaw, 'area', problems)) {
    const id = text(area.area_id);
    const name = text(area.name);
    if (id === undefined || name === undefined) problems.push({ reason: 'an area has no area_id or no name' });
    else registries.areas.set(id, name);
  }
  for (const device of listOf(devicesRaw, 'device', problems)) {
    const id = text(device.id);
    if (id === undefined) {
      problems.push({ reason: 'a device has no id' });
      continue;
    }
    const entry: HaDeviceEntry = {};
    const name = text(device.name_by_user) ?? text(device.name);
    const areaId = text(device.area_id);
    if (name !== undefined) entry.name = name;
    if (areaId !== undefined) entry.areaId = areaId;
    registries.devices.set(id, entry);
  }
  for (const entity of listOf(entitiesRaw, 'entity registry', problems)) {
    const id = text(entity.entity_id);
    if (id === undefined) {
      problems.push({ reason: 'an entity registry entry has no entity_id' });
      continue;
    }
    const entry: HaEntityEntry = {};
    const name = text(entity.name) ?? text(entity.original_name);
    const areaId = text(entity.area_id);
    const deviceId = text(entity.device_id);
    const deviceClass = text(entity.device_class) ?? text(entity.original_device_class);
    if (name !== undefined) entry.name = name;
    if (areaId !== undefined) entry.areaId = areaId;
    if (deviceId !== undefined) entry.deviceId = deviceId;
    if (deviceClass !== undefined) entry.deviceClass = deviceClass;
    registries.entities.set(id, entry);
  }
  return { registries, problems };
}

/** What the app shows and acts on for one Home Assistant entity (the connector's HomeEntity). */
export interface HaEntityView {
  id: string;
  name: string;
  domain: string;
  area?: string;
  deviceName?: string;
  deviceClass?: string;
  unit?: string;
  state: EntityState;
  available: boolean;
  sensitive: boolean;
}

/** What secures or opens the home asks before acting; every cover counts, as with MQTT. */
const SENSITIVE_DOMAINS = new Set(['lock', 'alarm_control_panel', 'cover']);

export function entityView(state: HaState, registries: HaRegistries): HaEntityView {
  const entry = registries.entities.get(state.entityId);
  const device = entry?.deviceId === undefined ? undefined : registries.devices.get(entry.deviceId);
  const areaId = entry?.areaId ?? device?.areaId;
  const area = areaId === undefined ? undefined : registries.areas.get(areaId);
  const domain = domainOf(state.entityId);
  const view: HaEntityView = {
    id: state.entityId,
    name: text(state.attributes.friendly_name) ?? entry?.name ?? readableObjectId(state.entityId),
    domain,
    state: toEntityState(state),
    available: isAvailable(state),
    sensitive: SENSITIVE_DOMAINS.has(domain),
  };
  if (area !== undefined) view.area = area;
  if (device?.name !== undefined) view.deviceName = device.name;
  const deviceClass = text(state.attributes.device_class) ?? entry?.deviceClass;
  if (deviceClass !== undefined) view.deviceClass = deviceClass;
  const unit = text(state.attributes.unit_of_measurement);
  if (unit !== undefined) view.unit = unit;
  return view;
}

/** light.kitchen_ceiling → "Kitchen ceiling", the way Home Assistant names an entity it knows nothing about. */
function readableObjectId(entityId: string): string {
  const words = entityId.slice(entityId.indexOf('.') + 1).replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
