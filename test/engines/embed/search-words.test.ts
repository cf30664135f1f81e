// Word splitting for keyword search: spaced scripts are matched by a regular expression and only
// runs of unspaced scripts go to ICU's breaker. The words and offsets must be the ones ICU's
// breaker gives over the whole text, which is what the index used before and what highlights rely on.
import { describe, expect, test } from 'vitest';
import { components } from '@orama/orama';
import { stopwords as englishStopWords } from '@orama/stopwords/english';
import { stopwords as mandarinStopWords } from '@orama/stopwords/mandarin';
import { searchWordSpans, searchWords, type WordSpan } from '../../../src/engines/embed/search-words';

const english = components.tokenizer.createTokenizer({ language: 'english', stemming: true, stopWords: englishStopWords });
const mandarinStops = new Set(mandarinStopWords);

/** ICU over the whole text, normalized the same way: the reference. */
function icuSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const { segment, index, isWordLike } of new Intl.Segmenter('zh', { granularity: 'word' }).segment(text)) {
    if (!isWordLike) continue;
    const lower = segment.toLowerCase();
    const word = /\p{Script=Han}/u.test(lower)
      ? mandarinStops.has(lower)
        ? ''
        : lower
      : english.normalizeToken('', lower, true);
    if (word) spans.push({ word, start: index, end: index + segment.length });
  }
  return spans;
}

const SAMPLES = [
  "Keep the boiler pressure between 1 and 1.5 bar. Don't bleed the radiators; it's autumn.",
  'The U.S.A. office costs $1,000.50 a month: e-mail bob@example.com or call +44 (0)20 7946 0958.',
  '锅炉的压力应该保持在一点五巴。每年秋天给暖气片放气。',
  'Set the Vaillant ecoTEC 831 to 60°C; the 温度 should be 60 度 in winter (冬天).',
  "rock'n'roll co-op naïve café Straße 3rd 10:30 a.m. 50% x86_64 file.txt v2.0.1",
  'カタカナとひらがなの日本語テキスト。한국어 문장도 있습니다.',
  'It’s the kids’ room — the children’s toys… OK? Ünïcödé ÀÉÎ résumé',
  '  \n\t',
  '',
];

describe('searchWordSpans', () => {
  test.each(SAMPLES)('gives the words and offsets of ICU over the whole text: %j', (text) => {
    expect(searchWordSpans(text)).toEqual(icuSpans(text));
  });

  test('a question and a mixed-script passage agree on their English words', () => {
    expect(searchWords('Boilers and valves')).toEqual(['boiler', 'valv']);
    expect(searchWords('锅炉boilers的valves压力').filter((w) => /[a-z]/.test(w))).toEqual(['boiler', 'valv']);
  });

  test('a 2 MB single line of mixed scripts is split to its last word', () => {
    const line = 'pressure valve 压力 '.repeat(100_000);
    const spans = searchWordSpans(line);
    expect(spans).toHaveLength(300_000);
    expect(spans.at(-1)).toMatchObject({ word: '压力', start: line.length - 3, end: line.length - 1 });
  });
});
