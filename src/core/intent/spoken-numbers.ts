// Numbers as people say or type them: digits ("40", "2.5", "1,000", full-width "４０"), English words
// ("twenty-five", "a hundred and five") and Chinese numerals ("十二", "两千三百", "一百零五", "三点五").
// "Half" is not a number on its own here: durations handle "an hour and a half" / "一个半小时".

const ENGLISH_UNITS: Record<string, number> = {
  zero: 0,
  oh: 0,
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const ENGLISH_SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000 };

const CHINESE_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  俩: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const CHINESE_SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const CHINESE_BIG_UNITS: Record<string, number> = { 万: 10_000, 萬: 10_000, 亿: 100_000_000 };

/** Characters that can make up a Chinese numeral (for regexes that capture one). */
export const CHINESE_NUMERAL_CHARS = '零〇一壹二贰两俩三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿点';

/** Full-width digits and signs to ASCII, so "４０％" reads like "40%". */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

function parseDigits(text: string): number | null {
  const t = text.replace(/,(?=\d{3}\b)/g, '');
  return /^[+-]?(\d+(\.\d+)?|\.\d+)$/.test(t) ? Number(t) : null;
}

/** English number words, e.g. "twenty-five", "a hundred and five", "two thousand three hundred". */
export function parseEnglishNumber(text: string): number | null {
  const words = text
    .toLowerCase()
    .replace(/-/g, ' ')
    .split(/\s+/)
    .filter((w) => w && w !== 'and');
  if (words.length === 0) return null;
  let total = 0;
  let group = 0;
  let sawAny = false;
  for (const word of words) {
    if (word in ENGLISH_UNITS) {
      // "a"/"an" are only "one" in front of a scale ("a hundred") or alone.
      group += ENGLISH_UNITS[word]!;
      sawAny = true;
    } else if (word === 'hundred') {
      group = (group || 1) * 100;
      sawAny = true;
    } else if (word in ENGLISH_SCALES) {
      total += (group || 1) * ENGLISH_SCALES[word]!;
      group = 0;
      sawAny = true;
    } else {
      const digits = parseDigits(word);
      if (digits === null) return null;
      group += digits;
      sawAny = true;
    }
  }
  return sawAny ? total + group : null;
}

function parseChineseInteger(text: string): number | null {
  if (text === '') return null;
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const ch of text) {
    if (ch in CHINESE_DIGITS) {
      digit = CHINESE_DIGITS[ch]!;
    } else if (/[0-9]/.test(ch)) {
      digit = (digit ?? 0) * 10 + Number(ch);
    } else if (ch in CHINESE_SMALL_UNITS) {
      // "十二" starts with its unit: the missing digit is one.
      section += (digit ?? 1) * CHINESE_SMALL_UNITS[ch]!;
      digit = null;
    } else if (ch in CHINESE_BIG_UNITS) {
      total += (section + (digit ?? 0) || 1) * CHINESE_BIG_UNITS[ch]!;
      section = 0;
      digit = null;
    } else {
      return null;
    }
  }
  return total + section + (digit ?? 0);
}

/** Chinese numerals, also mixed with digits ("5万", "3千") and with a decimal point ("三点五"). */
export function parseChineseNumber(text: string): number | null {
  const t = toHalfWidth(text.trim());
  if (t === '') return null;
  const digits = parseDigits(t);
  if (digits !== null) return digits;
  const [whole, fraction, extra] = t.split('点');
  if (extra !== undefined) return null;
  const intPart = parseChineseInteger(whole ?? '');
  if (intPart === null) return null;
  if (fraction === undefined) return intPart;
  // Digits after 点 are read one by one: 三点一四 = 3.14.
  let decimals = '';
  for (const ch of fraction) {
    if (ch in CHINESE_DIGITS) decimals += String(CHINESE_DIGITS[ch]);
    else if (/[0-9]/.test(ch)) decimals += ch;
    else return null;
  }
  return decimals ? Number(`${intPart}.${decimals}`) : null;
}

/** Any of the above: digits, English words or Chinese numerals. */
export function parseSpokenNumber(text: string): number | null {
  const t = toHalfWidth(text.trim());
  return parseDigits(t) ?? parseEnglishNumber(t) ?? parseChineseNumber(t);
}
