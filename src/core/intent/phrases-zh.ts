// Chinese phrasings of the commands the app answers without the language model. Order matters:
// the first pattern whose builder returns an intent wins, so narrow phrasings come before loose ones.
import { call, clockArgs, deviceCommand, deviceState, type DeviceWish } from './intent-builders';
import { onlyKnownDevices, type PhrasePattern } from './phrase-pattern';
import { parseChineseClock } from './spoken-clock';
import { parseChineseDuration } from './spoken-durations';
import { chineseExpression } from './spoken-math';
import { parseChineseNumber, toHalfWidth } from './spoken-numbers';
import { parseQuantity } from './spoken-quantity';
import { findUnit } from '../tools/unit-conversion';

/** Half-width digits, no spaces between Han characters, no polite openings or closing particles. */
export function normaliseChinese(text: string): string {
  return toHalfWidth(text)
    .toLowerCase()
    .replace(/(?<=\p{Script=Han})\s+|\s+(?=\p{Script=Han})/gu, '')
    .replace(/[?!.,;:。？！，；：~～]+$/, '')
    .replace(/^(嘿|你好)?(小助手|hearth)[，, ]*/, '')
    .replace(/^(请你|请|麻烦你|麻烦|你能不能|你能|能不能|可不可以|可以)?(帮我|帮忙|给我)?/, '')
    .replace(/(好吗|好不好|行吗|可以吗|谢谢|吧|呀|啊|哦)$/, '')
    .trim();
}

const WISH: Record<string, DeviceWish> = {
  打开: 'on',
  开开: 'on',
  开启: 'on',
  开: 'on',
  关掉: 'off',
  关上: 'off',
  关闭: 'off',
  关了: 'off',
  关: 'off',
  拉开: 'open',
  升起: 'open',
  拉上: 'close',
  放下: 'close',
  合上: 'close',
  锁上: 'lock',
  锁好: 'lock',
  锁: 'lock',
  解锁: 'unlock',
  开锁: 'unlock',
};
const WISH_WORDS = Object.keys(WISH)
  .sort((a, b) => b.length - a.length)
  .join('|');

/** "一个十分钟" (from "定一个十分钟的计时器") is ten minutes; "一个半小时" keeps its 一个. */
function chineseDuration(text: string | undefined): number | null {
  const t = text ?? '';
  return parseChineseDuration(t) ?? parseChineseDuration(t.replace(/^(一个|个)/, ''));
}

function timerArgs(duration: string | undefined, label?: string) {
  const seconds = chineseDuration(duration);
  if (seconds === null) return null;
  return { duration_seconds: Math.round(seconds), ...(label ? { label } : {}) };
}

function level(text: string | undefined): number | null {
  const t = (text ?? '').replace(/^百分之/, '').replace(/%$/, '');
  return parseChineseNumber(t);
}

const TIMER = '(?:计时器|定时器|倒计时|倒数计时)';

