import { describe, expect, it } from 'vitest';
import { errorCount, werWords, wordErrorRate, wordErrors } from '../../src/core/word-error-rate';

describe('werWords', () => {
  it('ignores case and punctuation, drops apostrophes, breaks at hyphens', () => {
    expect(werWords('And so, my fellow Americans: ask NOT!')).toEqual(['and', 'so', 'my', 'fellow', 'americans', 'ask', 'not']);
    expect(werWords("Don’t stop—it's well-known.")).toEqual(['dont', 'stop', 'its', 'well', 'known']);
    expect(werWords('  \n ')).toEqual([]);
  });

  it('keeps letters of other scripts and digits as words', () => {
    expect(werWords('Grüße, 1813 Zürich')).toEqual(['grüße', '1813', 'zürich']);
  });
});

describe('wordErrors', () => {
  it('finds no error when only case and punctuation differ', () => {
    const e = wordErrors('A GOLDEN FORTUNE AND A HAPPY LIFE', ' A golden fortune, and a happy life.');
    expect(e).toEqual({ substitutions: 0, deletions: 0, insertions: 0, referenceWords: 7 });
  });

  it('counts one substitution, one deletion and one insertion where they are', () => {
    expect(wordErrors('she had your dark suit', 'she has your suit')).toEqual({
      substitutions: 1,
      deletions: 1,
      insertions: 0,
      referenceWords: 5,
    });
    expect(wordErrors('in greasy wash water', 'in the greasy wash water')).toEqual({
      substitutions: 0,
      deletions: 0,
      insertions: 1,
      referenceWords: 4,
    });
  });

  it('counts the fewest edits: a shifted sentence is one deletion and one insertion, not all substitutions', () => {
    const e = wordErrors('one two three four five', 'two three four five six');
    expect(errorCount(e)).toBe(2);
    expect(e.deletions).toBe(1);
    expect(e.insertions).toBe(1);
  });

  it('prefers a substitution to a deletion plus an insertion', () => {
    expect(wordErrors('cat', 'dog')).toEqual({ substitutions: 1, deletions: 0, insertions: 0, referenceWords: 1 });
  });

  it('treats an empty hypothesis as all deletions and an empty reference as all insertions', () => {
    expect(wordErrors('ask not what', '')).toEqual({ substitutions: 0, deletions: 3, insertions: 0, referenceWords: 3 });
    expect(wordErrors('', 'hello world')).toEqual({ substitutions: 0, deletions: 0, insertions: 2, referenceWords: 0 });
  });

  it('is symmetric in its edit count (deletions and insertions swap)', () => {
    const a = 'if the reader will excuse me i will say nothing';
    const b = 'if a reader will excuse me i say nothing at all';
    const ab = wordErrors(a, b);
    const ba = wordErrors(b, a);
    expect(errorCount(ab)).toBe(errorCount(ba));
    expect(ab.deletions).toBe(ba.insertions);
  });
});

describe('wordErrorRate', () => {
  it('is errors over reference words for one clip, and may exceed 1', () => {
    expect(wordErrorRate(wordErrors('she had your dark suit', 'she has your suit'))).toBeCloseTo(2 / 5);
    expect(wordErrorRate(wordErrors('hello', 'we hello you hello we'))).toBe(4);
  });

  it('pools clips by their word counts rather than averaging their rates', () => {
    const short = wordErrors('in eighteen thirteen', 'in 1813'); // 2 errors of 3 words
    const long = wordErrors('a b c d e f g h i j k l m n o p q', 'a b c d e f g h i j k l m n o p q'); // 0 of 17
    expect(wordErrorRate([short, long])).toBeCloseTo(2 / 20);
  });

  it('is 0 for nothing against nothing and Infinity for words against an empty reference', () => {
    expect(wordErrorRate(wordErrors('', ''))).toBe(0);
    expect(wordErrorRate(wordErrors('', 'noise'))).toBe(Infinity);
    expect(wordErrorRate([])).toBe(0);
  });
});
