import { describe, expect, it } from 'vitest';
import type { DeviceCommand } from '../../../src/core/devices/device-command';
import { describeHaError, planServiceCall } from '../../../src/core/devices/ha-service';
import type { HaState } from '../../../src/core/devices/ha-state';

const ha = (entityId: string, attributes: Record<string, unknown> = {}, state = 'off'): HaState => ({
  entityId,
  state,
  attributes,
});
const plan = (state: HaState, command: DeviceCommand) => planServiceCall(state, command, 'It');

describe('planServiceCall', () => {
  it('maps commands to the services Home Assistant documents', () => {
    const cases: [HaState, DeviceCommand, string, Record<string, unknown>][] = [
      [ha('light.a'), { kind: 'turn_on' }, 'light.turn_on', {}],
      [
        ha('light.a', { supported_color_modes: ['color_temp'] }),
        { kind: 'set_brightness', percent: 37.4 },
        'light.turn_on',
        { brightness_pct: 37 },
      ],
      [
        ha('light.a', { supported_color_modes: ['brightness'] }),
        { kind: 'set_brightness', percent: 0.3 },
        'light.turn_on',
        { brightness_pct: 1 },
      ],
      [ha('switch.a'), { kind: 'turn_off' }, 'switch.turn_off', {}],
      [ha('input_boolean.a'), { kind: 'turn_on' }, 'input_boolean.turn_on', {}],
      [ha('fan.a', { supported_features: 1 }), { kind: 'set_percentage', percent: 50 }, 'fan.set_percentage', { percentage: 50 }],
      [ha('cover.a', { supported_features: 15 }), { kind: 'open' }, 'cover.open_cover', {}],
      [ha('cover.a', { supported_features: 15 }), { kind: 'close' }, 'cover.close_cover', {}],
      [ha('cover.a', { supported_features: 15 }), { kind: 'stop' }, 'cover.stop_cover', {}],
      [
        ha('cover.a', { supported_features: 15 }),
        { kind: 'set_position', percent: 25 },
        'cover.set_cover_position',
        { position: 25 },
      ],
      [ha('lock.a'), { kind: 'lock' }, 'lock.lock', {}],
      [ha('lock.a', { supported_features: 1 }), { kind: 'open' }, 'lock.open', {}],
      [
        ha('climate.a', { supported_features: 1, min_temp: 7, max_temp: 35 }),
        { kind: 'set_temperature', degrees: 21.5 },
        'climate.set_temperature',
        { temperature: 21.5 },
      ],
      [
        ha('climate.a', { hvac_modes: ['off', 'heat'] }),
        { kind: 'set_mode', mode: 'heat' },
        'climate.set_hvac_mode',
        { hvac_mode: 'heat' },
      ],
      [
        ha('alarm_control_panel.a', { supported_features: 3, code_format: null }),
        { kind: 'arm_away' },
        'alarm_control_panel.alarm_arm_away',
        {},
      ],
      [ha('alarm_control_panel.a', { supported_features: 3 }), { kind: 'disarm' }, 'alarm_control_panel.alarm_disarm', {}],
    ];
    for (const [state, command, service, data] of cases) {
      const planned = plan(state, command);
      expect(planned, `${state.entityId} ${command.kind}`).toEqual({
        ok: true,
        call: { domain: service.split('.')[0], service: service.split('.')[1], serviceData: data },
      });
    }
  });

  it('refuses what the entity’s domain or declared features cannot do, with a reason', () => {
    const refusals: [HaState, DeviceCommand, string][] = [
      [ha('light.a', { supported_color_modes: ['onoff'] }), { kind: 'set_brightness', percent: 50 }, 'It: is not dimmable'],
      [ha('light.a', { supported_features: 0 }), { kind: 'set_brightness', percent: 50 }, 'It: is not dimmable'],
      [ha('light.a'), { kind: 'set_brightness', percent: 150 }, 'It: brightness 150 % is not between 1 and 100'],
      [ha('light.a'), { kind: 'lock' }, 'It: a light cannot lock'],
      [ha('switch.a'), { kind: 'set_brightness', percent: 5 }, 'It: a switch cannot set brightness'],
      [ha('fan.a', { supported_features: 0 }), { kind: 'set_percentage', percent: 5 }, 'It: has no speed control'],
      [ha('cover.a', { supported_features: 3 }), { kind: 'set_position', percent: 5 }, 'It: cannot be set to a position'],
      [ha('cover.a', { supported_features: 3 }), { kind: 'stop' }, 'It: cannot be stopped'],
      [ha('cover.a', { supported_features: 15 }), { kind: 'set_position', percent: -1 }, 'It: position -1 % is not a percentage'],
      [ha('lock.a', { supported_features: 0 }), { kind: 'open' }, 'It: cannot be unlatched (open)'],
      [ha('climate.a', { supported_features: 0 }), { kind: 'set_temperature', degrees: 20 }, 'It: has no target temperature'],
      [
        ha('climate.a', { min_temp: 7, max_temp: 30 }),
        { kind: 'set_temperature', degrees: 31 },
        'It: 31° is outside its range 7–30°',
      ],
      [
        ha('climate.a', { hvac_modes: ['off', 'heat'] }),
        { kind: 'set_mode', mode: 'cool' },
        'It: has no mode "cool" (it has off, heat)',
      ],
      [
        ha('alarm_control_panel.a', { supported_features: 1 }),
        { kind: 'arm_night' },
        'It: a alarm control panel cannot arm night',
      ],
      [
        ha('alarm_control_panel.a', { code_format: 'number' }),
        { kind: 'disarm' },
        'It: asks for a code to disarm; disarm it in Home Assistant',
      ],
      [
        ha('alarm_control_panel.a', { code_format: 'number' }),
        { kind: 'arm_home' },
        'It: asks for a code to arm; arm it in Home Assistant',
      ],
      [ha('sensor.a'), { kind: 'turn_on' }, 'It: is a sensor: it reports, it cannot be switched'],
      [ha('vacuum.a'), { kind: 'turn_on' }, 'It: Hearth cannot control vacuum entities yet'],
      [ha('light.a', {}, 'unavailable'), { kind: 'turn_on' }, 'It: is unavailable in Home Assistant'],
    ];
    for (const [state, command, reason] of refusals) {
      expect(plan(state, command), `${state.entityId} ${command.kind}`).toEqual({ ok: false, reason });
    }
    expect(
      plan(ha('alarm_control_panel.a', { code_format: 'number', code_arm_required: false }), { kind: 'arm_home' }),
    ).toMatchObject({ ok: true });
  });
});

describe('describeHaError', () => {
  it('gives the server’s message and code, or says the link dropped', () => {
    expect(describeHaError({ code: 'not_found', message: 'Service light.x not found.' }, 'light.x')).toBe(
      'Home Assistant refused light.x: Service light.x not found. (not_found)',
    );
    expect(
      describeHaError({ type: 'result', success: false, error: { code: 3, message: 'Connection lost' } }, 'lock.unlock'),
    ).toContain('dropped before it answered lock.unlock');
    expect(describeHaError(3, 'x')).toContain('dropped');
    expect(describeHaError(new Error('boom'), 'x')).toContain('boom');
  });
});
