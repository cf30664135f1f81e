// The words keyword search compares, for English and Chinese in one text. Chinese has no spaces:
// ICU's dictionary word breaker (Intl.Segmenter) finds its words; Latin text is split at spaces and
// punctuation. English words lose stop words and are stemmed by Orama's own
// English tokenizer; Chinese words lose Orama's Mandarin stop words. Documents and questions go
// through the same function, so "valves" finds "valve" and 压力 finds 压力.
import { components, type Tokenizer } from '@orama/orama';
import { stopwords as englishStopWords } from '@orama/stopwords/english';
import { stopwords as mandarinStopWords } from '@orama/stopwords/mandarin';

const english = components.tokenizer.createTokenizer({ language: 'english', stemming: true, stopWords: englishStopWords });
const mandarinStops = new Set(mandarinStopWords);
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;

// ICU's breaker costs ~25x a regular expression (2,000 passages of 100 English words: 240 against
// 10 ms in Node), and importing or reopening a library splits every passage. So only runs of the
// scripts written without spaces go to it; words of spaced scripts are matched directly, the same
// way wherever they stand, so a question and a mixed-script passage always agree on them. A word:
// letters, marks, digits joined by an apostrophe or a full stop ("don't", "U.S", "1.5"), or by a
// comma between digits ("1,000"), as Unicode's word-break rules join them.
const UNSPACED = String.raw`\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}`;
const LETTER = String.raw`(?:(?![${UNSPACED}])[\p{L}\p{M}\p{N}_])`;
const PIECES = new RegExp(String.raw`([${UNSPACED}]+)|${LETTER}+(?:['’.]${LETTER}+|(?<=\p{N}),(?=\p{N})${LETTER}+)*`, 'gu');

/** Stemming is the same for a word every time; a library repeats its words thousands of times. */
const stems = new Map<string, string>();
const STEMS_KEPT = 50_000;

function normalized(lower: string): string {
  if (HAN.test(lower)) return mandarinStops.has(lower) ? '' : lower;
  let stem = stems.get(lower);
  if (stem === undefined) {
    if (stems.size >= STEMS_KEPT) stems.clear();
    stem = english.normalizeToken('', lower, true);
    stems.set(lower, stem);
  }
  return stem;
}

export interface WordSpan {
  /** The normalized form search compares. */
  word: string;
  /** Where the original word is in the text (UTF-16 offsets, end exclusive). */
  start: number;
  end: number;
}

/** Every searchable word of `text` with where it stands, in order (duplicates kept). */
export function searchWordSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  const add = (piece: string, start: number) => {
    const word = normalized(piece.toLowerCase());
    if (word) spans.push({ word, start, end: start + piece.length });
  };
  for (const match of text.matchAll(PIECES)) {
    const unspaced = match[1];
    if (unspaced === undefined) {
      add(match[0], match.index);
      continue;
    }
    for (const { segment, index, isWordLike } of segmenter.segment(unspaced)) if (isWordLike) add(segment, match.index + index);
  }
  return spans;
}

/** The distinct searchable words of `text`. */
export function searchWords(text: string): string[] {
  return [...new Set(searchWordSpans(text).map((s) => s.word))];
}

// Orama looks a question's words up as prefixes ("bre" finds "breaker", "bread", "brew"…), so a
// question of common short words scores most of a large library and sorts it. The words are
// stemmed already; a mark that ends every indexed and asked word makes each lookup a whole word.
const WORD_END = '\u0001';

/** Orama's tokenizer component built on searchWords: whole words only. */
export function mixedScriptTokenizer(): Tokenizer {
  return {
    language: 'english',
    normalizationCache: new Map(),
    tokenize: (raw: string) => (typeof raw === 'string' ? searchWords(raw).map((word) => word + WORD_END) : [raw]),
  };
}
