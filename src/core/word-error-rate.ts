// Word error rate, for the Whisper benchmark: the fewest word substitutions, deletions and insertions
// that turn the reference into the hypothesis, over the reference's word count. Case and punctuation
// are not errors (references come as "A GOLDEN FORTUNE" and as "She had your dark suit."); numbers
// are not spelled out, so "1813" against "eighteen thirteen" counts as errors.

export interface WordErrors {
  substitutions: number;
  deletions: number;
  insertions: number;
  /** Words in the normalised reference: the denominator. */
  referenceWords: number;
}

/** Lower case, apostrophes dropped ("don't" = "dont"), every other run of non-letters and non-digits a
 *  word break ("well-known" = "well known"). */
export function werWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’ʼ]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Word-level Levenshtein alignment; among equally short alignments, substitutions are preferred. */
export function wordErrors(reference: string, hypothesis: string): WordErrors {
  const ref = werWords(reference);
  const hyp = werWords(hypothesis);
  // cost[i][j]: edits turning ref[0..i) into hyp[0..j), kept as two rows of [total, subs, dels, ins].
  type Cell = [number, number, number, number];
  let previous: Cell[] = hyp.map((_, j): Cell => [j + 1, 0, 0, j + 1]);
  previous.unshift([0, 0, 0, 0]);
  for (let i = 1; i <= ref.length; i++) {
    const row: Cell[] = [[i, 0, i, 0]];
    for (let j = 1; j <= hyp.length; j++) {
      const diagonal = previous[j - 1]!;
      const same = ref[i - 1] === hyp[j - 1];
      const options: Cell[] = [
        same ? diagonal : [diagonal[0] + 1, diagonal[1] + 1, diagonal[2], diagonal[3]],
        [previous[j]![0] + 1, previous[j]![1], previous[j]![2] + 1, previous[j]![3]],
        [row[j - 1]![0] + 1, row[j - 1]![1], row[j - 1]![2], row[j - 1]![3] + 1],
      ];
      row.push(options.reduce((best, c) => (c[0] < best[0] ? c : best)));
    }
    previous = row;
  }
  const [, substitutions, deletions, insertions] = previous[hyp.length]!;
  return { substitutions, deletions, insertions, referenceWords: ref.length };
}

export const errorCount = (e: WordErrors): number => e.substitutions + e.deletions + e.insertions;

/** Errors over reference words, pooled over every clip (not a mean of per-clip rates, which would
 *  let a two-word clip weigh as much as a forty-word one). An empty reference gives 0 when nothing
 *  was heard and Infinity otherwise. */
export function wordErrorRate(counts: WordErrors | readonly WordErrors[]): number {
  const all = Array.isArray(counts) ? counts : [counts as WordErrors];
  const errors = all.reduce((n, c) => n + errorCount(c), 0);
  const words = all.reduce((n, c) => n + c.referenceWords, 0);
  return words === 0 ? (errors === 0 ? 0 : Infinity) : errors / words;
}
