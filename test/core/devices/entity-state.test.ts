import { describe, expect, it } from 'vitest';
import { expandConfig } from '../../../src/core/devices/abbreviations';
import { readEntityConfig, type Component, type EntityConfig } from '../../../src/core/devices/entity-config';
import { parseStatePayload, readAvailabilityPayload, stateTopics } from '../../../src/core/devices/entity-state';

function entity(component: Component, raw: Record<string, unknown>): EntityConfig {
  const result = readEntityConfig(component, `${component}/x`, `homeassistant/${component}/x/config`, expandConfig(raw));
  if (!result.ok) throw new Error(result.reason);
  return result.entity;
}

describe('parseStatePayload', () => {
  it('reads a light: on/off by its payloads, brightness on its own scale as a percentage', () => {
    const light = entity('light', {
      cmd_t: 'l/set',
      stat_t: 'l',
      pl_on: 'an',
      pl_off: 'aus',
      bri_cmd_t: 'l/b/set',
      bri_stat_t: 'l/b',
      bri_scl: 100,
    });
    expect(stateTopics(light)).toEqual([
      { topic: 'l', role: 'state' },
      { topic: 'l/b', role: 'brightness' },
    ]);
    expect(parseStatePayload(light, 'state', 'an')).toEqual({ ok: true, patch: { on: true } });
    expect(parseStatePayload(light, 'state', 'aus')).toEqual({ ok: true, patch: { on: false } });
    expect(parseStatePayload(light, 'state', 'ON')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('neither "an" nor "aus"'),
    });
    expect(parseStatePayload(light, 'brightness', '40')).toEqual({ ok: true, patch: { brightness: 40 } });
    expect(parseStatePayload(light, 'brightness', 'bright')).toMatchObject({ ok: false });
  });

  it('reads a JSON light state', () => {
    const light = entity('light', { schema: 'json', cmd_t: 'l/set', stat_t: 'l', brightness: true });
    expect(parseStatePayload(light, 'state', '{"state":"ON","brightness":255}')).toEqual({
      ok: true,
      patch: { on: true, brightness: 100 },
    });
    expect(parseStatePayload(light, 'state', '{"state":"OFF"}')).toEqual({ ok: true, patch: { on: false } });
    expect(parseStatePayload(light, 'state', '{"state":"MAYBE"}')).toMatchObject({ ok: false });
    expect(parseStatePayload(light, 'state', '{"state":"ON","brightness":"full"}')).toMatchObject({ ok: false });
    expect(parseStatePayload(light, 'state', 'ON')).toMatchObject({ ok: false, reason: expect.stringContaining('not JSON') });
  });

  it('reads a switch through its value template, and state_on/off', () => {
    const plug = entity('switch', {
      cmd_t: 's/set',
      stat_t: 's',
      val_tpl: '{{ value_json.power }}',
      stat_on: 'on',
      stat_off: 'off',
    });
    expect(parseStatePayload(plug, 'state', '{"power":"on","watts":3}')).toEqual({ ok: true, patch: { on: true } });
    expect(parseStatePayload(plug, 'state', '{"watts":3}')).toMatchObject({ ok: false, reason: 'payload has no power' });
  });

  it('reads an unknown state as unknown, not as an error', () => {
    const plug = entity('switch', { cmd_t: 's/set', stat_t: 's' });
    expect(parseStatePayload(plug, 'state', 'None')).toEqual({ ok: true, patch: { on: undefined } });
  });

  it('says why a state behind an unsupported template is unknown', () => {
    const sensor = entity('sensor', { stat_t: 's', val_tpl: '{{ value_json.t * 2 }}' });
    expect(parseStatePayload(sensor, 'state', '{"t":1}')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not supported'),
    });
  });

  it('reads sensors and binary sensors', () => {
    const sensor = entity('sensor', { stat_t: 's', val_tpl: '{{ value_json.temperature | round(1) }}', unit_of_meas: '°C' });
    expect(parseStatePayload(sensor, 'state', '{"temperature":21.46}')).toEqual({
      ok: true,
      patch: { value: '21.5', numeric: 21.5 },
    });
    const text = entity('sensor', { stat_t: 's' });
    expect(parseStatePayload(text, 'state', 'idle')).toEqual({ ok: true, patch: { value: 'idle', numeric: undefined } });
    const door = entity('binary_sensor', { stat_t: 'd', pl_on: 'open', pl_off: 'shut' });
    expect(parseStatePayload(door, 'state', 'open')).toEqual({ ok: true, patch: { on: true } });
  });

  it('reads covers: named states and positions in their own range', () => {
    const cover = entity('cover', {
      cmd_t: 'c/set',
      stat_t: 'c',
      pos_t: 'c/pos',
      pos_open: 255,
      pos_clsd: 0,
      stat_open: 'OPENED',
    });
    expect(parseStatePayload(cover, 'state', 'OPENED')).toEqual({ ok: true, patch: { cover: 'open' } });
    expect(parseStatePayload(cover, 'state', 'closing')).toEqual({ ok: true, patch: { cover: 'closing' } });
    expect(parseStatePayload(cover, 'state', 'open')).toMatchObject({ ok: false });
    expect(parseStatePayload(cover, 'position', '51')).toEqual({ ok: true, patch: { position: 20 } });
    const positionOnly = entity('cover', { cmd_t: 'c/set', pos_t: 'c/pos' });
    expect(parseStatePayload(positionOnly, 'position', '0')).toEqual({ ok: true, patch: { position: 0, cover: 'closed' } });
  });

  it('reads climate mode and temperatures', () => {
    const climate = entity('climate', {
      mode_stat_t: 'm',
      temp_stat_t: 't',
      curr_temp_t: 'c',
      curr_temp_tpl: '{{ value_json.temp }}',
      modes: ['off', 'heat'],
    });
    expect(parseStatePayload(climate, 'mode', 'heat')).toEqual({ ok: true, patch: { mode: 'heat' } });
    expect(parseStatePayload(climate, 'mode', 'cool')).toMatchObject({ ok: false });
    expect(parseStatePayload(climate, 'target_temperature', '21.5')).toEqual({ ok: true, patch: { targetTemperature: 21.5 } });
    expect(parseStatePayload(climate, 'current_temperature', '{"temp":19}')).toEqual({
      ok: true,
      patch: { currentTemperature: 19 },
    });
  });

  it('reads fans and locks', () => {
    const fan = entity('fan', { cmd_t: 'f/set', stat_t: 'f', pct_stat_t: 'f/p', spd_rng_min: 1, spd_rng_max: 4 });
    expect(parseStatePayload(fan, 'percentage', '2')).toEqual({ ok: true, patch: { percentage: 50 } });
    expect(parseStatePayload(fan, 'percentage', '0')).toEqual({ ok: true, patch: { percentage: 0 } });
    const lock = entity('lock', { cmd_t: 'k/set', stat_t: 'k', stat_locked: 'closed' });
    expect(parseStatePayload(lock, 'state', 'closed')).toEqual({ ok: true, patch: { lock: 'locked' } });
    expect(parseStatePayload(lock, 'state', 'JAMMED')).toEqual({ ok: true, patch: { lock: 'jammed' } });
    expect(parseStatePayload(lock, 'state', 'LOCKED')).toMatchObject({ ok: false });
  });
});

describe('readAvailabilityPayload', () => {
  it('compares with the declared payloads, through a template', () => {
    const entry = { payloadAvailable: 'online', payloadNotAvailable: 'offline' };
    expect(readAvailabilityPayload(entry, 'online')).toBe(true);
    expect(readAvailabilityPayload(entry, 'offline')).toBe(false);
    expect(readAvailabilityPayload(entry, 'dunno')).toMatchObject({ reason: expect.any(String) });
    const templated = entity('switch', { cmd_t: 'a', avty: [{ t: 'b', val_tpl: '{{ value_json.state }}' }] }).availability
      .topics[0]!;
    expect(readAvailabilityPayload(templated, '{"state":"online"}')).toBe(true);
  });
});
