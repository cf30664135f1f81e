// Arithmetic as people say it, turned into an expression the calculator reads:
// "what is twelve times 7" → "12 * 7", "十二乘以七" → "12*7", "百分之十五的八十" → "15%的80".
import { calculate } from '../tools/calculator';
import { CHINESE_NUMERAL_CHARS, parseChineseNumber, parseEnglishNumber, toHalfWidth } from './spoken-numbers';

const ENGLISH_OPERATORS: ReadonlyArray<[RegExp, string]> = [
  [/\bmultiplied by\b|\btimes\b|\bx\b|×/g, ' * '],
  [/\bdivided by\b|\bover\b|÷/g, ' / '],
  [/\bplus\b|\badd\b/g, ' + '],
  [/\bminus\b|\btake away\b/g, ' - '],
  [/\bto the power of\b|\bto the\b/g, ' ^ '],
  [/\bsquared\b/g, ' ^ 2 '],
  [/\bcubed\b/g, ' ^ 3 '],
  [/\s*\b(percent|per cent)\b/g, '% '],
];

const ENGLISH_NUMBER_WORD =
  /\b(?:(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million)(?:[\s-]+(?:and\s+)?)?)+/g;

const HAS_OPERATOR = /[+\-*/^%]|of/;

function checked(expression: string): string | null {
  const tidy = expression.replace(/\s+/g, ' ').trim();
  if (!HAS_OPERATOR.test(tidy) || !/\d/.test(tidy)) return null;
  if (!/^[\d.,+\-*/^%() ]*(of[\d.,+\-*/^%() ]*)*$/.test(tidy)) return null;
  return calculate(tidy).ok ? tidy : null;
}

/** An English arithmetic question's expression, or null when it is not only arithmetic. */
export function englishExpression(text: string): string | null {
  let t = toHalfWidth(text).toLowerCase();
  for (const [pattern, symbol] of ENGLISH_OPERATORS) t = t.replace(pattern, symbol);
  t = t.replace(ENGLISH_NUMBER_WORD, (words) => {
    const n = parseEnglishNumber(words.trim());
    return n === null ? words : ` ${n} `;
  });
  return checked(t);
}

const CHINESE_NUMERAL_RUN = new RegExp(`[${CHINESE_NUMERAL_CHARS}0-9.]+`, 'g');

/** A Chinese arithmetic question's expression, or null. */
export function chineseExpression(text: string): string | null {
  let t = toHalfWidth(text)
    .replace(/(等于|是|得)(多少|几)$/, '')
    .replace(/等于$/, '');
  t = t.replace(new RegExp(`百分之([${CHINESE_NUMERAL_CHARS}0-9.]+)`, 'g'), (_, n: string) => {
    const value = parseChineseNumber(n);
    return value === null ? n : `${value}%`;
  });
  t = t
    .replace(/的平方/g, '^2')
    .replace(/的立方/g, '^3')
    .replace(new RegExp(`的([${CHINESE_NUMERAL_CHARS}0-9]+)次方`, 'g'), '^$1');
  t = t.replace(CHINESE_NUMERAL_RUN, (run) => {
    const value = parseChineseNumber(run);
    return value === null ? run : ` ${value} `;
  });
  t = t
    .replace(/乘以|乘/g, ' * ')
    .replace(/除以/g, ' / ')
    .replace(/加上|加/g, ' + ')
    .replace(/减去|减/g, ' - ')
    .replace(/的/g, ' of ');
  return checked(t);
}
