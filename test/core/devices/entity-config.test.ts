import { describe, expect, it } from 'vitest';
import { expandConfig } from '../../../src/core/devices/abbreviations';
import { readEntityConfig, type Component, type EntityConfig } from '../../../src/core/devices/entity-config';

function read(component: Component, raw: Record<string, unknown>) {
  return readEntityConfig(component, `${component}/x`, `homeassistant/${component}/x/config`, expandConfig(raw));
}

function entity(component: Component, raw: Record<string, unknown>): EntityConfig {
  const result = read(component, raw);
  if (!result.ok) throw new Error(result.reason);
  return result.entity;
}

describe('readEntityConfig', () => {
  it('reads a default-schema light with brightness and Home Assistant defaults', () => {
    const light = entity('light', {
      name: 'Ceiling',
      cmd_t: 'l/set',
      stat_t: 'l/state',
      bri_cmd_t: 'l/bri/set',
      bri_stat_t: 'l/bri',
      uniq_id: 'l1',
    });
    expect(light).toMatchObject({
      component: 'light',
      schema: 'default',
      id: 'l1',
      payloadOn: 'ON',
      payloadOff: 'OFF',
      supportsBrightness: true,
      brightnessScale: 255,
      onCommandType: 'last',
      qos: 0,
      retain: false,
    });
  });

  it('reads a JSON-schema light, old and new ways of saying it dims', () => {
    expect(entity('light', { schema: 'json', cmd_t: 'l/set', brightness: true })).toMatchObject({
      schema: 'json',
      supportsBrightness: true,
    });
    expect(entity('light', { schema: 'json', cmd_t: 'l/set', sup_clrm: ['brightness'] })).toMatchObject({
      supportsBrightness: true,
    });
    expect(entity('light', { schema: 'json', cmd_t: 'l/set', sup_clrm: ['onoff'] })).toMatchObject({ supportsBrightness: false });
  });

  it('refuses the template light schema with a reason', () => {
    expect(read('light', { schema: 'template', cmd_t: 'l/set' })).toMatchObject({ ok: false, code: 'unsupported-schema' });
  });

  it('names the field of the wrong type or missing', () => {
    expect(read('switch', { cmd_t: 42 })).toEqual({
      ok: false,
      code: 'wrong-type',
      reason: 'command_topic must be a topic (text), got number 42',
    });
    expect(read('switch', {})).toEqual({ ok: false, code: 'missing-field', reason: 'command_topic is required' });
    expect(read('sensor', { name: 'x' })).toMatchObject({ ok: false, code: 'missing-field' });
    expect(read('switch', { cmd_t: 'a/#' })).toMatchObject({ ok: false, code: 'bad-value' });
    expect(read('switch', { cmd_t: 'a', dev: 'kitchen' })).toMatchObject({
      ok: false,
      code: 'wrong-type',
      reason: 'device must be an object, got string "kitchen"',
    });
    expect(read('switch', { cmd_t: 'a', qos: 3 })).toMatchObject({ ok: false, code: 'bad-value' });
    expect(read('switch', { cmd_t: 'a', avty: 'x' })).toMatchObject({ ok: false, code: 'wrong-type' });
    expect(read('climate', { min_temp: 'cold' })).toMatchObject({ ok: false, code: 'wrong-type' });
  });

  it('coerces numeric payloads to text as Home Assistant does', () => {
    expect(entity('switch', { cmd_t: 'a', pl_on: 1, pl_off: 0 })).toMatchObject({
      payloadOn: '1',
      payloadOff: '0',
      stateOn: '1',
      stateOff: '0',
    });
  });

  it('keeps an entity whose template is not supported, with a warning', () => {
    const sensor = entity('sensor', { stat_t: 's', val_tpl: '{{ value_json.t * 2 }}' });
    expect(sensor.warnings).toEqual([expect.stringContaining('not supported')]);
  });

  it('reads availability: one topic or a list, and the mode', () => {
    expect(entity('switch', { cmd_t: 'a', avty_t: 'a/avail' }).availability).toEqual({
      mode: 'latest',
      topics: [{ topic: 'a/avail', payloadAvailable: 'online', payloadNotAvailable: 'offline' }],
    });
    const both = entity('switch', {
      cmd_t: 'a',
      avty_mode: 'all',
      avty: [{ t: 'bridge' }, { t: 'dev', pl_avail: '1', pl_not_avail: '0' }],
    });
    expect(both.availability.mode).toBe('all');
    expect(both.availability.topics.map((entry) => entry.payloadAvailable)).toEqual(['online', '1']);
  });

  it('names entities after their device when asked to', () => {
    expect(entity('switch', { cmd_t: 'a', name: null, dev: { name: 'Coffee maker', ids: 'cm' } }).displayName).toBe(
      'Coffee maker',
    );
    expect(entity('sensor', { stat_t: 's', name: 'Temperature', dev: { name: 'Hall sensor', ids: 'h' } }).displayName).toBe(
      'Hall sensor Temperature',
    );
    expect(entity('switch', { cmd_t: 'a' }).displayName).toBe('x');
  });

  it('reads covers, climates, fans and locks with their defaults', () => {
    expect(entity('cover', { cmd_t: 'c/set', stat_t: 'c', dev_cla: 'garage' })).toMatchObject({
      payloadOpen: 'OPEN',
      payloadClose: 'CLOSE',
      payloadStop: 'STOP',
      stateOpen: 'open',
      deviceClass: 'garage',
    });
    expect(entity('cover', { cmd_t: 'c/set', pl_stop: null })).toMatchObject({ payloadStop: null });
    expect(entity('climate', { temp_cmd_t: 't/set', mode_cmd_t: 'm/set' })).toMatchObject({
      minTemp: 7,
      maxTemp: 35,
      modes: ['auto', 'off', 'cool', 'heat', 'dry', 'fan_only'],
    });
    expect(entity('fan', { cmd_t: 'f/set', pct_cmd_t: 'f/pct' })).toMatchObject({ speedRangeMin: 1, speedRangeMax: 100 });
    const lock = entity('lock', { cmd_t: 'k/set', stat_t: 'k' });
    expect(lock).toMatchObject({ payloadLock: 'LOCK', payloadUnlock: 'UNLOCK', stateLocked: 'LOCKED', stateJammed: 'JAMMED' });
    expect('payloadOpen' in lock).toBe(false);
  });
});
