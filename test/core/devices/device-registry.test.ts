import { describe, expect, it } from 'vitest';
import { DeviceRegistry } from '../../../src/core/devices/device-registry';

const utf8 = (text: string) => new TextEncoder().encode(text);
const json = (value: unknown) => utf8(JSON.stringify(value));

function kitchenLight(registry: DeviceRegistry) {
  return registry.handle(
    'homeassistant/light/kitchen/ceiling/config',
    json({
      '~': 'home/kitchen/ceiling',
      name: 'Ceiling',
      uniq_id: 'kitchen-ceiling',
      cmd_t: '~/set',
      stat_t: '~/state',
      bri_cmd_t: '~/brightness/set',
      bri_stat_t: '~/brightness',
      avty_t: '~/status',
      dev: { ids: ['kc-1'], name: 'Kitchen ceiling', sa: 'Kitchen' },
    }),
  );
}

describe('DeviceRegistry', () => {
  it('discovers an entity, subscribes to its topics and follows its state and availability', () => {
    const registry = new DeviceRegistry();
    const change = kitchenLight(registry);
    expect(change.changed).toEqual(['kitchen-ceiling']);
    expect(change.subscribe.sort()).toEqual([
      'home/kitchen/ceiling/brightness',
      'home/kitchen/ceiling/state',
      'home/kitchen/ceiling/status',
    ]);
    expect(change.log).toEqual([expect.objectContaining({ level: 'info', code: 'discovered', entityId: 'kitchen-ceiling' })]);
    expect(registry.entity('kitchen-ceiling')).toMatchObject({ available: false, state: {} });

    registry.handle('home/kitchen/ceiling/status', utf8('online'));
    registry.handle('home/kitchen/ceiling/state', utf8('ON'));
    const brightness = registry.handle('home/kitchen/ceiling/brightness', utf8('128'));
    expect(brightness.changed).toEqual(['kitchen-ceiling']);
    expect(registry.entity('kitchen-ceiling')).toMatchObject({ available: true, state: { on: true, brightness: 50.2 } });
    registry.handle('home/kitchen/ceiling/status', utf8('offline'));
    expect(registry.entity('kitchen-ceiling')?.available).toBe(false);
    expect(registry.subscriptions()).toEqual(expect.arrayContaining(['homeassistant/+/+/config', 'home/kitchen/ceiling/state']));
  });

  it('plans commands from the discovered config', () => {
    const registry = new DeviceRegistry();
    kitchenLight(registry);
    expect(registry.plan('kitchen-ceiling', { kind: 'set_brightness', percent: 100 })).toEqual({
      ok: true,
      publishes: [
        { topic: 'home/kitchen/ceiling/brightness/set', payload: '255', qos: 0, retain: false },
        { topic: 'home/kitchen/ceiling/set', payload: 'ON', qos: 0, retain: false },
      ],
    });
    expect(registry.plan('nope', { kind: 'turn_on' })).toEqual({ ok: false, reason: 'no device "nope"' });
  });

  it('removes an entity on an empty config, and unsubscribes what nothing else needs', () => {
    const registry = new DeviceRegistry();
    kitchenLight(registry);
    const change = registry.handle('homeassistant/light/kitchen/ceiling/config', new Uint8Array());
    expect(change.removed).toEqual(['kitchen-ceiling']);
    expect(change.unsubscribe).toHaveLength(3);
    expect(change.log[0]).toMatchObject({ code: 'removed' });
    expect(registry.size).toBe(0);
    // Removing what is not there is nothing, not an error.
    expect(registry.handle('homeassistant/light/kitchen/ceiling/config', new Uint8Array()).log).toEqual([]);
  });

  it('keeps state when the same config arrives again (a reconnect), and updates on a changed one', () => {
    const registry = new DeviceRegistry();
    kitchenLight(registry);
    registry.handle('home/kitchen/ceiling/state', utf8('ON'));
    registry.handle('home/kitchen/ceiling/status', utf8('online'));
    const again = kitchenLight(registry);
    expect(again).toEqual({ changed: [], removed: [], log: [], subscribe: [], unsubscribe: [] });
    const changed = registry.handle(
      'homeassistant/light/kitchen/ceiling/config',
      json({
        name: 'Ceiling',
        uniq_id: 'kitchen-ceiling',
        cmd_t: 'home/kitchen/ceiling/set',
        stat_t: 'home/kitchen/ceiling/state',
      }),
    );
    expect(changed.log[0]).toMatchObject({ code: 'updated' });
    expect(changed.subscribe).toEqual([]);
    expect(changed.unsubscribe.sort()).toEqual(['home/kitchen/ceiling/brightness', 'home/kitchen/ceiling/status']);
    expect(registry.entity('kitchen-ceiling')).toMatchObject({ available: true, state: { on: true } });
  });

  it('logs every bad message with its reason and never throws, while the others keep working', () => {
    const registry = new DeviceRegistry();
    kitchenLight(registry);
    const bad: [string, Uint8Array, string][] = [
      ['homeassistant/light/a/config', utf8('{"cmd_t": "x",'), 'malformed-json'],
      ['homeassistant/light/b/config', utf8('[1,2]'), 'not-an-object'],
      ['homeassistant/vacuum/c/config', json({ cmd_t: 'v' }), 'unknown-component'],
      ['homeassistant/switch/d/config', json({ cmd_t: 5 }), 'wrong-type'],
      ['homeassistant/switch/e/config', json({ name: 'no topic' }), 'missing-field'],
      ['homeassistant/switch/f/config', new Uint8Array(70 * 1024).fill(0x20), 'oversized'],
      ['homeassistant/switch/g/config', new Uint8Array([0x7b, 0xff, 0x7d]), 'not-utf8'],
      ['homeassistant/light/h/config', json({ uniq_id: 'kitchen-ceiling', cmd_t: 'other/set' }), 'duplicate-unique-id'],
      ['homeassistant/light/i/config', json({ schema: 'template', cmd_t: 'x' }), 'unsupported-schema'],
      ['home/kitchen/ceiling/state', utf8('BRIGHT'), 'bad-state'],
      ['home/kitchen/ceiling/status', utf8('maybe'), 'bad-availability'],
      ['home/kitchen/ceiling/state', new Uint8Array(20 * 1024), 'oversized'],
    ];
    for (const [topic, payload, code] of bad) {
      const change = registry.handle(topic, payload);
      expect(change.log, topic).toEqual([expect.objectContaining({ level: 'warn', code, topic, reason: expect.any(String) })]);
      expect(change.changed).toEqual([]);
    }
    expect(registry.size).toBe(1);
    registry.handle('home/kitchen/ceiling/state', utf8('ON'));
    expect(registry.entity('kitchen-ceiling')?.state.on).toBe(true);
    expect(registry.entity('kitchen-ceiling')?.config).toMatchObject({ commandTopic: 'home/kitchen/ceiling/set' });
  });

  it('ignores messages on topics it does not follow', () => {
    const registry = new DeviceRegistry();
    expect(registry.handle('somewhere/else', utf8('x')).log).toEqual([]);
  });

  it('follows availability in all and any modes', () => {
    const registry = new DeviceRegistry();
    const config = (mode: string) =>
      json({ uniq_id: mode, cmd_t: `${mode}/set`, avty_mode: mode, avty: [{ t: 'bridge' }, { t: `${mode}/avail` }] });
    registry.handle('homeassistant/switch/all/config', config('all'));
    registry.handle('homeassistant/switch/any/config', config('any'));
    registry.handle('bridge', utf8('online'));
    expect(registry.entity('all')?.available).toBe(false);
    expect(registry.entity('any')?.available).toBe(true);
    registry.handle('all/avail', utf8('online'));
    expect(registry.entity('all')?.available).toBe(true);
  });

  it('groups entities into devices, devices by area: suggested, chosen, or from the name', () => {
    const registry = new DeviceRegistry();
    kitchenLight(registry);
    registry.handle(
      'homeassistant/sensor/kc/temp/config',
      json({ uniq_id: 'kc-temp', name: 'Temperature', stat_t: 't', dev: { ids: 'kc-1' } }),
    );
    registry.handle('homeassistant/switch/lamp/config', json({ uniq_id: 'lamp', name: 'Living room lamp', cmd_t: 'lamp/set' }));
    registry.handle('homeassistant/switch/pump/config', json({ uniq_id: 'pump', name: 'Pump', cmd_t: 'pump/set' }));
    registry.handle('homeassistant/switch/den/config', json({ uniq_id: 'den', name: '书房台灯', cmd_t: 'den/set' }));
    expect(registry.devices().find((device) => device.id === 'device:kc-1')).toMatchObject({
      name: 'Kitchen ceiling',
      area: 'Kitchen',
      entityIds: ['kitchen-ceiling', 'kc-temp'],
    });
    const groups = registry.byArea().map((group) => [group.area, group.devices.map((device) => device.name)]);
    expect(groups).toEqual([
      ['Kitchen', ['Kitchen ceiling']],
      ['Living room', ['Living room lamp']],
      ['书房', ['书房台灯']],
      [undefined, ['Pump']],
    ]);
    registry.setArea('entity:pump', 'Garden');
    expect(registry.byArea().find((group) => group.area === 'Garden')?.devices[0]?.name).toBe('Pump');
  });

  it('names the sensitive entities: locks, covers, alarms, and what the person marks', () => {
    const registry = new DeviceRegistry();
    kitchenLight(registry);
    registry.handle('homeassistant/lock/front/config', json({ uniq_id: 'front', cmd_t: 'f/set' }));
    registry.handle('homeassistant/cover/garage/config', json({ uniq_id: 'garage', cmd_t: 'g/set', dev_cla: 'garage' }));
    registry.handle('homeassistant/alarm_control_panel/home/config', json({ uniq_id: 'alarm', cmd_t: 'a/set', stat_t: 'a' }));
    expect(registry.sensitiveEntities().map((entity) => entity.config.id)).toEqual(['front', 'garage', 'alarm']);
    expect(registry.sensitivity('garage')).toBe('a garage door');
    expect(registry.sensitivity('kitchen-ceiling')).toBeUndefined();
    registry.setSensitive('kitchen-ceiling', true);
    expect(registry.sensitivity('kitchen-ceiling')).toBe('marked sensitive');
  });

  it('assumes the new state of a device that reports none', () => {
    const registry = new DeviceRegistry();
    registry.handle('homeassistant/switch/fan/config', json({ uniq_id: 'fan', cmd_t: 'fan/set' }));
    expect(registry.assumeSent('fan', { kind: 'turn_on' })).toBe(true);
    expect(registry.entity('fan')?.state).toEqual({ on: true });
    kitchenLight(registry);
    expect(registry.assumeSent('kitchen-ceiling', { kind: 'turn_on' })).toBe(false);
  });
});
