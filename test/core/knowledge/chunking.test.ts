import { describe, expect, test } from 'vitest';
import { chunkBlocks, DEFAULT_CHUNKING, type ChunkOptions } from '../../../src/core/knowledge/chunking';
import { markdownBlocks, pagedBlocks, plainTextBlocks } from '../../../src/core/knowledge/text-blocks';
import { estimateTokens } from '../../../src/core/context-window';

const SMALL: ChunkOptions = { targetTokens: 40, maxTokens: 60, overlapTokens: 10 };
const sentence = (i: number) => `Sentence number ${i} tells about the boiler and its pressure valve.`;

describe('chunkBlocks', () => {
  test('a heading starts a passage and the passage carries the heading path', () => {
    const blocks = markdownBlocks(
      ['# Boiler', 'Intro text.', '## Pressure', 'Keep it at 1.5 bar.', '## Noise', 'Bleed the radiators.'].join('\n\n'),
    );
    const chunks = chunkBlocks(blocks);
    expect(chunks.map((c) => c.text)).toEqual([
      'Boiler\nIntro text.',
      'Pressure\nKeep it at 1.5 bar.',
      'Noise\nBleed the radiators.',
    ]);
    expect(chunks.map((c) => c.headings)).toEqual([['Boiler'], ['Boiler', 'Pressure'], ['Boiler', 'Noise']]);
    expect(chunks.every((c) => c.overlapChars === 0)).toBe(true);
  });

  test('paragraphs and list items stay whole while they fit, then the next passage overlaps', () => {
    const blocks = plainTextBlocks(Array.from({ length: 12 }, (_, i) => sentence(i)).join('\n\n'));
    const chunks = chunkBlocks(blocks, SMALL);
    expect(chunks.length).toBeGreaterThan(3);
    for (const [i, chunk] of chunks.entries()) {
      expect(chunk.tokens).toBeLessThanOrEqual(SMALL.maxTokens);
      expect(chunk.tokens).toBe(estimateTokens(chunk.text));
      if (i === 0) continue;
      expect(chunk.overlapChars).toBeGreaterThan(0);
      const lead = chunk.text.slice(0, chunk.overlapChars - 1);
      expect(chunks[i - 1]!.text.endsWith(lead), `passage ${i} repeats the end of passage ${i - 1}`).toBe(true);
    }
    // every sentence is whole in some passage
    for (let i = 0; i < 12; i++) expect(chunks.some((c) => c.text.includes(sentence(i)))).toBe(true);
  });

  test('a long block is cut at sentence ends under the hard cap', () => {
    const text = Array.from({ length: 30 }, (_, i) => sentence(i)).join(' ');
    const chunks = chunkBlocks([{ kind: 'paragraph', text }], SMALL);
    for (const c of chunks) {
      expect(c.tokens).toBeLessThanOrEqual(SMALL.maxTokens);
      expect(c.text.slice(c.overlapChars)).toMatch(/^Sentence number \d+ .*valve\.$/);
    }
  });

  test('Chinese text without spaces is cut at its own sentence ends', () => {
    const text = '锅炉的压力应该保持在一点五巴。'.repeat(40);
    const chunks = chunkBlocks([{ kind: 'paragraph', text }], SMALL);
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) {
      expect(c.tokens).toBeLessThanOrEqual(SMALL.maxTokens);
      expect(c.text.slice(c.overlapChars)).toMatch(/。$/);
    }
  });

  test('text with no break at all is cut hard, never inside a surrogate pair', () => {
    const text = 'a😀'.repeat(500);
    const chunks = chunkBlocks([{ kind: 'paragraph', text }], SMALL);
    for (const c of chunks) {
      expect(c.tokens).toBeLessThanOrEqual(SMALL.maxTokens);
      expect(c.text).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
    }
    expect(chunks.map((c) => c.text.slice(c.overlapChars)).join('')).toBe(text);
  });

  test('PDF pages start passages and name their page', () => {
    const chunks = chunkBlocks(pagedBlocks(['Page one words.', '', 'Page three words.\n\nMore on three.']));
    expect(chunks.map((c) => [c.page, c.text])).toEqual([
      [1, 'Page one words.'],
      [3, 'Page three words.\nMore on three.'],
    ]);
  });

  test('a 5 MB single line is chunked in linear time', () => {
    const word = 'pressure ';
    const small = word.repeat(50_000);
    const big = word.repeat(600_000); // 5.4 MB, twelve times the small one
    const time = (text: string) => {
      const start = performance.now();
      const chunks = chunkBlocks(plainTextBlocks(text));
      return { ms: performance.now() - start, chunks };
    };
    time(small); // warm-up
    const a = time(small);
    const b = time(big);
    expect(b.chunks.every((c) => c.tokens <= DEFAULT_CHUNKING.maxTokens)).toBe(true);
    expect(b.chunks.length).toBeGreaterThan(a.chunks.length * 10);
    // Quadratic work would take 144 times as long for 12 times the text; linear, about 12 times.
    // The bound is loose so a loaded machine cannot fail it, and tight enough that quadratic would.
    expect(b.ms / Math.max(a.ms, 1)).toBeLessThan(50);
  });

  test('sizes that cannot fit are refused', () => {
    expect(() => chunkBlocks([], { targetTokens: 100, maxTokens: 110, overlapTokens: 20 })).toThrow(RangeError);
  });
});

describe('markdownBlocks', () => {
  test('headings, lists with continuation lines, code fences, inline marks', () => {
    const md = [
      'Title',
      '=====',
      '',
      'Some **bold** and [a link](https://example.com) and `code`.',
      '',
      '- first item',
      '  continues here',
      '2. second item',
      '',
      '```js',
      'let x = 1;',
      '```',
      '',
      '### Deep heading ###',
      '<script>alert(1)</script>',
    ].join('\n');
    expect(markdownBlocks(md)).toEqual([
      { kind: 'heading', level: 1, text: 'Title' },
      { kind: 'paragraph', text: 'Some bold and a link and code.' },
      { kind: 'list-item', text: 'first item continues here' },
      { kind: 'list-item', text: 'second item' },
      { kind: 'code', text: 'let x = 1;' },
      { kind: 'heading', level: 3, text: 'Deep heading' },
      { kind: 'paragraph', text: '<script>alert(1)</script>' },
    ]);
  });

  test('unmatched marks on a long line take linear time', () => {
    const time = (repeats: number) => {
      const start = performance.now();
      expect(markdownBlocks('[*_**`('.repeat(repeats))).toHaveLength(1);
      return performance.now() - start;
    };
    time(10_000); // warm-up
    const ratio = time(200_000) / Math.max(time(20_000), 1);
    expect(ratio, 'ten times the text; quadratic would be a hundred times the time').toBeLessThan(40);
  });
});
