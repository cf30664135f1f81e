import { describe, expect, it } from 'vitest';
import { parseChineseDuration, parseEnglishDuration } from '../../../src/core/intent/spoken-durations';
import { parseChineseClock, parseEnglishClock } from '../../../src/core/intent/spoken-clock';

describe('spoken durations', () => {
  it.each([
    ['5 minutes', 300],
    ['a minute', 60],
    ['an hour and a half', 5400],
    ['one and a half hours', 5400],
    ['half an hour', 1800],
    ['1 hour 30 minutes', 5400],
    ['1h30', 5400],
    ['90 seconds', 90],
    ['90s', 90],
    ['twenty five minutes', 1500],
    ['2.5 hours', 9000],
    ['a quarter of an hour', 900],
  ])('"%s" is %d s', (text, seconds) => {
    expect(parseEnglishDuration(text)).toBe(seconds);
  });

  it.each([
    ['十分钟', 600],
    ['5分钟', 300],
    ['一个小时', 3600],
    ['一个半小时', 5400],
    ['半小时', 1800],
    ['半个小时', 1800],
    ['半个钟头', 1800],
    ['两个钟头', 7200],
    ['一刻钟', 900],
    ['三刻钟', 2700],
    ['一小时零五分', 3900],
    ['一小时十五', 4500],
    ['两分半', 150],
    ['三十秒', 30],
  ])('"%s" is %d s', (text, seconds) => {
    expect(parseChineseDuration(text)).toBe(seconds);
  });

  it('refuses what is not a duration', () => {
    expect(parseEnglishDuration('5')).toBeNull();
    expect(parseEnglishDuration('five apples')).toBeNull();
    expect(parseEnglishDuration('a while')).toBeNull();
    expect(parseChineseDuration('一会儿')).toBeNull();
    expect(parseChineseDuration('十')).toBeNull();
  });
});

describe('spoken times of day', () => {
  it.each([
    ['7am', '07:00'],
    ['7 am', '07:00'],
    ['6:30', '06:30'],
    ['6:30 pm', '18:30'],
    ['12 am', '00:00'],
    ['seven thirty', '07:30'],
    ['ten in the evening', '22:00'],
  ])('"%s" is %s', (text, time) => {
    expect(parseEnglishClock(text)).toBe(time);
  });

  it.each([
    ['早上七点', '07:00'],
    ['七点半', '07:30'],
    ['下午三点十五分', '15:15'],
    ['晚上十点', '22:00'],
    ['六点一刻', '06:15'],
    ['8:45', '08:45'],
  ])('"%s" is %s', (text, time) => {
    expect(parseChineseClock(text)).toBe(time);
  });

  it('refuses impossible times', () => {
    expect(parseEnglishClock('25:00')).toBeNull();
    expect(parseChineseClock('三十点')).toBeNull();
  });
});
