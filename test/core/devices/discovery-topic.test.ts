import { describe, expect, it } from 'vitest';
import { discoveryFilters, parseDiscoveryTopic } from '../../../src/core/devices/discovery-topic';

describe('parseDiscoveryTopic', () => {
  it('reads component and object id, with and without a node id', () => {
    expect(parseDiscoveryTopic('homeassistant/light/kitchen/config')).toEqual({
      component: 'light',
      objectId: 'kitchen',
      key: 'light/kitchen',
    });
    expect(parseDiscoveryTopic('homeassistant/switch/node-1/pump_2/config')).toEqual({
      component: 'switch',
      nodeId: 'node-1',
      objectId: 'pump_2',
      key: 'switch/node-1/pump_2',
    });
  });

  it('honours another prefix', () => {
    expect(parseDiscoveryTopic('ha/lock/door/config', 'ha')?.component).toBe('lock');
    expect(parseDiscoveryTopic('homeassistant/lock/door/config', 'ha')).toBeUndefined();
  });

  it('is not fooled by topics that only look alike', () => {
    expect(parseDiscoveryTopic('homeassistant/light/kitchen/state')).toBeUndefined();
    expect(parseDiscoveryTopic('homeassistant/light/config')).toBeUndefined();
    expect(parseDiscoveryTopic('homeassistant/light/a/b/c/config')).toBeUndefined();
    expect(parseDiscoveryTopic('homeassistant/light/kitchen lamp/config')).toBeUndefined();
    expect(parseDiscoveryTopic('homeassistantx/light/kitchen/config')).toBeUndefined();
    expect(parseDiscoveryTopic('homeassistant/status')).toBeUndefined();
  });

  it('subscribes to both topic shapes', () => {
    expect(discoveryFilters()).toEqual(['homeassistant/+/+/config', 'homeassistant/+/+/+/config']);
  });
});
