import { describe, expect, it } from 'vitest';
import { expandConfig } from '../../../src/core/devices/abbreviations';
import { planCommand } from '../../../src/core/devices/device-command';
import { readEntityConfig, type Component, type EntityConfig } from '../../../src/core/devices/entity-config';

function entity(component: Component, raw: Record<string, unknown>): EntityConfig {
  const result = readEntityConfig(component, `${component}/x`, `homeassistant/${component}/x/config`, expandConfig(raw));
  if (!result.ok) throw new Error(result.reason);
  return result.entity;
}

const sent = (plan: ReturnType<typeof planCommand>) =>
  plan.ok ? plan.publishes.map(({ topic, payload }) => [topic, payload]) : plan.reason;

describe('planCommand', () => {
  it('sends a light the payloads and brightness scale discovery declares, in on_command_type order', () => {
    const light = entity('light', {
      cmd_t: 'l/set',
      pl_on: 'an',
      pl_off: 'aus',
      bri_cmd_t: 'l/b/set',
      bri_scl: 100,
      qos: 1,
      ret: true,
    });
    expect(planCommand(light, { kind: 'turn_on' })).toEqual({
      ok: true,
      publishes: [{ topic: 'l/set', payload: 'an', qos: 1, retain: true }],
    });
    expect(sent(planCommand(light, { kind: 'turn_off' }))).toEqual([['l/set', 'aus']]);
    expect(sent(planCommand(light, { kind: 'set_brightness', percent: 40 }))).toEqual([
      ['l/b/set', '40'],
      ['l/set', 'an'],
    ]);
    const first = entity('light', { cmd_t: 'l/set', bri_cmd_t: 'l/b/set', on_cmd_type: 'first' });
    expect(sent(planCommand(first, { kind: 'set_brightness', percent: 50 }))).toEqual([
      ['l/set', 'ON'],
      ['l/b/set', '128'],
    ]);
    const brightnessOnly = entity('light', { cmd_t: 'l/set', bri_cmd_t: 'l/b/set', on_cmd_type: 'brightness' });
    expect(sent(planCommand(brightnessOnly, { kind: 'set_brightness', percent: 0.1 }))).toEqual([['l/b/set', '1']]);
  });

  it('sends a JSON light one JSON command', () => {
    const light = entity('light', { schema: 'json', cmd_t: 'l/set', brightness: true });
    expect(sent(planCommand(light, { kind: 'set_brightness', percent: 100 }))).toEqual([
      ['l/set', '{"state":"ON","brightness":255}'],
    ]);
    expect(sent(planCommand(light, { kind: 'turn_off' }))).toEqual([['l/set', '{"state":"OFF"}']]);
  });

  it('refuses what the device did not declare', () => {
    const plain = entity('light', { cmd_t: 'l/set', name: 'Lamp' });
    expect(planCommand(plain, { kind: 'set_brightness', percent: 50 })).toEqual({ ok: false, reason: 'Lamp: is not dimmable' });
    const lock = entity('lock', { cmd_t: 'k/set' });
    expect(planCommand(lock, { kind: 'open' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('does not declare open'),
    });
    expect(planCommand(entity('sensor', { stat_t: 's' }), { kind: 'turn_on' })).toMatchObject({ ok: false });
    expect(planCommand(entity('switch', { cmd_t: 's' }), { kind: 'lock' })).toMatchObject({
      ok: false,
      reason: 'x: a switch cannot lock',
    });
    expect(planCommand(entity('cover', { cmd_t: 'c', pl_stop: null }), { kind: 'stop' })).toMatchObject({ ok: false });
    expect(planCommand(entity('light', { cmd_t: 'l', bri_cmd_t: 'b' }), { kind: 'set_brightness', percent: 150 })).toMatchObject({
      ok: false,
    });
  });

  it('locks, unlocks and opens a lock with its payloads', () => {
    const lock = entity('lock', { cmd_t: 'k/set', pl_lock: 'L', pl_unlk: 'U', pl_open: 'O' });
    expect(sent(planCommand(lock, { kind: 'lock' }))).toEqual([['k/set', 'L']]);
    expect(sent(planCommand(lock, { kind: 'unlock' }))).toEqual([['k/set', 'U']]);
    expect(sent(planCommand(lock, { kind: 'open' }))).toEqual([['k/set', 'O']]);
  });

  it('opens, closes, stops and positions a cover', () => {
    const cover = entity('cover', {
      cmd_t: 'c/set',
      pl_open: 'UP',
      set_pos_t: 'c/pos/set',
      pos_open: 255,
      set_pos_tpl: '{"pos": {{ value }}}',
    });
    expect(sent(planCommand(cover, { kind: 'open' }))).toEqual([['c/set', 'UP']]);
    expect(sent(planCommand(cover, { kind: 'close' }))).toEqual([['c/set', 'CLOSE']]);
    expect(sent(planCommand(cover, { kind: 'stop' }))).toEqual([['c/set', 'STOP']]);
    expect(sent(planCommand(cover, { kind: 'set_position', percent: 20 }))).toEqual([['c/pos/set', '{"pos": 51}']]);
  });

  it('sets a climate temperature in range and step, and its mode', () => {
    const climate = entity('climate', {
      temp_cmd_t: 't/set',
      mode_cmd_t: 'm/set',
      min_temp: 10,
      max_temp: 30,
      temp_step: 0.5,
      modes: ['off', 'heat'],
    });
    expect(sent(planCommand(climate, { kind: 'set_temperature', degrees: 21.3 }))).toEqual([['t/set', '21.5']]);
    expect(planCommand(climate, { kind: 'set_temperature', degrees: 40 })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('outside 10–30'),
    });
    expect(sent(planCommand(climate, { kind: 'set_mode', mode: 'heat' }))).toEqual([['m/set', 'heat']]);
    expect(sent(planCommand(climate, { kind: 'turn_off' }))).toEqual([['m/set', 'off']]);
    expect(planCommand(climate, { kind: 'set_mode', mode: 'cool' })).toMatchObject({ ok: false });
  });

  it('sets a fan speed in its range', () => {
    const fan = entity('fan', { cmd_t: 'f/set', pct_cmd_t: 'f/p/set', spd_rng_min: 1, spd_rng_max: 3 });
    expect(sent(planCommand(fan, { kind: 'set_percentage', percent: 34 }))).toEqual([['f/p/set', '2']]);
    expect(sent(planCommand(fan, { kind: 'set_percentage', percent: 100 }))).toEqual([['f/p/set', '3']]);
    expect(sent(planCommand(fan, { kind: 'turn_on' }))).toEqual([['f/set', 'ON']]);
  });

  it('arms and disarms an alarm panel', () => {
    const alarm = entity('alarm_control_panel', { cmd_t: 'a/set', stat_t: 'a' });
    expect(sent(planCommand(alarm, { kind: 'arm_away' }))).toEqual([['a/set', 'ARM_AWAY']]);
    expect(sent(planCommand(alarm, { kind: 'disarm' }))).toEqual([['a/set', 'DISARM']]);
  });
});