export const CHINESE_PHRASES: readonly PhrasePattern[] = [
  // Timers, alarms and reminders
  {
    name: '取消计时器',
    pattern: new RegExp(
      `^(?:取消|关掉|关闭|停止|停掉|删除|删掉)(?:所有的?|全部的?)?(?:那个|这个)?(?<label>.*?)的?(?:${TIMER}|闹钟|提醒)$`,
    ),
    build: (g, ctx) => call(ctx, 'timer_cancel', g.label ? { label: g.label } : {}),
  },
  {
    name: '计时器还剩多少时间',
    pattern: new RegExp(`^(?:${TIMER})?还(?:剩|有)(?:多少|多久|多长)(?:时间)?$`),
    build: (_, ctx) => call(ctx, 'timer_status'),
  },
  {
    name: '定一个十分钟的计时器',
    pattern: new RegExp(`^(?:设置|设定|定|设|开始|开|来|弄|启动)?(?:一个|个)?(?<duration>.+?)的?${TIMER}$`),
    build: (g, ctx) => {
      const args = timerArgs(g.duration);
      return args ? call(ctx, 'timer_start', args) : null;
    },
  },
  {
    name: '计时十分钟',
    pattern: new RegExp(`^(?:开始)?(?:${TIMER}|计时)(?<duration>.+)$`),
    build: (g, ctx) => {
      const args = timerArgs(g.duration);
      return args ? call(ctx, 'timer_start', args) : null;
    },
  },
  {
    name: '一个半小时后提醒我…',
    pattern:
      /^(?<duration>.+?)(?:之后|以后|后)(?:提醒我|叫我|告诉我)(?<text>.*)$|^提醒我(?<duration2>.+?)(?:之后|以后|后)(?<text2>.+)$/,
    build: (g, ctx) => {
      const seconds = chineseDuration(g.duration ?? g.duration2);
      if (seconds === null) return null;
      const text = g.text ?? g.text2 ?? '';
      return text
        ? call(ctx, 'reminder_add', { text, delay_seconds: Math.round(seconds) })
        : call(ctx, 'timer_start', { duration_seconds: Math.round(seconds) });
    },
  },
  {
    name: '设一个早上七点的闹钟',
    pattern: /^(?:设|定|设置|订|定个|设个)?(?:一个|个)?(?<time>.+?)的?闹钟$|^(?<time2>.+?)(?:叫醒我|叫我起床)$/,
    build: (g, ctx) => {
      const time = parseChineseClock((g.time ?? g.time2 ?? '').replace(/^明天/, ''));
      return time ? call(ctx, 'alarm_set', clockArgs(time)) : null;
    },
  },
  {
    name: '下午三点提醒我开会',
    pattern: /^(?<time>.+?)提醒我(?<text>.+)$|^提醒我(?<time2>.+?点.*?)(?<text2>[^点半分钟0-9零一二两三四五六七八九十].+)$/,
    build: (g, ctx) => {
      const time = parseChineseClock((g.time ?? g.time2 ?? '').replace(/^(今天|明天)/, ''));
      return time ? call(ctx, 'alarm_set', { ...clockArgs(time), label: g.text ?? g.text2 }) : null;
    },
  },

  // Clock and calendar
  {
    name: '现在几点',
    pattern: /^(?:现在|目前|请问现在|请问)?(?:是)?(?:几点钟?|几点几分|什么时间|什么时候|时间)了?$/,
    build: (_, ctx) => call(ctx, 'current_time'),
  },
  {
    name: '今天几号',
    pattern:
      /^(?:今天|今日|现在)(?:是)?(?:几号|几月几号|几月几日|星期几|周几|礼拜几|哪天|什么日期|日期|几月)(?:啊)?$|^今天的日期$/,
    build: (_, ctx) => call(ctx, 'current_date'),
  },

  // Device state (before arithmetic: "客厅的温度是多少" ends like a sum)
  {
    name: '门锁了吗',
    pattern: /^(?<device>.+?)(?:锁了吗|锁上了吗|锁好了吗|锁着吗|有没有锁|有没有锁上|锁没锁|是不是锁着的?|是否锁上|是锁着的吗)$/,
    build: (g, ctx) => deviceState(ctx, g.device ?? '', 'locked'),
  },
  {
    name: '灯开着吗',
    pattern:
      /^(?<device>.+?)(?:开着吗|关了吗|关着吗|是开着的吗|开了吗|关上了吗|是不是开着的?|是开着还是关着的?|的状态|状态怎么样|什么状态)$/,
    build: (g, ctx) => deviceState(ctx, g.device ?? '', 'any'),
  },
  {
    name: '客厅的温度是多少',
    pattern:
      /^(?:现在)?(?<device>.+?)(?:现在)?(?:的)?(?<q>温度|气温|湿度)(?:现在)?(?:是)?(?:多少|几度|怎么样|多高)?(?:度)?$|^(?<device2>.+?)(?:现在)?(?:多少度|几度)$/,
    build: (g, ctx) => deviceState(ctx, g.device ?? g.device2 ?? '', g.q === '湿度' ? 'humidity' : 'temperature'),
  },

  // Arithmetic and units
  {
    name: '5英里等于多少公里',
    pattern:
      /^(?:请问)?(?<quantity>.+?)(?:等于|是|合|换算成|折合|相当于)多少(?<to>.+)$|^把(?<quantity2>.+?)(?:换算成|转换成|换成|转成|转换为|换算为|换算|转换)(?<to2>.+)$/,
    build: (g, ctx) => {
      const quantity = parseQuantity(g.quantity ?? g.quantity2 ?? '');
      const to = findUnit(g.to ?? g.to2 ?? '');
      if (!quantity || !to || to.quantity !== quantity.unit.quantity) return null;
      return call(ctx, 'convert_units', { value: quantity.value, from: quantity.unit.id, to: to.id });
    },
  },
  {
    name: '十二乘以七等于多少',
    pattern: /^(?:算一下|算算|计算一下|计算|算|请问)?(?<expression>.+?)$/,
    build: (g, ctx) => {
      const expression = chineseExpression(g.expression ?? '');
      return expression ? call(ctx, 'calculate', { expression }) : null;
    },
  },

  // Notes
  {
    name: '记一下…',
    pattern: /^(?:记一下|记下来|记下|记住|记录一下|记录|做个笔记|写下来|写下|备忘)[:：,，]?(?<text>.+)$/,
    build: (g, ctx) => call(ctx, 'note_add', { text: g.text }),
  },

  // Device control
  {
    name: '把卧室的灯调到百分之四十',
    pattern:
      /^(?:把|将)?(?<device>.+?)(?:的)?(?:亮度)?(?:调到|调成|设为|设置为|设成|调至|调暗到|调亮到|调暗至|调亮至)(?<level>.+)$/,
    build: (g, ctx) => {
      const n = level(g.level);
      return n === null ? null : deviceCommand(ctx, g.device ?? '', 'brightness', n);
    },
  },
  {
    name: '把客厅的灯打开',
    pattern: new RegExp(`^(?:把|将)(?<device>.+?)(?:给)?(?<wish>${WISH_WORDS})(?:一下)?(?:来|了)?$`),
    build: (g, ctx) => deviceCommand(ctx, g.device ?? '', WISH[g.wish!]!),
  },
  {
    name: '打开客厅的灯',
    pattern: new RegExp(`^(?<wish>${WISH_WORDS})(?:一下)?(?<device>.+)$`),
    // A one-character verb ("开", "关", "锁") starts many words ("开心", "关于"): only a known device counts.
    build: (g, ctx) => {
      const result = deviceCommand(ctx, g.device ?? '', WISH[g.wish!]!);
      return g.wish!.length === 1 ? onlyKnownDevices(result) : result;
    },
  },
  {
    name: '客厅的灯打开',
    pattern: new RegExp(`^(?<device>.+?)(?<wish>${WISH_WORDS})(?:一下)?$`),
    build: (g, ctx) => onlyKnownDevices(deviceCommand(ctx, g.device ?? '', WISH[g.wish!]!)),
  },
];
