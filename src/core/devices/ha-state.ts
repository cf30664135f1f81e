// Home Assistant's entity states as the WebSocket API sends them (get_states, state_changed events,
// and subscribe_entities' compressed additions, changes and removals), checked field by field and
// read into the app's EntityState. A state that does not have the documented shape is skipped with a
// reason; the others in the same message still count.
import type { CoverState, EntityState, LockState } from './entity-state';

export interface HaState {
  entityId: string;
  state: string;
  attributes: Record<string, unknown>;
}

export interface HaProblem {
  entityId?: string;
  reason: string;
}

export interface HaStatesChange {
  changed: string[];
  removed: string[];
  problems: HaProblem[];
}

const ENTITY_ID = /^[a-z0-9_]+\.[a-z0-9_]+$/;

export const domainOf = (entityId: string): string => entityId.slice(0, entityId.indexOf('.'));

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const quoted = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
};

/** A full state object (get_states, state_changed's new_state). */
export function readHaState(raw: unknown): { ok: true; state: HaState } | { ok: false; problem: HaProblem } {
  if (!isRecord(raw)) return { ok: false, problem: { reason: `a state is not an object: ${quoted(raw)}` } };
  const entityId = raw.entity_id;
  if (typeof entityId !== 'string' || !ENTITY_ID.test(entityId)) {
    return { ok: false, problem: { reason: `a state has no valid entity_id: ${quoted(entityId)}` } };
  }
  return readParts(entityId, raw.state, raw.attributes);
}

function readParts(
  entityId: string,
  state: unknown,
  attributes: unknown,
): { ok: true; state: HaState } | { ok: false; problem: HaProblem } {
  if (typeof state !== 'string') return { ok: false, problem: { entityId, reason: `state is not text: ${quoted(state)}` } };
  if (attributes !== undefined && !isRecord(attributes)) {
    return { ok: false, problem: { entityId, reason: `attributes are not an object: ${quoted(attributes)}` } };
  }
  return { ok: true, state: { entityId, state, attributes: attributes ?? {} } };
}

/** The live states of one connection, fed by whichever way the server sends them. */
export class HaStates {
  private readonly byId = new Map<string, HaState>();

  get(entityId: string): HaState | undefined {
    return this.byId.get(entityId);
  }

  all(): IterableIterator<HaState> {
    return this.byId.values();
  }

  get size(): number {
    return this.byId.size;
  }

  clear(): string[] {
    const removed = [...this.byId.keys()];
    this.byId.clear();
    return removed;
  }

  /** get_states' answer: the whole set, so anything not in it is gone. */
  replaceAll(raw: unknown): HaStatesChange {
    const change: HaStatesChange = { changed: [], removed: [], problems: [] };
    if (!Array.isArray(raw)) {
      change.problems.push({ reason: `the list of states is not a list: ${quoted(raw)}` });
      return change;
    }
    const seen = new Set<string>();
    for (const item of raw) {
      const read = readHaState(item);
      if (!read.ok) {
        change.problems.push(read.problem);
        continue;
      }
      seen.add(read.state.entityId);
      this.byId.set(read.state.entityId, read.state);
      change.changed.push(read.state.entityId);
    }
    for (const id of [...this.byId.keys()]) {
      if (!seen.has(id)) {
        this.byId.delete(id);
        change.removed.push(id);
      }
    }
    return change;
  }

  /** A state_changed event's data: new_state null means the entity was removed. */
  applyStateChanged(data: unknown): HaStatesChange {
    const change: HaStatesChange = { changed: [], removed: [], problems: [] };
    if (!isRecord(data)) {
      change.problems.push({ reason: `a state_changed event has no data: ${quoted(data)}` });
      return change;
    }
    if (data.new_state === null) {
      const entityId = data.entity_id;
      if (typeof entityId === 'string' && this.byId.delete(entityId)) change.removed.push(entityId);
      return change;
    }
    const read = readHaState(data.new_state);
    if (!read.ok) {
      change.problems.push(read.problem);
      return change;
    }
    this.byId.set(read.state.entityId, read.state);
    change.changed.push(read.state.entityId);
    return change;
  }

  /** One subscribe_entities event: `a` adds whole states, `c` changes some fields (`+` sets, `-`
   *  drops attributes), `r` removes. The first event after subscribing holds every entity, so with
   *  `replace` whatever it does not mention is gone (an entity removed while the link was down). */
  applyCompressed(event: unknown, { replace = false } = {}): HaStatesChange {
    const change: HaStatesChange = { changed: [], removed: [], problems: [] };
    if (!isRecord(event)) {
      change.problems.push({ reason: `an entities event is not an object: ${quoted(event)}` });
      return change;
    }
    const seen = new Set<string>();
    if (event.a !== undefined) {
      if (!isRecord(event.a)) change.problems.push({ reason: `entity additions are not an object: ${quoted(event.a)}` });
      else {
        for (const [entityId, compressed] of Object.entries(event.a)) {
          if (!ENTITY_ID.test(entityId)) {
            change.problems.push({ reason: `not an entity id: ${quoted(entityId)}` });
            continue;
          }
          if (!isRecord(compressed)) {
            change.problems.push({ entityId, reason: `its state is not an object: ${quoted(compressed)}` });
            continue;
          }
          const read = readParts(entityId, compressed.s, compressed.a);
          if (!read.ok) {
            change.problems.push(read.problem);
            continue;
          }
          seen.add(entityId);
          this.byId.set(entityId, read.state);
          change.changed.push(entityId);
        }
      }
    }
    if (event.c !== undefined) {
      if (!isRecord(event.c)) change.problems.push({ reason: `entity changes are not an object: ${quoted(event.c)}` });
      else {
        for (const [entityId, diff] of Object.entries(event.c)) {
          const problem = this.applyDiff(entityId, diff);
          if (problem) change.problems.push(problem);
          else {
            seen.add(entityId);
            change.changed.push(entityId);
          }
        }
      }
    }
    if (event.r !== undefined) {
      if (!Array.isArray(event.r)) change.problems.push({ reason: `entity removals are not a list: ${quoted(event.r)}` });
      else {
        for (const entityId of event.r) {
          if (typeof entityId === 'string' && this.byId.delete(entityId)) change.removed.push(entityId);
        }
      }
    }
    if (replace) {
      for (const id of [...this.byId.keys()]) {
        if (!seen.has(id)) {
          this.byId.delete(id);
          change.removed.push(id);
        }
      }
    }
    return change;
  }

