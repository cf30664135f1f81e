import { describe, expect, test } from 'vitest';
import { inertHtml } from '../../../src/core/knowledge/inert-html';

describe('inertHtml', () => {
  test('start tags lose every attribute, quoted values with > included', () => {
    expect(inertHtml('<p style="color:red" class=a>Hi <a title="x > y" href=\'/z\' onclick="go()">there</a><br/></p>')).toBe(
      '<p>Hi <a>there</a><br/></p>',
    );
  });

  test('an image with an error handler keeps no src and no handler', () => {
    expect(inertHtml('<img src="http://example.invalid/x.png" onerror="window.y=1">after')).toBe('<img>after');
  });

  test('style elements go, unclosed ones to the end', () => {
    expect(inertHtml('<head><style media="x">p { color: red } </style></head><p>text</p>')).toBe('<head></head><p>text</p>');
    expect(inertHtml('<p>a</p><STYLE>p{}')).toBe('<p>a</p>');
  });

  test('text, end tags and comments are left alone', () => {
    expect(inertHtml('a < b and c > d <!-- <b x=1> --> </p>')).toBe('a < b and c > d <!-- <b> --> </p>');
  });

  test('a file of unclosed tags takes linear time', () => {
    const unclosed = '<a b ';
    const time = (repeats: number) => {
      const text = unclosed.repeat(repeats);
      const start = performance.now();
      expect(inertHtml(text)).toBe(text); // nothing there is a whole start tag
      return performance.now() - start;
    };
    time(2_000); // warm-up
    const small = Math.min(time(10_000), time(10_000));
    const big = Math.min(time(120_000), time(120_000)); // twelve times the text
    // Quadratic work would take 144 times as long for 12 times the text; linear, about 12 times.
    // The bound is loose so a loaded machine cannot fail it, and tight enough that quadratic would.
    expect(big / Math.max(small, 1)).toBeLessThan(50);
  });
});
