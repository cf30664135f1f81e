// The tools the app has of its own. The pure ones run here; timers keep their list in a store the
// caller gives (so it survives a reload); devices and notes are run by the caller, which owns the
// connections and the knowledge store. The names match what the intent matcher returns.
import { calculate } from './calculator';
import { addTimer, cancelTimers, nextClockTime, scheduleAt, type ScheduledTimer } from './timer-schedule';
import type { ToolDefinition, ToolResult } from './tool-types';
import { convertUnits } from './unit-conversion';

/** Typed here once; the registry takes them as ToolDefinition<never>. */
function tool<A>(definition: ToolDefinition<A>): ToolDefinition<A> {
  return definition;
}

export function clockTools() {
  return [
    tool<Record<string, never>>({
      name: 'current_time',
      description: 'The current time of day where the person is.',
      parameters: { type: 'object', properties: {}, additionalProperties: false },
      sensitive: false,
      run: (_, { now, timeZone, locale }) => {
        const say = new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(now));
        return { data: { time: say, timeZone }, say };
      },
    }),
    tool<Record<string, never>>({
      name: 'current_date',
      description: "Today's date and day of the week where the person is.",
      parameters: { type: 'object', properties: {}, additionalProperties: false },
      sensitive: false,
      run: (_, { now, timeZone, locale }) => {
        const say = new Intl.DateTimeFormat(locale, {
          timeZone,
          weekday: 'long',
          year: 'numeric',
          month: 'long',
          day: 'numeric',
        }).format(new Date(now));
        const iso = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
          new Date(now),
        );
        return { data: { date: iso, text: say }, say };
      },
    }),
  ];
}

export function arithmeticTools() {
  return [
    tool<{ expression: string }>({
      name: 'calculate',
      description: 'Arithmetic: + - * / ^, parentheses and percentages, e.g. "12 * 7" or "15% of 80".',
      parameters: {
        type: 'object',
        properties: { expression: { type: 'string', minLength: 1, maxLength: 200 } },
        required: ['expression'],
        additionalProperties: false,
      },
      sensitive: false,
      run: ({ expression }) => {
        const result = calculate(expression);
        if (!result.ok) throw new Error(result.error);
        return { data: { expression, value: result.value }, say: `${expression} = ${result.value}` };
      },
    }),
    tool<{ value: number; from: string; to: string }>({
      name: 'convert_units',
      description: 'Converts length, mass, temperature, volume or speed, e.g. 5 mile to kilometre.',
      parameters: {
        type: 'object',
        properties: { value: { type: 'number' }, from: { type: 'string', minLength: 1 }, to: { type: 'string', minLength: 1 } },
        required: ['value', 'from', 'to'],
        additionalProperties: false,
      },
      sensitive: false,
      run: ({ value, from, to }) => {
        const result = convertUnits(value, from, to);
        if (!result.ok) throw new Error(result.error);
        return {
          data: { value: result.value, unit: result.to.id },
          say: `${value} ${result.from.id} = ${result.value} ${result.to.id}`,
        };
      },
    }),
  ];
}

export interface TimerStore {
  read(): readonly ScheduledTimer[];
  write(timers: readonly ScheduledTimer[]): void;
}

const minutesText = (ms: number) => `${Math.round(ms / 60000)} min`;

