import { describe, expect, test } from 'vitest';
import { markedSpans } from '../../../src/core/knowledge/marked-spans';

describe('markedSpans', () => {
  test('cuts the text at the ranges, in order', () => {
    expect(
      markedSpans('check the boiler valve', [
        [17, 22],
        [10, 16],
      ]),
    ).toEqual([
      { text: 'check the ', marked: false },
      { text: 'boiler', marked: true },
      { text: ' ', marked: false },
      { text: 'valve', marked: true },
    ]);
  });

  test('merges overlaps, clips to the text, ignores empty ranges', () => {
    expect(
      markedSpans('abcdef', [
        [1, 3],
        [2, 4],
        [5, 99],
        [3, 3],
        [-4, 0],
      ]),
    ).toEqual([
      { text: 'a', marked: false },
      { text: 'bcd', marked: true },
      { text: 'e', marked: false },
      { text: 'f', marked: true },
    ]);
  });

  test('no ranges: one plain span, markup kept as text', () => {
    expect(markedSpans('<script>x</script>', [])).toEqual([{ text: '<script>x</script>', marked: false }]);
  });

  test('Chinese words by UTF-16 offsets', () => {
    expect(markedSpans('锅炉的压力阀', [[3, 5]])).toEqual([
      { text: '锅炉的', marked: false },
      { text: '压力', marked: true },
      { text: '阀', marked: false },
    ]);
  });
});
