// The index itself with hand-made vectors (the embedding model is tested apart, in the embed
// service's tests): keyword ranking in English and Chinese, vector ranking, fusion, deletion.
import { describe, expect, test } from 'vitest';
import { PassageIndex, type IndexedPassage } from '../../../src/engines/embed/passage-index';
import { searchWords } from '../../../src/engines/embed/search-words';

const axis = (i: number, dims = 4) => Array.from({ length: dims }, (_, j) => (j === i ? 1 : 0));
const PASSAGES: IndexedPassage[] = [
  { id: 'boiler-1', docId: 'boiler', text: 'Keep the boiler pressure between 1 and 1.5 bar.', embedding: axis(0) },
  { id: 'boiler-2', docId: 'boiler', text: 'Bleed the radiators when the valves hiss.', embedding: axis(1) },
  { id: 'recipe-1', docId: 'recipes', text: 'Knead the dough for ten minutes.', embedding: axis(2) },
  { id: 'zh-1', docId: 'manual-zh', text: '锅炉的压力应该保持在一点五巴。', embedding: axis(3) },
];

async function filled(): Promise<PassageIndex> {
  const index = PassageIndex.create(4);
  await index.add(PASSAGES);
  return index;
}

describe('PassageIndex', () => {
  test('keywords: stems in English, dictionary words in Chinese, with highlight spans', async () => {
    const index = await filled();
    const [top] = await index.search('valve', null, 3);
    expect(top).toMatchObject({ id: 'boiler-2', keywordShare: 1 });
    const text = PASSAGES[1]!.text;
    expect(top!.matches.map(([s, e]) => text.slice(s, e))).toEqual(['valves']);

    const [zh] = await index.search('锅炉压力是多少', null, 3);
    expect(zh!.id).toBe('zh-1');
    expect(zh!.matches.map(([s, e]) => PASSAGES[3]!.text.slice(s, e))).toEqual(['锅炉', '压力']);
  });

  test('keywords match whole words, not every word that begins with the asked one', async () => {
    const index = PassageIndex.create(4);
    await index.add([
      { id: 'bread', docId: 'd', text: 'Bread rises overnight.', embedding: axis(0) },
      { id: 'brew', docId: 'd', text: 'Brewing takes an hour.', embedding: axis(1) },
      { id: 'bre', docId: 'd', text: 'Bre is a made-up word.', embedding: axis(2) },
    ]);
    const hits = await index.search('bre', null, 3);
    expect(hits.map((h) => h.id)).toEqual(['bre']);
  });

  test('vectors find a passage that shares no word with the question', async () => {
    const index = await filled();
    const hits = await index.search('how long to work bread', axis(2), 2);
    expect(hits[0]).toMatchObject({ id: 'recipe-1', keywordShare: 0, matches: [] });
  });

  test('a passage both rankings put high comes first', async () => {
    const index = await filled();
    const hits = await index.search('boiler pressure', axis(0), 4);
    expect(hits[0]!.id).toBe('boiler-1');
    expect(hits[0]!.keywordShare).toBeGreaterThan(0);
    expect(hits[0]!.keywordShare).toBeLessThan(1);
  });

  test('removing a document removes all its passages, and only those', async () => {
    const index = await filled();
    expect(await index.removeDocument('boiler')).toBe(2);
    expect(index.size).toBe(2);
    const hits = await index.search('boiler valves pressure', axis(0), 10);
    expect(hits.map((h) => h.docId)).not.toContain('boiler');
  });

  test('the same passage added twice is held once; wrong sizes are refused', async () => {
    const index = await filled();
    await index.add(PASSAGES.slice(0, 1));
    expect(index.size).toBe(4);
    await expect(index.add([{ ...PASSAGES[0]!, id: 'x', embedding: [1, 2] }])).rejects.toThrow(/2 numbers; this index holds 4/);
    await expect(index.search('boiler', [1], 1)).rejects.toThrow(/1 numbers/);
    expect(() => PassageIndex.create(0)).toThrow(/positive whole number/);
  });

  test('stop words alone find nothing by keyword', async () => {
    expect(searchWords('the of and 的 是')).toEqual([]);
    const index = await filled();
    expect(await index.search('the of and', null, 5)).toEqual([]);
  });
});
