import { describe, expect, it } from 'vitest';
import { resolveDevice } from '../../../src/core/intent/device-resolver';
import type { IntentDevice } from '../../../src/core/intent/intent-types';
import { matchIntent } from '../../../src/core/intent/match-intent';
import { HOUSEHOLD } from './household-devices';

const idOf = (spoken: string, devices: readonly IntentDevice[] = HOUSEHOLD) => {
  const r = resolveDevice(spoken, devices);
  return r.kind === 'one' ? r.device.id : r.kind;
};

describe('forgiving device names', () => {
  it('ignores case, articles and plurals', () => {
    expect(idOf('KITCHEN LIGHT')).toBe('light.kitchen');
    expect(idOf('the kitchen lights')).toBe('light.kitchen');
    expect(idOf('my office fan')).toBe('fan.office');
  });

  it('finds a device with a word of its name left out, or one word too many', () => {
    expect(idOf('living room floor')).toBe('light.living_floor');
    expect(idOf('porch')).toBe('light.porch');
    expect(idOf('kitchen main light')).toBe('light.kitchen');
  });

  it('finds a device by its area and kind, or by an alias', () => {
    expect(idOf('bedroom light')).toBe('light.bedroom');
    expect(idOf('bedside lamp')).toBe('light.bedroom');
    expect(idOf('big lamp')).toBe('light.porch');
    expect(idOf('前门')).toBe('lock.damen');
  });

  it('reads Chinese names with or without 的, and any part of a name', () => {
    expect(idOf('客厅的灯')).toBe('light.keting');
    expect(idOf('客厅灯')).toBe('light.keting');
    expect(idOf('卧室的吸顶灯')).toBe('light.woshi_ding');
    expect(idOf('吸顶灯')).toBe('light.woshi_ding');
    expect(idOf('热水器')).toBe('switch.reshuiqi');
  });

  it('prefers the device whose whole name was said', () => {
    const devices: IntentDevice[] = [
      { id: 'a', name: 'Kitchen Light', domain: 'light', area: 'Kitchen' },
      { id: 'b', name: 'Kitchen Light Strip', domain: 'light', area: 'Kitchen' },
    ];
    expect(idOf('kitchen light', devices)).toBe('a');
    expect(idOf('kitchen light strip', devices)).toBe('b');
  });

  it('says "ambiguous" with the candidates instead of guessing', () => {
    const r = resolveDevice('living room light', HOUSEHOLD);
    expect(r).toEqual({
      kind: 'ambiguous',
      candidates: [
        { id: 'light.living_ceiling', name: 'Living Room Ceiling Light', area: 'Living Room' },
        { id: 'light.living_floor', name: 'Living Room Floor Lamp', area: 'Living Room' },
      ],
    });
    expect(resolveDevice('卧室的灯', HOUSEHOLD).kind).toBe('ambiguous');
  });

  it('does not take another area, another kind of device, or only generic words', () => {
    expect(idOf('garage light')).toBe('none');
    expect(idOf('dining room light')).toBe('none');
    expect(idOf('餐厅的灯')).toBe('none');
    expect(idOf('light', [{ id: 'x', name: 'Garage Door', domain: 'cover', area: 'Garage' }])).toBe('none');
  });

  it('only offers devices that can do what was asked', () => {
    expect(resolveDevice('kitchen', HOUSEHOLD, { domains: ['lock'] })).toMatchObject({
      kind: 'one',
      device: { id: 'lock.back_door' },
    });
    expect(resolveDevice('front door', HOUSEHOLD, { domains: ['light'] }).kind).toBe('none');
  });
});

describe('intent results for devices', () => {
  it('answers "no such device" for an unknown device, and leaves a non-command to the model', () => {
    expect(matchIntent('turn on the garage light', HOUSEHOLD)).toEqual({
      kind: 'no-such-device',
      language: 'en',
      tool: 'device_control',
      spoken: 'garage light',
    });
    expect(matchIntent('打开心扉', HOUSEHOLD)).toBeNull();
  });

  it('keeps the rest of the command when the device is ambiguous', () => {
    expect(matchIntent('set the living room light to 20%', HOUSEHOLD)).toMatchObject({
      kind: 'ambiguous',
      tool: 'device_control',
      arguments: { action: 'set_brightness', brightness: 20 },
    });
  });

  it('with no devices at all, a device command is "no such device"', () => {
    expect(matchIntent('turn off the kitchen light', [])).toMatchObject({ kind: 'no-such-device' });
  });

  it('refuses a brightness outside 0–100', () => {
    expect(matchIntent('set the kitchen light to 150%', HOUSEHOLD)).toBeNull();
  });
});