  private applyDiff(entityId: string, diff: unknown): HaProblem | undefined {
    const current = this.byId.get(entityId);
    if (!current) return { entityId, reason: 'a change came for an entity never announced' };
    if (!isRecord(diff)) return { entityId, reason: `its change is not an object: ${quoted(diff)}` };
    const add = diff['+'];
    const drop = diff['-'];
    if (add !== undefined && !isRecord(add)) return { entityId, reason: `its "+" change is not an object: ${quoted(add)}` };
    if (drop !== undefined && !isRecord(drop)) return { entityId, reason: `its "-" change is not an object: ${quoted(drop)}` };
    if (add?.s !== undefined && typeof add.s !== 'string') return { entityId, reason: `state is not text: ${quoted(add.s)}` };
    if (add?.a !== undefined && !isRecord(add.a)) return { entityId, reason: `attributes are not an object: ${quoted(add.a)}` };
    if (drop?.a !== undefined && !(Array.isArray(drop.a) && drop.a.every((key) => typeof key === 'string'))) {
      return { entityId, reason: `removed attributes are not a list of names: ${quoted(drop.a)}` };
    }
    const attributes = { ...current.attributes, ...((add?.a as Record<string, unknown> | undefined) ?? {}) };
    for (const key of (drop?.a as string[] | undefined) ?? []) delete attributes[key];
    this.byId.set(entityId, { entityId, state: (add?.s as string | undefined) ?? current.state, attributes });
    return undefined;
  }
}

const number = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

function toNumber(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const parsed = Number(text);
  return Number.isFinite(parsed) ? parsed : undefined;
}

const onOff = (state: string): boolean | undefined => (state === 'on' ? true : state === 'off' ? false : undefined);

const COVER_STATES: readonly CoverState[] = ['open', 'closed', 'opening', 'closing', 'stopped'];
const LOCK_STATES: readonly LockState[] = ['locked', 'unlocked', 'locking', 'unlocking', 'jammed', 'open'];

/** unavailable means the device is gone; unknown means it is there but has not said. */
export const isAvailable = (state: HaState): boolean => state.state !== 'unavailable';

/** The state in the app's terms. Attributes of the wrong type are left out rather than guessed. */
export function toEntityState(ha: HaState): EntityState {
  const { state, attributes } = ha;
  switch (domainOf(ha.entityId)) {
    case 'light': {
      const result: EntityState = { on: onOff(state) };
      const brightness = number(attributes.brightness);
      // Home Assistant's brightness is 0–255; off lights report none.
      if (brightness !== undefined)
        result.brightness = Math.round(Math.min(100, Math.max(0, (brightness / 255) * 100)) * 10) / 10;
      else if (result.on === false) result.brightness = 0;
      return result;
    }
    case 'switch':
    case 'input_boolean':
    case 'binary_sensor':
    case 'automation':
      return { on: onOff(state) };
    case 'fan': {
      const result: EntityState = { on: onOff(state) };
      const percentage = number(attributes.percentage);
      if (percentage !== undefined) result.percentage = percentage;
      return result;
    }
    case 'cover': {
      const result: EntityState = {
        cover: (COVER_STATES as readonly string[]).includes(state) ? (state as CoverState) : undefined,
      };
      const position = number(attributes.current_position);
      if (position !== undefined) result.position = position;
      return result;
    }
    case 'lock':
      return { lock: (LOCK_STATES as readonly string[]).includes(state) ? (state as LockState) : undefined };
    case 'climate': {
      const result: EntityState = {};
      if (state !== 'unknown' && state !== 'unavailable') result.mode = state;
      const target = number(attributes.temperature);
      const current = number(attributes.current_temperature);
      if (target !== undefined) result.targetTemperature = target;
      if (current !== undefined) result.currentTemperature = current;
      return result;
    }
    case 'alarm_control_panel':
      return state === 'unknown' || state === 'unavailable' ? {} : { alarm: state };
    default: {
      if (state === 'unknown' || state === 'unavailable') return {};
      const numeric = toNumber(state);
      return numeric === undefined ? { value: state } : { value: state, numeric };
    }
  }
}

/** subscribe_entities exists from Home Assistant 2022.4; older servers get get_states + state_changed. */
export function hasSubscribeEntities(haVersion: string): boolean {
  const [year, month] = haVersion.split('.').map(Number);
  if (year === undefined || month === undefined || !Number.isFinite(year) || !Number.isFinite(month)) return true;
  return year > 2022 || (year === 2022 && month >= 4);
}
