import { describe, expect, it } from 'vitest';
import { expandConfig } from '../../../src/core/devices/abbreviations';

describe('expandConfig', () => {
  it('writes out short keys, in the device and availability entries too', () => {
    const config = expandConfig({
      uniq_id: 'l1',
      cmd_t: 'x/set',
      stat_t: 'x/state',
      pl_on: '1',
      dev: { ids: ['abc'], sa: 'Kitchen', mf: 'Acme', mdl: 'L1' },
      avty: [{ t: 'x/avail', pl_avail: 'up', pl_not_avail: 'down' }],
    });
    expect(config).toEqual({
      unique_id: 'l1',
      command_topic: 'x/set',
      state_topic: 'x/state',
      payload_on: '1',
      device: { identifiers: ['abc'], suggested_area: 'Kitchen', manufacturer: 'Acme', model: 'L1' },
      availability: [{ topic: 'x/avail', payload_available: 'up', payload_not_available: 'down' }],
    });
  });

  it('expands ~ at the start or end of topic values only', () => {
    const config = expandConfig({
      '~': 'home/kitchen/light',
      cmd_t: '~/set',
      stat_t: '~/state',
      avty_t: 'status/~',
      name: '~ not a topic',
      avty: [{ t: '~/avail' }],
    });
    expect(config.command_topic).toBe('home/kitchen/light/set');
    expect(config.state_topic).toBe('home/kitchen/light/state');
    expect(config.availability_topic).toBe('status/home/kitchen/light');
    expect(config.name).toBe('~ not a topic');
    expect(config.availability).toEqual([{ topic: 'home/kitchen/light/avail' }]);
    expect('~' in config).toBe(false);
  });

  it('keeps the full key when both spellings are given', () => {
    expect(expandConfig({ stat_t: 'short', state_topic: 'long' })).toEqual({ state_topic: 'long' });
  });
});
