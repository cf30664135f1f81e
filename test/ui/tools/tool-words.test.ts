import { describe, expect, test } from 'vitest';
import { durationWords, languageOfLocale, say } from '../../../src/ui/tools/tool-words';

describe('tool sentences', () => {
  test('durations in English and Chinese', () => {
    expect(durationWords('en', 1)).toBe('1 second');
    expect(durationWords('en', 600)).toBe('10 minutes');
    expect(durationWords('en', 5400)).toBe('1 hour 30 minutes');
    expect(durationWords('en', 61)).toBe('1 minute 1 second');
    expect(durationWords('zh', 600)).toBe('10 分钟');
    expect(durationWords('zh', 5400)).toBe('1 小时30 分钟');
    expect(durationWords('en', 0)).toBe('0 seconds');
  });

  test('sentences fill their blanks; an unknown key falls back to its name, never throws', () => {
    expect(say('en', 'timerSet', { duration: '1 second' })).toBe('Timer set for 1 second.');
    expect(say('zh', 'time', { time: '07:30' })).toBe('现在是 07:30。');
    expect(say('en', 'confirmQuestion', { action: 'Unlock Front door' })).toBe('Unlock Front door? Say or tap yes or no.');
    expect(say('en', 'no-such-key' as 'yes')).toBe('no-such-key');
  });

  test('the UI language of a locale', () => {
    expect(languageOfLocale('zh-CN')).toBe('zh');
    expect(languageOfLocale('en-GB')).toBe('en');
  });
});
