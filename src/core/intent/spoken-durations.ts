// Lengths of time as people say them, in seconds: "5 minutes", "an hour and a half", "1h30",
// "half an hour", "十分钟", "一个半小时", "半个钟头", "一刻钟", "一小时零五分".
import { CHINESE_NUMERAL_CHARS, parseChineseNumber, parseEnglishNumber, toHalfWidth } from './spoken-numbers';

const ENGLISH_UNIT_SECONDS: ReadonlyArray<[RegExp, number]> = [
  [/^(hours?|hrs?|h)$/, 3600],
  [/^(minutes?|mins?|m)$/, 60],
  [/^(seconds?|secs?|s)$/, 1],
];

function englishUnitSeconds(word: string): number | null {
  for (const [pattern, seconds] of ENGLISH_UNIT_SECONDS) if (pattern.test(word)) return seconds;
  return null;
}

/** "5 minutes", "an hour and a half", "one and a half hours", "1 hour 30 minutes", "90s", "1h30m". */
export function parseEnglishDuration(text: string): number | null {
  let t = toHalfWidth(text)
    .toLowerCase()
    .trim()
    .replace(/(\d)([a-z])/g, '$1 $2')
    .replace(/([a-z])(\d)/g, '$1 $2');
  if (!t) return null;
  if (/^half an? (hour|minute)$/.test(t)) return t.endsWith('hour') ? 1800 : 30;
  if (/^(a )?quarter of an hour$/.test(t)) return 900;
  // "one and a half hours" → "1.5 hours"
  t = t.replace(/^(.+?) and a half (hours?|minutes?|seconds?)$/, (_, n: string, unit: string) => {
    const value = parseEnglishNumber(n);
    return value === null ? `${n} and a half ${unit}` : `${value + 0.5} ${unit}`;
  });
  const words = t.split(/[\s,]+/).filter((w) => w && w !== 'and');
  let total = 0;
  let pending: string[] = [];
  let sawUnit = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const unit = englishUnitSeconds(word);
    if (unit !== null && pending.length > 0) {
      const n = parseEnglishNumber(pending.join(' '));
      if (n === null) return null;
      total += n * unit;
      pending = [];
      sawUnit = true;
      // "an hour and a half": the half belongs to the unit just read.
      if (words[i + 1] === 'a' && words[i + 2] === 'half') {
        total += unit / 2;
        i += 2;
      }
    } else {
      pending.push(word);
    }
  }
  if (!sawUnit) return null;
  // "1 hour 30" / "1h30": a bare number after hours is minutes.
  if (pending.length > 0) {
    const n = parseEnglishNumber(pending.join(' '));
    if (n === null) return null;
    total += n * 60;
  }
  return total > 0 ? total : null;
}

const CHINESE_UNIT_SECONDS: ReadonlyArray<[string, number]> = [
  ['个小时', 3600],
  ['个钟头', 3600],
  ['个钟', 3600],
  ['小时', 3600],
  ['钟头', 3600],
  ['分钟', 60],
  ['分', 60],
  ['秒钟', 1],
  ['秒', 1],
];

const NUMERAL = `[0-9.${CHINESE_NUMERAL_CHARS}]+`;
const CHINESE_PART = new RegExp(`^(${NUMERAL})?(个)?(半)?(${CHINESE_UNIT_SECONDS.map(([u]) => u).join('|')})(半)?`);

/** "十分钟", "5分钟", "一个半小时", "半小时", "半个钟头", "一刻钟", "三刻钟", "一小时零五分", "两分半". */
export function parseChineseDuration(text: string): number | null {
  let t = toHalfWidth(text).replace(/\s+/g, '');
  if (!t) return null;
  let total = 0;
  let sawUnit = false;
  while (t.length > 0) {
    if (t.startsWith('零')) {
      t = t.slice(1);
      continue;
    }
    const quarter = new RegExp(`^(${NUMERAL})刻钟?`).exec(t);
    if (quarter) {
      const n = parseChineseNumber(quarter[1]!);
      if (n === null) return null;
      total += n * 900;
      sawUnit = true;
      t = t.slice(quarter[0].length);
      continue;
    }
    const part = CHINESE_PART.exec(t);
    if (!part) {
      // "一小时十五": a bare number after hours is minutes; after minutes, seconds.
      const rest = parseChineseNumber(t);
      if (rest === null || !sawUnit) return null;
      total += rest * (total % 3600 === 0 && total >= 3600 ? 60 : 1);
      break;
    }
    const [whole, numeral, , halfBefore, unitName, halfAfter] = part;
    const unit = CHINESE_UNIT_SECONDS.find(([u]) => u === unitName)![1];
    let n = numeral ? parseChineseNumber(numeral) : halfBefore ? 0 : null;
    // "个小时" with no number before it: "半个小时" has its half; "个小时" alone means one.
    if (n === null) n = halfBefore ? 0 : 1;
    total += n * unit + (halfBefore || halfAfter ? unit / 2 : 0);
    sawUnit = true;
    t = t.slice(whole.length);
  }
  return sawUnit && total > 0 ? total : null;
}

/** Either language. */
export function parseDuration(text: string): number | null {
  return parseEnglishDuration(text) ?? parseChineseDuration(text);
}
