import { describe, expect, it } from 'vitest';
import { hasSubscribeEntities, HaStates, readHaState, toEntityState, type HaState } from '../../../src/core/devices/ha-state';

const ha = (entityId: string, state: string, attributes: Record<string, unknown> = {}): HaState => ({
  entityId,
  state,
  attributes,
});

describe('toEntityState', () => {
  it('reads lights, with Home Assistant’s 0–255 brightness as a percentage', () => {
    expect(toEntityState(ha('light.a', 'on', { brightness: 255 }))).toEqual({ on: true, brightness: 100 });
    expect(toEntityState(ha('light.a', 'on', { brightness: 102 }))).toEqual({ on: true, brightness: 40 });
    expect(toEntityState(ha('light.a', 'off', { brightness: null }))).toEqual({ on: false, brightness: 0 });
    expect(toEntityState(ha('light.a', 'on'))).toEqual({ on: true });
    expect(toEntityState(ha('light.a', 'unknown'))).toEqual({ on: undefined });
    expect(toEntityState(ha('light.a', 'on', { brightness: '200' }))).toEqual({ on: true });
  });

  it('reads switches, fans, covers, locks, climate, alarms and sensors', () => {
    expect(toEntityState(ha('switch.a', 'off'))).toEqual({ on: false });
    expect(toEntityState(ha('binary_sensor.door', 'on'))).toEqual({ on: true });
    expect(toEntityState(ha('fan.a', 'on', { percentage: 33 }))).toEqual({ on: true, percentage: 33 });
    expect(toEntityState(ha('cover.a', 'opening', { current_position: 40 }))).toEqual({ cover: 'opening', position: 40 });
    expect(toEntityState(ha('cover.a', 'unknown'))).toEqual({ cover: undefined });
    expect(toEntityState(ha('lock.a', 'jammed'))).toEqual({ lock: 'jammed' });
    expect(toEntityState(ha('climate.a', 'cool', { temperature: 21, current_temperature: 23.4 }))).toEqual({
      mode: 'cool',
      targetTemperature: 21,
      currentTemperature: 23.4,
    });
    expect(toEntityState(ha('alarm_control_panel.a', 'armed_away'))).toEqual({ alarm: 'armed_away' });
    expect(toEntityState(ha('sensor.t', '-3.5'))).toEqual({ value: '-3.5', numeric: -3.5 });
    expect(toEntityState(ha('sensor.t', 'rainy'))).toEqual({ value: 'rainy' });
    expect(toEntityState(ha('sensor.t', 'unavailable'))).toEqual({});
  });
});

describe('readHaState', () => {
  it('accepts the documented shape and names what is missing', () => {
    expect(readHaState({ entity_id: 'light.a', state: 'on', attributes: { x: 1 }, context: {} })).toEqual({
      ok: true,
      state: ha('light.a', 'on', { x: 1 }),
    });
    expect(readHaState({ entity_id: 'light.a', state: 'on' })).toMatchObject({ ok: true, state: { attributes: {} } });
    expect(readHaState('light.a')).toMatchObject({ ok: false, problem: { reason: expect.stringContaining('not an object') } });
    expect(readHaState({ entity_id: 'Light A', state: 'on' })).toMatchObject({ ok: false });
    expect(readHaState({ entity_id: 'light.a', state: 1 })).toMatchObject({ ok: false, problem: { entityId: 'light.a' } });
    expect(readHaState({ entity_id: 'light.a', state: 'on', attributes: [] })).toMatchObject({ ok: false });
  });
});

describe('HaStates', () => {
  it('applies subscribe_entities additions, changes and removals', () => {
    const states = new HaStates();
    const first = states.applyCompressed(
      {
        a: {
          'light.a': { s: 'on', a: { brightness: 10, effect: 'x' }, c: 'ctx', lc: 1700000000.5 },
          'sensor.t': { s: '20', a: {}, c: 'ctx', lc: 1700000000 },
        },
      },
      { replace: true },
    );
    expect(first).toEqual({ changed: ['light.a', 'sensor.t'], removed: [], problems: [] });
    const change = states.applyCompressed({
      c: { 'light.a': { '+': { s: 'off', a: { brightness: null }, lc: 1700000001 }, '-': { a: ['effect'] } } },
    });
    expect(change.changed).toEqual(['light.a']);
    expect(states.get('light.a')).toEqual(ha('light.a', 'off', { brightness: null }));
    expect(states.applyCompressed({ r: ['sensor.t', 'sensor.never'] })).toEqual({
      changed: [],
      removed: ['sensor.t'],
      problems: [],
    });
  });

  it('with replace, drops what the full first message does not hold', () => {
    const states = new HaStates();
    states.replaceAll([
      { entity_id: 'light.a', state: 'on' },
      { entity_id: 'light.b', state: 'on' },
    ]);
    const resync = states.applyCompressed({ a: { 'light.a': { s: 'off', a: {} } } }, { replace: true });
    expect(resync).toMatchObject({ changed: ['light.a'], removed: ['light.b'] });
  });

  it('skips malformed parts with a reason and keeps the well-formed ones', () => {
    const states = new HaStates();
    states.applyCompressed({ a: { 'switch.a': { s: 'on', a: {} } } });
    const change = states.applyCompressed({
      a: { 'light.ok': { s: 'on' }, 'light.bad': { s: 5 }, 'not an id': { s: 'on' }, 'light.worse': 'on' },
      c: { 'switch.a': { '+': { a: [] } }, 'switch.ghost': { '+': { s: 'off' } }, 'switch.b': 7 },
      r: 'switch.a',
    });
    expect(change.changed).toEqual(['light.ok']);
    expect(change.problems.map((problem) => problem.reason)).toEqual([
      'state is not text: 5',
      'not an entity id: "not an id"',
      'its state is not an object: "on"',
      'attributes are not an object: []',
      'a change came for an entity never announced',
      'a change came for an entity never announced',
      'entity removals are not a list: "switch.a"',
    ]);
    expect(states.get('switch.a')?.state).toBe('on');
    expect(states.applyCompressed(null).problems).toHaveLength(1);
    expect(states.replaceAll({}).problems).toHaveLength(1);
  });

  it('follows state_changed events, new_state null removing the entity', () => {
    const states = new HaStates();
    states.replaceAll([{ entity_id: 'lock.door', state: 'locked', attributes: {} }, 'junk']);
    expect(
      states.applyStateChanged({ entity_id: 'lock.door', new_state: { entity_id: 'lock.door', state: 'unlocked' } }),
    ).toEqual({
      changed: ['lock.door'],
      removed: [],
      problems: [],
    });
    expect(states.get('lock.door')?.state).toBe('unlocked');
    expect(states.applyStateChanged({ entity_id: 'lock.door', new_state: null }).removed).toEqual(['lock.door']);
    expect(states.applyStateChanged({ new_state: { state: 'on' } }).problems).toHaveLength(1);
    expect(states.applyStateChanged(undefined).problems).toHaveLength(1);
  });
});

describe('hasSubscribeEntities', () => {
  it('is there from 2022.4', () => {
    expect(hasSubscribeEntities('2022.4.0')).toBe(true);
    expect(hasSubscribeEntities('2025.11.2')).toBe(true);
    expect(hasSubscribeEntities('2022.3.8')).toBe(false);
    expect(hasSubscribeEntities('2021.12.5')).toBe(false);
  });
});
