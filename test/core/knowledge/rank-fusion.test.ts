import { expect, test } from 'vitest';
import { fuseByRank, RRF_K } from '../../../src/core/knowledge/rank-fusion';

test('a hit both lists rank beats one ranked first by a single list', () => {
  const fused = fuseByRank({ keywords: ['a', 'b', 'c'], vectors: ['d', 'b', 'a'] }, 10);
  expect(fused.map((h) => h.id)).toEqual(['a', 'b', 'd', 'c']);
  expect(fused[0]!.from).toEqual({ keywords: 1 / (RRF_K + 1), vectors: 1 / (RRF_K + 3) });
  expect(fused[2]!.from).toEqual({ vectors: 1 / (RRF_K + 1) });
});

test('limit, empty lists and repeated ids', () => {
  expect(fuseByRank({ keywords: [], vectors: [] }, 5)).toEqual([]);
  const fused = fuseByRank({ keywords: ['x', 'x', 'y'] }, 1);
  expect(fused).toEqual([{ id: 'x', score: 1 / (RRF_K + 1), from: { keywords: 1 / (RRF_K + 1) } }]);
});
