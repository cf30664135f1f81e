import { describe, expect, it } from 'vitest';
import { SentenceStream } from '../../../src/core/sentence-stream';
import { joinedTurnText } from '../../../src/core/tools/turn-text';

describe('one growing text for a tool turn', () => {
  it('a growing answer passes through as it is', () => {
    const heard: string[] = [];
    const onText = joinedTurnText((t) => heard.push(t));
    ['It', 'It is', 'It is 42.'].forEach(onText);
    expect(heard).toEqual(['It', 'It is', 'It is 42.']);
  });

  it("a tool's sentence, then the answer: the answer follows it", () => {
    const heard: string[] = [];
    const onText = joinedTurnText((t) => heard.push(t));
    ['6 * 7 = 42\n', 'The', 'The answer is 42.'].forEach(onText);
    expect(heard).toEqual(['6 * 7 = 42\n', '6 * 7 = 42 The', '6 * 7 = 42 The answer is 42.']);
  });

  it('every text only grows, so the voice loop speaks each message whole', () => {
    const heard: string[] = [];
    const onText = joinedTurnText((t) => heard.push(t));
    ['That command could not run: too long.', 'Timer set for 2 seconds.', 'Done', 'Done now.'].forEach(onText);
    heard.reduce((before, text) => {
      expect(text.startsWith(before)).toBe(true);
      return text;
    }, '');
    const stream = new SentenceStream({ minChars: 1 });
    const spoken = [...heard.flatMap((t) => stream.update(t)), ...stream.finish()];
    expect(spoken.join(' ')).toBe('That command could not run: too long. Timer set for 2 seconds. Done now.');
  });
});
