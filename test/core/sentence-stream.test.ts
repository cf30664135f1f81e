import { describe, expect, it } from 'vitest';
import { SentenceStream, type SentenceStreamOptions } from '../../src/core/sentence-stream';

const whole = (text: string, options?: SentenceStreamOptions): string[] => {
  const s = new SentenceStream(options);
  return [...s.update(text), ...s.finish()];
};

/** Feeds the text in pieces of the given sizes (cycled), as an LLM stream would. */
const streamed = (text: string, sizes: number[], options?: SentenceStreamOptions): string[] => {
  const s = new SentenceStream(options);
  const out: string[] = [];
  for (let end = 0, i = 0; end < text.length; i++) {
    end = Math.min(text.length, end + sizes[i % sizes.length]!);
    out.push(...s.update(text.slice(0, end)));
  }
  return [...out, ...s.finish()];
};

const ANSWER =
  'Sure! The kettle uses about 1.5 kWh per day, e.g. when boiling twice. Dr. Smith agrees with that. ' +
  'Then it cools down (slowly). Here is a longer one, which has several clauses; it goes on, and on, and on, and keeps ' +
  'going well past any sensible length for a single breath, so that the splitter has to cut it somewhere sensible, ' +
  'like after a comma, before it finally ends. 你好，世界。我们走吧！Done.';

describe('SentenceStream', () => {
  it('splits whole text into sentences, keeping decimals and "e.g." inside them', () => {
    expect(whole('The kettle uses 1.5 kWh per day, e.g. when boiling twice. Then it cools down. It is off now.')).toEqual([
      'The kettle uses 1.5 kWh per day, e.g. when boiling twice.',
      'Then it cools down.',
      'It is off now.',
    ]);
  });

  it('does not end a sentence after a title like "Dr." that Intl.Segmenter would split on', () => {
    expect(whole('I asked Dr. Smith about the lights today. He said yes.')).toEqual([
      'I asked Dr. Smith about the lights today.',
      'He said yes.',
    ]);
  });

  it('joins very short sentences to the next one', () => {
    expect(whole('Sure! Here is how to do it properly. Ok.')).toEqual(['Sure! Here is how to do it properly.', 'Ok.']);
  });

  it('cuts a very long sentence after a clause boundary within the limit', () => {
    const parts = whole(ANSWER, { maxChars: 120 });
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(120);
    const cut = parts.find((p) => p.startsWith('Here is a longer one'))!;
    expect(cut).toMatch(/[,;]$/);
    expect(parts.join(' ').replace(/\s+/g, '')).toBe(ANSWER.replace(/\s+/g, ''));
  });

  it('cuts text without spaces or punctuation at the limit', () => {
    const parts = whole('字'.repeat(50), { maxChars: 20 });
    expect(parts).toEqual(['字'.repeat(20), '字'.repeat(20), '字'.repeat(10)]);
  });

  it('never returns the unfinished last sentence before finish()', () => {
    const s = new SentenceStream();
    expect(s.update('The lights are now on in the kitchen.')).toEqual([]);
    expect(s.update('The lights are now on in the kitchen. The hall')).toEqual(['The lights are now on in the kitchen.']);
    expect(s.update('The lights are now on in the kitchen. The hall is still dark. 3.')).toEqual(['The hall is still dark.']);
    expect(s.update('The lights are now on in the kitchen. The hall is still dark. 3.5 degrees outside.')).toEqual([]);
    expect(s.finish()).toEqual(['3.5 degrees outside.']);
  });

  it('waits for a letter after a boundary the Unicode rules could still take back', () => {
    const s = new SentenceStream();
    expect(s.update('The door is locked now. (')).toEqual([]);
    expect(s.update('The door is locked now. (and the window')).toEqual([]);
    expect(s.finish()).toEqual(['The door is locked now. (and the window']);
  });

  it('gives the same sentences however the text is chunked', () => {
    const expected = whole(ANSWER, { maxChars: 120 });
    expect(expected.length).toBeGreaterThan(5);
    for (const sizes of [[1], [2, 3], [7], [1, 13, 4], [40]]) {
      expect(streamed(ANSWER, sizes, { maxChars: 120 }), `chunks ${sizes}`).toEqual(expected);
    }
  });

  it('splits Chinese on its own sentence marks', () => {
    expect(whole('今天天气很好，我们去公园散步吧。你觉得怎么样？我觉得很好！', { locale: 'zh', minChars: 4 })).toEqual([
      '今天天气很好，我们去公园散步吧。',
      '你觉得怎么样？',
      '我觉得很好！',
    ]);
  });
});
