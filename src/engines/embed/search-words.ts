// The words keyword search compares, for English and Chinese in one text. Chinese has no spaces:
// ICU's dictionary word breaker (Intl.Segmenter) finds its words, and the same breaker splits Latin
// text at spaces and punctuation. English words lose stop words and are stemmed by Orama's own
// English tokenizer; Chinese words lose Orama's Mandarin stop words. Documents and questions go
// through the same function, so "valves" finds "valve" and 压力 finds 压力.
import { components, type Tokenizer } from '@orama/orama';
import { stopwords as englishStopWords } from '@orama/stopwords/english';
import { stopwords as mandarinStopWords } from '@orama/stopwords/mandarin';

const english = components.tokenizer.createTokenizer({ language: 'english', stemming: true, stopWords: englishStopWords });
const mandarinStops = new Set(mandarinStopWords);
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;

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
  for (const { segment, index, isWordLike } of segmenter.segment(text)) {
    if (!isWordLike) continue;
    const lower = segment.toLowerCase();
    const word = HAN.test(lower) ? (mandarinStops.has(lower) ? '' : lower) : english.normalizeToken('', lower, true);
    if (word) spans.push({ word, start: index, end: index + segment.length });
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
