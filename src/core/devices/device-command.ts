// What to publish for a command on an entity, exactly as its discovery config declares: the topic,
// the payload text, qos and retain. A command the entity did not declare (a lock without open, a
// light without brightness) is refused with a reason instead of guessed.

import type { CommandTemplate, EntityConfig, LightConfig } from './entity-config';

export type DeviceCommand =
  | { kind: 'turn_on' }
  | { kind: 'turn_off' }
  /** 1–100 %, scaled to the device's own range; on a light it also turns it on. */
  | { kind: 'set_brightness'; percent: number }
  | { kind: 'lock' }
  | { kind: 'unlock' }
  /** A cover's open, or a lock's open (unlatch) when declared. */
  | { kind: 'open' }
  | { kind: 'close' }
  | { kind: 'stop' }
  | { kind: 'set_position'; percent: number }
  | { kind: 'set_temperature'; degrees: number }
  | { kind: 'set_mode'; mode: string }
  | { kind: 'set_percentage'; percent: number }
  | { kind: 'arm_away' }
  | { kind: 'arm_home' }
  | { kind: 'arm_night' }
  | { kind: 'disarm' };

export interface Publish {
  topic: string;
  payload: string;
  qos: 0 | 1 | 2;
  retain: boolean;
}

export type CommandPlan = { ok: true; publishes: Publish[] } | { ok: false; reason: string };

export function planCommand(entity: EntityConfig, command: DeviceCommand): CommandPlan {
  const publish = (topic: string, payload: string): Publish => ({ topic, payload, qos: entity.qos, retain: entity.retain });
  const refuse = (reason: string): CommandPlan => ({ ok: false, reason: `${entity.displayName}: ${reason}` });
  const single = (topic: string | undefined, payload: string | null, what: string): CommandPlan => {
    if (topic === undefined) return refuse(`has no command topic for ${what}`);
    if (payload === null) return refuse(`does not declare ${what}`);
    return { ok: true, publishes: [publish(topic, payload)] };
  };
  const filled = (template: CommandTemplate | undefined, value: number): string | { reason: string } => {
    if (template === undefined) return String(value);
    if ('unsupported' in template) return { reason: template.unsupported };
    return template(value);
  };

  switch (entity.component) {
    case 'light':
      return planLight(entity, command, publish, refuse);
    case 'switch':
      if (command.kind === 'turn_on') return single(entity.commandTopic, entity.payloadOn, 'on');
      if (command.kind === 'turn_off') return single(entity.commandTopic, entity.payloadOff, 'off');
      break;
    case 'fan':
      if (command.kind === 'turn_on') return single(entity.commandTopic, entity.payloadOn, 'on');
      if (command.kind === 'turn_off') return single(entity.commandTopic, entity.payloadOff, 'off');
      if (command.kind === 'set_percentage') {
        if (entity.percentageCommandTopic === undefined) return refuse('has no speed control');
        const percent = clampPercent(command.percent);
        if (percent === undefined) return refuse(`speed ${command.percent} % is not a percentage`);
        const raw =
          percent === 0
            ? 0
            : Math.ceil(entity.speedRangeMin - 1 + (percent / 100) * (entity.speedRangeMax - entity.speedRangeMin + 1));
        const payload = filled(entity.percentageCommandTemplate, raw);
        if (typeof payload !== 'string') return refuse(payload.reason);
        return { ok: true, publishes: [publish(entity.percentageCommandTopic, payload)] };
      }
      break;
    case 'lock':
      if (command.kind === 'lock') return single(entity.commandTopic, entity.payloadLock, 'lock');
      if (command.kind === 'unlock') return single(entity.commandTopic, entity.payloadUnlock, 'unlock');
      if (command.kind === 'open') return single(entity.commandTopic, entity.payloadOpen ?? null, 'open (unlatch)');
      break;
    case 'cover':
      if (command.kind === 'open') return single(entity.commandTopic, entity.payloadOpen, 'open');
      if (command.kind === 'close') return single(entity.commandTopic, entity.payloadClose, 'close');
      if (command.kind === 'stop') return single(entity.commandTopic, entity.payloadStop, 'stop');
      if (command.kind === 'set_position') {
        if (entity.setPositionTopic === undefined) return refuse('has no position control');
        const percent = clampPercent(command.percent);
        if (percent === undefined) return refuse(`position ${command.percent} % is not a percentage`);
        const raw = Math.round(entity.positionClosed + (percent / 100) * (entity.positionOpen - entity.positionClosed));
        const payload = filled(entity.setPositionTemplate, raw);
        if (typeof payload !== 'string') return refuse(payload.reason);
        return { ok: true, publishes: [publish(entity.setPositionTopic, payload)] };
      }
      break;
    case 'climate':
      if (command.kind === 'set_temperature') {
        if (entity.temperatureCommandTopic === undefined) return refuse('has no target temperature control');
        if (!Number.isFinite(command.degrees) || command.degrees < entity.minTemp || command.degrees > entity.maxTemp) {
          return refuse(`${command.degrees}° is outside ${entity.minTemp}–${entity.maxTemp}°`);
        }
        const stepped = Math.round(command.degrees / entity.tempStep) * entity.tempStep;
        const degrees = Number(stepped.toFixed(decimals(entity.tempStep)));
        const payload = filled(entity.temperatureCommandTemplate, degrees);
        if (typeof payload !== 'string') return refuse(payload.reason);
        return { ok: true, publishes: [publish(entity.temperatureCommandTopic, payload)] };
      }
      if (command.kind === 'set_mode') {
        if (!entity.modes.includes(command.mode))
          return refuse(`mode ${JSON.stringify(command.mode)} is not one of ${entity.modes.join(', ')}`);
        return single(entity.modeCommandTopic, command.mode, 'mode');
      }
      if (command.kind === 'turn_off' && entity.modes.includes('off')) return single(entity.modeCommandTopic, 'off', 'mode');
      break;
    case 'alarm_control_panel':
      if (command.kind === 'arm_away') return single(entity.commandTopic, entity.payloadArmAway, 'arm away');
      if (command.kind === 'arm_home') return single(entity.commandTopic, entity.payloadArmHome, 'arm home');
      if (command.kind === 'arm_night') return single(entity.commandTopic, entity.payloadArmNight, 'arm night');
      if (command.kind === 'disarm') return single(entity.commandTopic, entity.payloadDisarm, 'disarm');
      break;
    case 'sensor':
    case 'binary_sensor':
      return refuse('is a sensor and takes no commands');
  }
  return refuse(`a ${entity.component.replace(/_/g, ' ')} cannot ${command.kind.replace(/_/g, ' ')}`);
}

