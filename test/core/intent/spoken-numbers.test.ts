import { describe, expect, it } from 'vitest';
import { parseChineseNumber, parseEnglishNumber, parseSpokenNumber } from '../../../src/core/intent/spoken-numbers';

describe('spoken numbers', () => {
  it.each([
    ['一', 1],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十五', 25],
    ['两', 2],
    ['两百', 200],
    ['一百零五', 105],
    ['两千三百', 2300],
    ['一千零一十', 1010],
    ['三万五千', 35000],
    ['十万', 100000],
    ['零', 0],
    ['5万', 50000],
    ['三点五', 3.5],
    ['三点一四', 3.14],
    ['４０', 40],
  ])('reads the Chinese numeral %s as %d', (text, value) => {
    expect(parseChineseNumber(text)).toBe(value);
  });

  it.each([
    ['seven', 7],
    ['twenty-five', 25],
    ['twenty five', 25],
    ['a hundred and five', 105],
    ['two thousand three hundred', 2300],
    ['one million', 1_000_000],
    ['zero', 0],
    ['an', 1],
  ])('reads the English words "%s" as %d', (text, value) => {
    expect(parseEnglishNumber(text)).toBe(value);
  });

  it('reads digits with thousands separators and decimals', () => {
    expect(parseSpokenNumber('1,000')).toBe(1000);
    expect(parseSpokenNumber('2.5')).toBe(2.5);
  });

  it('refuses what is not a number', () => {
    expect(parseSpokenNumber('lots')).toBeNull();
    expect(parseChineseNumber('很多')).toBeNull();
    expect(parseChineseNumber('三点')).toBeNull();
    expect(parseEnglishNumber('seven dwarves')).toBeNull();
  });
});