export function timerTools(store: TimerStore, newId: () => string) {
  const schedule = (timer: Omit<ScheduledTimer, 'id'>): ToolResult => {
    const entry = { id: newId(), ...timer };
    store.write(addTimer(store.read(), entry));
    return { data: { id: entry.id, kind: entry.kind, dueAt: new Date(entry.dueAt).toISOString(), label: entry.label ?? null } };
  };
  return [
    tool<{ duration_seconds: number; label?: string }>({
      name: 'timer_start',
      description: 'Starts a countdown timer.',
      parameters: {
        type: 'object',
        properties: {
          duration_seconds: { type: 'integer', minimum: 1, maximum: 7 * 24 * 3600 },
          label: { type: 'string', maxLength: 60 },
        },
        required: ['duration_seconds'],
        additionalProperties: false,
      },
      sensitive: false,
      run: ({ duration_seconds, label }, { now }) =>
        schedule({ kind: 'timer', dueAt: now + duration_seconds * 1000, createdAt: now, ...(label ? { label } : {}) }),
    }),
    tool<{ label?: string; all?: boolean }>({
      name: 'timer_cancel',
      description: 'Cancels a timer, alarm or reminder by its label, the only one running, or all of them.',
      parameters: {
        type: 'object',
        properties: { label: { type: 'string', maxLength: 60 }, all: { type: 'boolean' } },
        additionalProperties: false,
      },
      sensitive: false,
      run: ({ label, all }, { now }): ToolResult => {
        const result = cancelTimers(store.read(), now, { ...(label ? { label } : {}), ...(all ? { all } : {}) });
        if (result.kind === 'cancelled') {
          store.write(result.timers);
          return { data: { cancelled: result.cancelled.map((t) => t.label ?? t.text ?? t.kind) } };
        }
        if (result.kind === 'which') return { data: { which: result.running.map((t) => t.label ?? t.text ?? t.kind) } };
        return { data: { cancelled: [], reason: result.kind } };
      },
    }),
    tool<{ label?: string }>({
      name: 'timer_status',
      description: 'How long the running timers, alarms and reminders have left.',
      parameters: { type: 'object', properties: { label: { type: 'string', maxLength: 60 } }, additionalProperties: false },
      sensitive: false,
      run: (_, { now }) => {
        const { remaining } = scheduleAt(store.read(), now);
        return {
          data: remaining.map((t) => ({
            kind: t.kind,
            label: t.label ?? t.text ?? null,
            remaining_seconds: Math.ceil(t.remainingMs / 1000),
          })),
          say: remaining.map((t) => `${t.label ?? t.text ?? t.kind}: ${minutesText(t.remainingMs)}`).join(', '),
        };
      },
    }),
    tool<{ hour: number; minute: number; label?: string }>({
      name: 'alarm_set',
      description: 'Sets an alarm at a time of day (24-hour clock), the next time it comes round.',
      parameters: {
        type: 'object',
        properties: {
          hour: { type: 'integer', minimum: 0, maximum: 23 },
          minute: { type: 'integer', minimum: 0, maximum: 59 },
          label: { type: 'string', maxLength: 120 },
        },
        required: ['hour', 'minute'],
        additionalProperties: false,
      },
      sensitive: false,
      run: ({ hour, minute, label }, { now, timeZone }) =>
        schedule({
          kind: 'alarm',
          dueAt: nextClockTime(hour, minute, now, timeZone),
          createdAt: now,
          ...(label ? { label } : {}),
        }),
    }),
    tool<{ text: string; delay_seconds: number }>({
      name: 'reminder_add',
      description: 'Reminds the person of something after a delay.',
      parameters: {
        type: 'object',
        properties: {
          text: { type: 'string', minLength: 1, maxLength: 300 },
          delay_seconds: { type: 'integer', minimum: 1, maximum: 366 * 24 * 3600 },
        },
        required: ['text', 'delay_seconds'],
        additionalProperties: false,
      },
      sensitive: false,
      run: ({ text, delay_seconds }, { now }) =>
        schedule({ kind: 'reminder', dueAt: now + delay_seconds * 1000, createdAt: now, text }),
    }),
  ];
}

export type DeviceAction = 'turn_on' | 'turn_off' | 'toggle' | 'open' | 'close' | 'lock' | 'unlock' | 'set_brightness';
export const DEVICE_ACTIONS: readonly DeviceAction[] = [
  'turn_on',
  'turn_off',
  'toggle',
  'open',
  'close',
  'lock',
  'unlock',
  'set_brightness',
];

export interface DeviceToolHooks {
  /** Device ids the model may name (its grammar admits only these). */
  deviceIds: readonly string[];
  /** Locks, alarms, covers and garage doors, and anything the person marked. */
  isSensitiveDevice: (deviceId: string) => boolean;
  control: (args: { device_id: string; action: DeviceAction; brightness?: number }) => ToolResult | Promise<ToolResult>;
  state: (args: { device_id: string }) => ToolResult | Promise<ToolResult>;
}

export function deviceTools(hooks: DeviceToolHooks) {
  const deviceId =
    hooks.deviceIds.length > 0 ? { type: 'string' as const, enum: hooks.deviceIds } : { type: 'string' as const, minLength: 1 };
  return [
    tool<{ device_id: string; action: DeviceAction; brightness?: number }>({
      name: 'device_control',
      description: 'Controls a home device: on/off, open/close, lock/unlock, or brightness (0-100).',
      parameters: {
        type: 'object',
        properties: {
          device_id: deviceId,
          action: { type: 'string', enum: DEVICE_ACTIONS },
          brightness: { type: 'integer', minimum: 0, maximum: 100 },
        },
        required: ['device_id', 'action'],
        additionalProperties: false,
      },
      sensitive: ({ device_id, action }) => hooks.isSensitiveDevice(device_id) || action === 'unlock' || action === 'lock',
      run: (args) => hooks.control(args),
    }),
    tool<{ device_id: string }>({
      name: 'device_state',
      description: 'Reads the current state of a home device or sensor.',
      parameters: { type: 'object', properties: { device_id: deviceId }, required: ['device_id'], additionalProperties: false },
      sensitive: false,
      run: (args) => hooks.state(args),
    }),
  ];
}

export function noteTool(save: (text: string) => ToolResult | Promise<ToolResult>) {
  return tool<{ text: string }>({
    name: 'note_add',
    description: 'Saves a note the person dictates.',
    parameters: {
      type: 'object',
      properties: { text: { type: 'string', minLength: 1, maxLength: 2000 } },
      required: ['text'],
      additionalProperties: false,
    },
    sensitive: false,
    run: ({ text }) => save(text),
  });
}
