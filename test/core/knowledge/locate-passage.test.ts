import { describe, expect, test } from 'vitest';
import { locatePassage } from '../../../src/core/knowledge/locate-passage';
import { chunkBlocks } from '../../../src/core/knowledge/chunking';
import { markdownBlocks, plainTextBlocks } from '../../../src/core/knowledge/text-blocks';

const at = (doc: string, passage: string) => {
  const r = locatePassage(doc, passage);
  return r && doc.slice(r[0], r[1]);
};

describe('locatePassage', () => {
  test('a verbatim passage is found, from its first to its last letter or digit', () => {
    const doc = 'Intro.\n\nThe valve opens at 2 bar.\n\nEnd.';
    expect(at(doc, 'The valve opens at 2 bar.')).toBe('The valve opens at 2 bar');
  });

  test('lines joined with spaces and markdown marks removed still match', () => {
    const doc = '# Boiler\n\nThe **pressure** valve\nopens at `2 bar`.\n\n## Next\n\nMore.';
    expect(at(doc, 'The pressure valve opens at 2 bar.')).toBe('The **pressure** valve\nopens at `2 bar');
  });

  test('a link whose address is dropped is anchored by its first and last words', () => {
    const doc = 'Read the [boiler manual](https://example.invalid/a/very/long/address) before you start it up.';
    const found = at(doc, 'Read the boiler manual before you start it up.');
    expect(found?.startsWith('Read the [boiler')).toBe(true);
    expect(found?.endsWith('start it up')).toBe(true);
  });

  test('every chunk of a markdown and a plain document is found', () => {
    const md = Array.from(
      { length: 40 },
      (_, i) => `## Part ${i}\n\nText of *part* ${i}, with a [link](x://y) and more words.`,
    ).join('\n\n');
    for (const c of chunkBlocks(markdownBlocks(md))) expect(locatePassage(md, c.text), c.text).not.toBeNull();
    const txt = Array.from({ length: 300 }, (_, i) => `Line ${i} about the heating.`).join('\n');
    for (const c of chunkBlocks(plainTextBlocks(txt))) expect(at(txt, c.text)?.length).toBeGreaterThan(0);
  });

  test('Chinese text', () => {
    const doc = '第一段。\n\n锅炉的压力应保持在一点五巴。\n\n结束。';
    expect(at(doc, '锅炉的压力应保持在一点五巴。')).toBe('锅炉的压力应保持在一点五巴');
  });

  test('a passage that is not there', () => {
    expect(locatePassage('nothing here', 'something else entirely')).toBeNull();
    expect(locatePassage('text', '...')).toBeNull();
  });
});
