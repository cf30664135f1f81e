import { describe, expect, test } from 'vitest';
import { readYesNo } from '../../../src/core/tools/spoken-reply';

describe('readYesNo: only a clear yes confirms', () => {
  test.each([
    'yes',
    'Yes.',
    'yeah',
    'yes please',
    'OK',
    'go ahead',
    'Do it!',
    '是',
    '是的',
    '好',
    '好的。',
    '确定',
    '可以',
    '好吧',
  ])('"%s" is yes', (text) => expect(readYesNo(text)).toBe('yes'));
  test.each([
    'no',
    'No!',
    'cancel',
    'nope',
    'not now',
    '不',
    '不要',
    '取消',
    '算了',
    '',
    '   ',
    // A misheard word, another request or a sentence that contains "yes" somewhere is not a yes.
    'yes no',
    'yesterday',
    'lock the back door',
    'I said yes to the other thing',
    '是不是',
    '好的不要',
  ])('"%s" is no', (text) => expect(readYesNo(text)).toBe('no'));
});
