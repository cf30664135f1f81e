// Hybrid search joins a keyword ranking and a vector ranking by rank, not by score: BM25 scores and
// cosine similarities are on scales that cannot be added, while a rank means the same in both.
// Reciprocal rank fusion: each list gives a hit 1 / (k + rank); k = 60 is the value of Cormack,
// Clarke and Büttcher (2009), which damps the difference between the first few places.

export interface FusedHit<Source extends string> {
  id: string;
  score: number;
  /** What each list gave the hit; a list that did not find it is absent. */
  from: Partial<Record<Source, number>>;
}

export const RRF_K = 60;

/** `rankings`: per source, ids best first. Ties keep the order of the first list that has the id. */
export function fuseByRank<Source extends string>(
  rankings: Record<Source, readonly string[]>,
  limit: number,
  k = RRF_K,
): FusedHit<Source>[] {
  const hits = new Map<string, FusedHit<Source>>();
  for (const source of Object.keys(rankings) as Source[]) {
    rankings[source].forEach((id, rank) => {
      const part = 1 / (k + rank + 1);
      const hit: FusedHit<Source> = hits.get(id) ?? { id, score: 0, from: {} };
      if (hit.from[source] !== undefined) return; // a list that names an id twice counts it once
      hit.from[source] = part;
      hit.score += part;
      hits.set(id, hit);
    });
  }
  return [...hits.values()].sort((a, b) => b.score - a.score).slice(0, limit);
}
