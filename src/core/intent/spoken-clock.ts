// A time of day as people say it, as "HH:MM" (24-hour): "7am", "6:30 pm", "seven thirty",
// "早上七点", "七点半", "下午三点十五分", "晚上十点".
import { CHINESE_NUMERAL_CHARS, parseChineseNumber, parseEnglishNumber, toHalfWidth } from './spoken-numbers';

function format(hour: number, minute: number): string | null {
  if (!Number.isInteger(hour) || !Number.isInteger(minute) || hour < 0 || hour > 23 || minute < 0 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

function withPeriod(hour: number, afternoon: boolean, morning: boolean): number {
  if (afternoon && hour < 12) return hour + 12;
  if (morning && hour === 12) return 0;
  return hour;
}

export function parseEnglishClock(text: string): string | null {
  const t = toHalfWidth(text).toLowerCase().replace(/\./g, '').trim();
  const m = /^(.+?)(?:\s*(am|pm|in the morning|in the afternoon|in the evening|at night|o'clock))?$/.exec(t);
  if (!m) return null;
  const period = m[2] ?? '';
  const afternoon = /pm|afternoon|evening|night/.test(period);
  const morning = /am|morning/.test(period);
  const body = m[1]!.trim();
  const digits = /^(\d{1,2})(?::(\d{2}))?$/.exec(body);
  if (digits) return format(withPeriod(Number(digits[1]), afternoon, morning), Number(digits[2] ?? 0));
  const words = body.split(/\s+/);
  const hour = parseEnglishNumber(words[0]!);
  if (hour === null || words.length > 3) return null;
  const minute = words.length > 1 ? parseEnglishNumber(words.slice(1).join(' ')) : 0;
  if (minute === null) return null;
  return format(withPeriod(hour, afternoon, morning), minute);
}

const NUMERAL = `[${CHINESE_NUMERAL_CHARS}0-9]+`;
const CHINESE_CLOCK = new RegExp(
  `^(早上|上午|凌晨|中午|下午|傍晚|晚上|今晚|明早|明天早上|明天上午|明天下午|明天晚上)?(${NUMERAL})(?:点|:)(?:(半)|(${NUMERAL})分?|(一刻)|(三刻))?(?:钟)?$`,
);

export function parseChineseClock(text: string): string | null {
  const m = CHINESE_CLOCK.exec(toHalfWidth(text).replace(/\s+/g, ''));
  if (!m) return null;
  const [, period = '', hourText, half, minuteText, quarter, threeQuarters] = m;
  const hour = parseChineseNumber(hourText!);
  if (hour === null) return null;
  let minute = 0;
  if (half) minute = 30;
  else if (quarter) minute = 15;
  else if (threeQuarters) minute = 45;
  else if (minuteText) minute = parseChineseNumber(minuteText) ?? -1;
  const afternoon = /下午|傍晚|晚上|今晚/.test(period) || (period.includes('中午') && hour < 3);
  const morning = /早|上午|凌晨/.test(period);
  return format(withPeriod(hour, afternoon, morning), minute);
}
