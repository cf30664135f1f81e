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
});
