// English phrasings of the commands the app answers without the language model. Order matters:
// the first pattern whose builder returns an intent wins, so narrow phrasings come before loose ones.
import { call, clockArgs, deviceCommand, deviceState, type DeviceWish } from './intent-builders';
import { onlyKnownDevices, type PhrasePattern } from './phrase-pattern';
import { parseEnglishClock } from './spoken-clock';
import { parseEnglishDuration } from './spoken-durations';
import { englishExpression } from './spoken-math';
import { parseEnglishNumber } from './spoken-numbers';
import { parseQuantity } from './spoken-quantity';
import { findUnit } from '../tools/unit-conversion';

/** Lower case, "what's" → "what is", no greeting, no "please", no closing punctuation. */
export function normaliseEnglish(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/\b(what|how|who|where|when|it|that)'s\b/g, '$1 is')
    .replace(/\bwhats\b/g, 'what is')
    .replace(/[?!.,;]+\s*$/, '')
    .replace(/^(hey|ok|okay|hi)\s+hearth[,\s]+/, '')
    .replace(/^(please|can you|could you|would you|will you|i want you to|i'd like you to)\s+/, '')
    .replace(/^please\s+/, '')
    .replace(/,?\s+please$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const WISH: Record<string, DeviceWish> = {
  on: 'on',
  off: 'off',
  open: 'open',
  raise: 'open',
  close: 'close',
  shut: 'close',
  lower: 'close',
  lock: 'lock',
  unlock: 'unlock',
};

const QUESTION_START = /^(what|why|how|who|when|where|which|do|does|did|is|are|can|could|should|would|tell|i|you)\b/;

function timerStart(duration: string | undefined, label: string | undefined) {
  const seconds = duration ? parseEnglishDuration(duration) : null;
  if (seconds === null) return null;
  const cleanLabel = label?.trim().replace(/^(a|an|the)\s+/, '');
  return { duration_seconds: Math.round(seconds), ...(cleanLabel ? { label: cleanLabel } : {}) };
}

function percent(text: string | undefined): number | null {
  if (!text) return null;
  return parseEnglishNumber(text.replace(/\s*(%|percent|per cent)$/, '').trim());
}

export const ENGLISH_PHRASES: readonly PhrasePattern[] = [
  // Timers, alarms and reminders
  {
    name: 'cancel a timer',
    pattern:
      /^(?:cancel|stop|delete|remove|clear|dismiss|turn off|end)(?: the| my| all| all the| all my)?(?: (?<label>[a-z ]+?))? (?<what>timer|alarm|reminder|countdown)s?$/,
    build: (g, ctx) => call(ctx, 'timer_cancel', g.label ? { label: g.label } : {}),
  },
  {
    name: 'how long is left',
    pattern: /^how (?:much time|long) (?:is )?(?:left|remaining)(?: on (?:the|my) (?:(?<label>[a-z ]+?) )?timer)?$/,
    build: (g, ctx) => call(ctx, 'timer_status', g.label ? { label: g.label } : {}),
  },
  {
    name: 'set a named timer for a duration',
    pattern:
      /^(?:set|start|create|make|put on)(?: me)? (?:a|an|the) (?<label>[a-z]+(?: [a-z]+)?) timer (?:for|of) (?<duration>.+)$/,
    build: (g, ctx) => {
      const args = timerStart(g.duration, g.label);
      return args ? call(ctx, 'timer_start', args) : null;
    },
  },
  {
    name: 'set a timer for a duration',
    pattern:
      /^(?:(?:set|start|create|make|put on)(?: me)? (?:a |an |the )?)?(?:timer|countdown) (?:for |of )?(?<duration>.+?)(?: (?:called|named|labelled|for) (?<label>.+))?$/,
    build: (g, ctx) => {
      const args = timerStart(g.duration, g.label);
      return args ? call(ctx, 'timer_start', args) : null;
    },
  },
  {
    name: 'set a ten minute timer',
    pattern:
      /^(?:(?:set|start|create|make)(?: me)? (?:a |an )?)?(?<duration>.+?)(?: (?<label>[a-z]+))? timer(?: (?:for|called|named) (?<label2>.+))?$/,
    build: (g, ctx) => {
      const args = timerStart(g.duration, g.label ?? g.label2) ?? timerStart(`${g.duration} ${g.label ?? ''}`, g.label2);
      return args ? call(ctx, 'timer_start', args) : null;
    },
  },
  {
    name: 'set an alarm',
    pattern: /^(?:(?:set|create|make)(?: me)? (?:an |the |my )?alarm (?:for|at)|wake me(?: up)? at) (?<time>.+)$/,
    build: (g, ctx) => {
      const time = parseEnglishClock(g.time ?? '');
      return time ? call(ctx, 'alarm_set', clockArgs(time)) : null;
    },
  },
  {
    name: 'remind me to … in a while',
    pattern: /^remind me (?:to |that |about )?(?<text>.+?) in (?<duration>.+)$/,
    build: (g, ctx) => {
      const seconds = parseEnglishDuration(g.duration ?? '');
      return seconds ? call(ctx, 'reminder_add', { text: g.text, delay_seconds: Math.round(seconds) }) : null;
    },
  },
  {
    name: 'in a while remind me to …',
    pattern:
      /^(?:remind me )?in (?<duration>.+?),? remind me (?:to |that |about )?(?<text>.+)$|^remind me in (?<duration2>.+?) (?:to|that|about) (?<text2>.+)$/,
    build: (g, ctx) => {
      const seconds = parseEnglishDuration(g.duration ?? g.duration2 ?? '');
      return seconds ? call(ctx, 'reminder_add', { text: g.text ?? g.text2, delay_seconds: Math.round(seconds) }) : null;
    },
  },
  {
    name: 'remind me at a time',
    pattern:
      /^remind me (?:to |that |about )?(?<text>.+?) at (?<time>.+)$|^remind me at (?<time2>.+?) (?:to|that|about) (?<text2>.+)$/,
    build: (g, ctx) => {
      const time = parseEnglishClock(g.time ?? g.time2 ?? '');
      return time ? call(ctx, 'alarm_set', { ...clockArgs(time), label: g.text ?? g.text2 }) : null;
    },
  },

  // Clock and calendar
  {
    name: 'what time is it',
    pattern:
      /^(?:what time is it|what is the time|tell me the time|what time it is|(?:the )?time|(?:the )?current time|what is the current time|do you know what time it is|have you got the time)(?: now| right now| please)?$/,
    build: (_, ctx) => call(ctx, 'current_time'),
  },
  {
    name: 'what is the date',
    pattern:
      /^(?:what is (?:the date|today's date|the date today|today)|what date is (?:it|today)|what day is (?:it|today)|what day of the week is (?:it|today)|(?:tell me )?today's date|tell me the date)(?: today)?$/,
    build: (_, ctx) => call(ctx, 'current_date'),
  },

  // Arithmetic and units
  {
    name: 'convert a quantity',
    pattern: /^(?:convert |what is |how much is |how many )?(?<quantity>.+?) (?:to|in|into|as) (?<to>[a-z/° ]+)$/,
    build: (g, ctx) => {
      const quantity = parseQuantity(g.quantity ?? '');
      const to = findUnit(g.to ?? '');
      if (!quantity || !to || to.quantity !== quantity.unit.quantity) return null;
      return call(ctx, 'convert_units', { value: quantity.value, from: quantity.unit.id, to: to.id });
    },
  },
  {
    name: 'how many units in a quantity',
    pattern: /^how many (?<to>[a-z/° ]+?) (?:is|are|in|make) (?<quantity>.+)$/,
    build: (g, ctx) => {
      const quantity = parseQuantity(g.quantity ?? '');
      const to = findUnit(g.to ?? '');
      if (!quantity || !to || to.quantity !== quantity.unit.quantity) return null;
      return call(ctx, 'convert_units', { value: quantity.value, from: quantity.unit.id, to: to.id });
    },
  },
  {
    name: 'arithmetic',
    pattern: /^(?:what is |calculate |compute |how much is |work out |solve )?(?<expression>.+?)(?: equals?| is)?$/,
    build: (g, ctx) => {
      const expression = englishExpression(g.expression ?? '');
      return expression ? call(ctx, 'calculate', { expression }) : null;
    },
  },

  // Notes
  {
    name: 'take a note',
    pattern: /^(?:make a note|take a note|note down|note|write down|jot down|remember)(?: that|:)? (?<text>.+)$/,
    build: (g, ctx) => call(ctx, 'note_add', { text: g.text }),
  },

  // Device state
  {
    name: 'is it locked',
    pattern: /^is (?<device>.+?) (?:locked|unlocked)$/,
    build: (g, ctx) => deviceState(ctx, g.device ?? '', 'locked'),
  },
  {
    name: 'is it on',
    pattern: /^is (?<device>.+?) (?:on|off|open|closed|shut|running)$/,
    build: (g, ctx) => deviceState(ctx, g.device ?? '', 'any'),
  },
  {
    name: 'temperature in a room',
    pattern:
      /^(?:what is|tell me) the (?<q>temperature|humidity) (?:in|of|at|on) (?<device>.+)$|^(?:what is|tell me) (?:the )?(?<device2>.+?) (?<q2>temperature|humidity)$|^how (?:warm|hot|cold) is (?:it in )?(?<device3>.+)$/,
    build: (g, ctx) =>
      deviceState(ctx, g.device ?? g.device2 ?? g.device3 ?? '', (g.q ?? g.q2) === 'humidity' ? 'humidity' : 'temperature'),
  },

  // Device control
  {
    name: 'set a brightness',
    pattern: /^(?:set|dim|turn|put|change|brighten|make) (?<device>.+?)(?: brightness)? (?:to|at) (?<level>.+?)(?: brightness)?$/,
    build: (g, ctx) => {
      const level = percent(g.level);
      return level === null ? null : deviceCommand(ctx, g.device ?? '', 'brightness', level);
    },
  },
  {
    name: 'turn on the …',
    pattern: /^(?:turn|switch|power|put) (?<wish>on|off) (?<device>.+)$/,
    build: (g, ctx) => deviceCommand(ctx, g.device ?? '', WISH[g.wish!]!),
  },
  {
    name: 'turn the … on',
    pattern: /^(?:turn|switch|power|put) (?<device>.+?) (?<wish>on|off)$/,
    build: (g, ctx) => deviceCommand(ctx, g.device ?? '', WISH[g.wish!]!),
  },
  {
    name: 'open, close, lock, unlock the …',
    pattern: /^(?<wish>open|close|shut|raise|lower|lock|unlock) (?:up |down )?(?<device>.+)$/,
    build: (g, ctx) => deviceCommand(ctx, g.device ?? '', WISH[g.wish!]!),
  },
  {
    name: 'lights off in the kitchen',
    pattern: /^(?<device>[a-z0-9' ]{2,40}?) (?<wish>on|off) (?:in|at) (?<area>.+)$/,
    build: (g, ctx) =>
      QUESTION_START.test(g.device ?? '') ? null : onlyKnownDevices(deviceCommand(ctx, `${g.area} ${g.device}`, WISH[g.wish!]!)),
  },
  {
    name: '… on / off',
    pattern: /^(?<device>[a-z0-9' ]{2,40}?) (?<wish>on|off)$/,
    build: (g, ctx) =>
      QUESTION_START.test(g.device ?? '') || (g.device ?? '').split(' ').length > 4
        ? null
        : onlyKnownDevices(deviceCommand(ctx, g.device ?? '', WISH[g.wish!]!)),
  },
];
