import { describe, expect, it } from 'vitest';
import { entityView, emptyRegistries, readRegistries } from '../../../src/core/devices/ha-registry';

const lists = readRegistries(
  [{ area_id: 'kitchen', name: 'Kitchen' }, { area_id: 'den', name: 'Den' }, { area_id: 'x' }, 'junk'],
  [
    { id: 'd1', name: 'Hue bridge lamp', name_by_user: 'Big lamp', area_id: 'kitchen' },
    { id: 'd2', name: 'Plug', area_id: null },
    { name: 'No id' },
  ],
  [
    { entity_id: 'light.big', device_id: 'd1', area_id: null },
    { entity_id: 'light.moved', device_id: 'd1', area_id: 'den' },
    { entity_id: 'switch.plug', device_id: 'd2', name: 'Kettle', original_device_class: 'outlet' },
    { device_id: 'd2' },
  ],
);

describe('readRegistries', () => {
  it('keeps the entries with ids and names the ones without', () => {
    expect([...lists.registries.areas]).toEqual([
      ['kitchen', 'Kitchen'],
      ['den', 'Den'],
    ]);
    expect(lists.registries.devices.get('d1')).toEqual({ name: 'Big lamp', areaId: 'kitchen' });
    expect(lists.registries.entities.size).toBe(3);
    expect(lists.problems.map((problem) => problem.reason)).toEqual([
      'area entry 3 is not an object',
      'an area has no area_id or no name',
      'a device has no id',
      'an entity registry entry has no entity_id',
    ]);
    expect(readRegistries(undefined, null, {}).problems).toHaveLength(3);
  });
});

describe('entityView', () => {
  it('places an entity in its own area, else its device’s', () => {
    const big = entityView(
      { entityId: 'light.big', state: 'on', attributes: { friendly_name: 'Big lamp', brightness: 255 } },
      lists.registries,
    );
    expect(big).toEqual({
      id: 'light.big',
      name: 'Big lamp',
      domain: 'light',
      area: 'Kitchen',
      deviceName: 'Big lamp',
      state: { on: true, brightness: 100 },
      available: true,
      sensitive: false,
    });
    expect(entityView({ entityId: 'light.moved', state: 'off', attributes: {} }, lists.registries).area).toBe('Den');
    expect(entityView({ entityId: 'switch.plug', state: 'on', attributes: {} }, lists.registries)).toMatchObject({
      name: 'Kettle',
      deviceClass: 'outlet',
    });
    expect(entityView({ entityId: 'switch.plug', state: 'on', attributes: {} }, lists.registries).area).toBeUndefined();
  });

  it('names an unknown entity from its id, marks what secures the home, and reads unavailable', () => {
    const view = entityView(
      { entityId: 'lock.back_door', state: 'unavailable', attributes: { unit_of_measurement: 5 } },
      emptyRegistries(),
    );
    expect(view).toMatchObject({ name: 'Back door', sensitive: true, available: false });
    expect(view.unit).toBeUndefined();
    expect(entityView({ entityId: 'cover.blind', state: 'open', attributes: {} }, emptyRegistries()).sensitive).toBe(true);
    expect(
      entityView({ entityId: 'alarm_control_panel.home', state: 'disarmed', attributes: {} }, emptyRegistries()).sensitive,
    ).toBe(true);
  });
});