function planLight(
  entity: LightConfig,
  command: DeviceCommand,
  publish: (topic: string, payload: string) => Publish,
  refuse: (reason: string) => CommandPlan,
): CommandPlan {
  if (command.kind !== 'turn_on' && command.kind !== 'turn_off' && command.kind !== 'set_brightness') {
    return refuse(`a light cannot ${command.kind.replace(/_/g, ' ')}`);
  }
  let level: number | undefined;
  if (command.kind === 'set_brightness') {
    if (!entity.supportsBrightness) return refuse('is not dimmable');
    const percent = clampPercent(command.percent);
    if (percent === undefined || percent === 0) return refuse(`brightness ${command.percent} % is not between 1 and 100`);
    // Never round a dim request down to zero: that would be "off" on most devices.
    level = Math.max(1, Math.round((percent / 100) * entity.brightnessScale));
  }
  if (entity.schema === 'json') {
    const body: Record<string, unknown> = { state: command.kind === 'turn_off' ? 'OFF' : 'ON' };
    if (level !== undefined) body.brightness = level;
    return { ok: true, publishes: [publish(entity.commandTopic, JSON.stringify(body))] };
  }
  if (command.kind === 'turn_on') return { ok: true, publishes: [publish(entity.commandTopic, entity.payloadOn)] };
  if (command.kind === 'turn_off') return { ok: true, publishes: [publish(entity.commandTopic, entity.payloadOff)] };
  const template = entity.brightnessCommandTemplate;
  if (template !== undefined && 'unsupported' in template) return refuse(template.unsupported);
  const brightness = publish(entity.brightnessCommandTopic!, template ? template(level!) : String(level));
  const on = publish(entity.commandTopic, entity.payloadOn);
  if (entity.onCommandType === 'brightness') return { ok: true, publishes: [brightness] };
  if (entity.onCommandType === 'first') return { ok: true, publishes: [on, brightness] };
  return { ok: true, publishes: [brightness, on] };
}

function clampPercent(value: number): number | undefined {
  if (!Number.isFinite(value) || value < 0 || value > 100) return undefined;
  return value;
}

function decimals(step: number): number {
  const text = String(step);
  return text.includes('.') ? text.split('.')[1]!.length : 0;
}
