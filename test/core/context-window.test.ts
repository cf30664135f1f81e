import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/core/chat-types';
import {
  condense,
  defaultContextBudget,
  estimateTokens,
  fitContext,
  MESSAGE_OVERHEAD_TOKENS as MSG,
  PROMPT_OVERHEAD_TOKENS as PROMPT,
  scaledEstimate,
  tokenRatioFrom,
  type FitContextInput,
} from '../../src/core/context-window';

const user = (content: string): ChatMessage => ({ role: 'user', content });
const assistant = (content: string): ChatMessage => ({ role: 'assistant', content });
/** One token per character: makes the budget arithmetic in these tests exact. */
const chars = (text: string): number => [...text].length;
const fit = (over: Partial<FitContextInput>) =>
  fitContext({ system: '', history: [], budgetTokens: 2048, reserveForAnswer: 512, countTokens: chars, ...over });

describe('estimateTokens', () => {
  it('counts nothing for empty text', () => {
    expect(estimateTokens('')).toBe(0);
  });

  it('does not undercount English against real tokenizers', () => {
    // 10 tokens for Llama 3's and GPT-4's tokenizers.
    expect(estimateTokens('The quick brown fox jumps over the lazy dog.')).toBeGreaterThanOrEqual(10);
    // Prose at 3.5 characters a token.
    expect(estimateTokens('a'.repeat(350))).toBe(100);
  });

  it('counts every digit, since some tokenizers split numbers into digits', () => {
    expect(estimateTokens('1234567890')).toBe(10);
  });

  it('counts CJK text at more than one token a character', () => {
    const text = '今天天气很好，我们去公园散步吧。';
    expect(estimateTokens(text)).toBeGreaterThan([...text].length);
    // Far more than the same number of Latin characters.
    expect(estimateTokens(text)).toBeGreaterThan(3 * estimateTokens('a'.repeat([...text].length)));
    expect(estimateTokens('こんにちは')).toBeGreaterThanOrEqual(5);
    expect(estimateTokens('안녕하세요')).toBeGreaterThanOrEqual(5);
  });

  it('counts emoji as several tokens each, not per UTF-16 unit', () => {
    expect(estimateTokens('🙂')).toBe(3);
    expect(estimateTokens('🙂🙂')).toBe(6);
  });

  it('never shrinks as text grows', () => {
    let text = '';
    let previous = 0;
    for (const piece of ['Hello', ', ', '世界', ' 42', '!', ' 🙂', ' Привет']) {
      text += piece;
      const now = estimateTokens(text);
      expect(now).toBeGreaterThanOrEqual(previous);
      previous = now;
    }
  });
});

describe('defaultContextBudget', () => {
  it('keeps to small windows even when the model allows more', () => {
    expect(defaultContextBudget(4096)).toBe(2048);
    expect(defaultContextBudget(32768)).toBe(2048);
  });

  it('uses a smaller window as it is', () => {
    expect(defaultContextBudget(1024)).toBe(1024);
    expect(defaultContextBudget(2048)).toBe(2048);
    expect(defaultContextBudget(1500.7)).toBe(1500);
  });

  it("treats an unknown window as a small phone's", () => {
    expect(defaultContextBudget(0)).toBe(1024);
    expect(defaultContextBudget(Number.NaN)).toBe(1024);
    expect(defaultContextBudget(-5)).toBe(1024);
  });
});

describe('fitContext', () => {
  it('sends only the system prompt for an empty history, and nothing without one', () => {
    const r = fit({ system: 'Be kind.' });
    expect(r.messages).toEqual([{ role: 'system', content: 'Be kind.' }]);
    expect(r).toMatchObject({ dropped: 0, condensed: 0, truncatedSystem: false, truncatedLast: false });
    expect(r.usedTokens).toBe(PROMPT + 8 + MSG);
    expect(fit({}).messages).toEqual([]);
  });

  it('sends a conversation that fits unchanged and counts it exactly', () => {
    const history = [user('Hi'), assistant('Hello!'), user('How are you?')];
    const r = fit({ system: 'Be kind.', history });
    expect(r.messages).toEqual([{ role: 'system', content: 'Be kind.' }, ...history]);
    expect(r.usedTokens).toBe(PROMPT + (8 + 2 + 6 + 12) + 4 * MSG);
    expect(r.answerTokens).toBe(2048 - r.usedTokens);
    expect(r).toMatchObject({ dropped: 0, condensed: 0 });
  });

  it('whole recent turns, condensed middle turns, dropped oldest turns, in original order', () => {
    const history = [
      user('First question?'),
      assistant(`First answer. ${'x'.repeat(100)}`),
      user('Second question?'),
      assistant(`Second answer is here. ${'y'.repeat(200)}`),
      user('Third question?'),
      assistant('Third answer.'),
      user('Q'.repeat(20)),
    ];
    // Room = 300 - 128 - PROMPT; after the system prompt (15) and the question (25), 100 are left:
    // turn 3 whole (38), turn 2 only condensed (249 whole, 49 condensed), turn 1 not even condensed (39).
    const r = fit({ system: 'S'.repeat(10), history, budgetTokens: 300, reserveForAnswer: 128 });
    expect(r.messages).toEqual([
      { role: 'system', content: 'S'.repeat(10) },
      user('Second question?'),
      assistant('Second answer is here.…'),
      user('Third question?'),
      assistant('Third answer.'),
      user('Q'.repeat(20)),
    ]);
    expect(r).toMatchObject({ dropped: 2, condensed: 1, truncatedLast: false, truncatedSystem: false });
    expect(r.usedTokens).toBe(PROMPT + 15 + 21 + 28 + 20 + 18 + 25);
    expect(r.usedTokens).toBeLessThanOrEqual(300 - 128);
  });

  it('keeps condensing older turns once one had to be condensed, even if they would fit whole', () => {
    const history = [
      user('Old?'),
      assistant('Old one. Old two.'),
      user('Mid?'),
      assistant(`Mid one. ${'m'.repeat(300)}`),
      user('Now?'),
    ];
    // 150 left after the question (9): turn "Mid" only condensed (9 + 14), turn "Old" would fit whole
    // (9 + 22) but comes out condensed (9 + 14).
    const r = fit({ history, budgetTokens: PROMPT + 159 + 100, reserveForAnswer: 100 });
    expect(r.messages).toEqual([user('Old?'), assistant('Old one.…'), user('Mid?'), assistant('Mid one.…'), user('Now?')]);
    expect(r).toMatchObject({ dropped: 0, condensed: 2 });
  });

  it('stops at the first turn that does not fit even condensed, leaving no gap', () => {
    const history = [
      user('A?'),
      assistant('a.'),
      user('B'.repeat(500)),
      assistant('b.'),
      user('C?'),
      assistant('c.'),
      user('Now?'),
    ];
    // Room for "C" whole and a little more: "B" condensed (160 + 1 + 5, plus "b." 7) does not fit, and
    // the tiny turn "A" before it is dropped too rather than sent after a hole.
    const r = fit({ history, budgetTokens: PROMPT + 9 + 14 + 50 + 100, reserveForAnswer: 100 });
    expect(r.messages).toEqual([user('C?'), assistant('c.'), user('Now?')]);
    expect(r.dropped).toBe(4);
  });

  it('drops an answer that would open the history', () => {
    const history = [assistant('Hello! How can I help?'), user('Hi'), assistant('Hi there.'), user('Weather?')];
    const r = fit({ history });
    expect(r.messages).toEqual(history.slice(1));
    expect(r.dropped).toBe(1);
  });

  it('never sends an answer without its question when the question is dropped', () => {
    const history = [user('U'.repeat(400)), assistant('Short.'), user('Now?')];
    // The long question does not fit even condensed (165 tokens); its short answer would, alone.
    const r = fit({ history, budgetTokens: PROMPT + 9 + 40 + 50, reserveForAnswer: 50 });
    expect(r.messages).toEqual([user('Now?')]);
    expect(r.dropped).toBe(2);
  });

  it('drops system messages inside the history: the system prompt is the one passed', () => {
    const history = [{ role: 'system' as const, content: 'stale' }, user('Hi')];
    const r = fit({ system: 'Current.', history });
    expect(r.messages).toEqual([{ role: 'system', content: 'Current.' }, user('Hi')]);
    expect(r.dropped).toBe(1);
  });

  it('cuts the start of a question larger than the whole budget, keeping its end', () => {
    const question = `${'blah '.repeat(400)}So, what is the answer?`;
    const r = fit({
      system: 'Be brief.',
      history: [user('Earlier?'), assistant('Yes.'), user(question)],
      budgetTokens: 512,
      reserveForAnswer: 128,
    });
    const last = r.messages.at(-1)!;
    expect(r.truncatedLast).toBe(true);
    expect(last.role).toBe('user');
    expect(last.content.startsWith('…')).toBe(true);
    expect(last.content.endsWith('So, what is the answer?')).toBe(true);
    expect(question.endsWith(last.content.slice(1))).toBe(true);
    expect(r.messages[0]).toEqual({ role: 'system', content: 'Be brief.' });
    expect(r.messages).toHaveLength(2);
    expect(r.dropped).toBe(2);
    // Cut as little as possible: exactly at the room left.
    expect(r.usedTokens).toBe(512 - 128);
  });

  it('fits a long CJK question into a phone window with the estimated count', () => {
    const question = `${'这是一个很长的问题。'.repeat(200)}最后，答案是什么？`;
    const r = fitContext({
      system: '你是一个助手。',
      history: [user(question)],
      budgetTokens: 1024,
      reserveForAnswer: 256,
      countTokens: estimateTokens,
    });
    expect(r.truncatedLast).toBe(true);
    expect(r.messages.at(-1)!.content.endsWith('最后，答案是什么？')).toBe(true);
    expect(r.usedTokens).toBeLessThanOrEqual(1024 - 256);
    expect(r.answerTokens).toBeGreaterThanOrEqual(256);
  });

  it('never splits an emoji when cutting', () => {
    const r = fit({ history: [user('🙂'.repeat(300))], budgetTokens: 400, reserveForAnswer: 100 });
    const body = r.messages[0]!.content.slice(1);
    expect(body).toBe('🙂'.repeat([...body].length));
  });

  it('cuts the end of a system prompt that would crowd out the question, never below half the room', () => {
    const system = `Rule one. ${'Detail. '.repeat(200)}`;
    const question = 'Q'.repeat(50);
    const r = fit({ system, history: [user(question)], budgetTokens: 512, reserveForAnswer: 128 });
    const room = 512 - 128 - PROMPT;
    expect(r.truncatedSystem).toBe(true);
    expect(r.messages[0]!.content.startsWith('Rule one.')).toBe(true);
    expect(r.messages[0]!.content.endsWith('…')).toBe(true);
    expect(r.messages.at(-1)).toEqual(user(question));
    expect(r.usedTokens).toBe(PROMPT + room);

    // A huge question and a huge system prompt share the room half and half.
    const both = fit({ system, history: [user('Z'.repeat(2000))], budgetTokens: 512, reserveForAnswer: 128 });
    expect(both.truncatedSystem && both.truncatedLast).toBe(true);
    // Half, give or take a space trimmed before the "…".
    const systemCost = chars(both.messages[0]!.content) + MSG;
    expect(systemCost).toBeLessThanOrEqual(Math.floor(room / 2));
    expect(systemCost).toBeGreaterThanOrEqual(Math.floor(room / 2) - 2);
    expect(both.usedTokens).toBe(PROMPT + room);
  });

  it('caps the answer reserve at half the budget so the question always goes', () => {
    const r = fit({ history: [user('Hello there')], budgetTokens: 200, reserveForAnswer: 1000 });
    expect(r.messages).toEqual([user('Hello there')]);
    expect(r.answerTokens).toBe(200 - r.usedTokens);
    expect(r.answerTokens).toBeGreaterThanOrEqual(100);
  });

  it('keeps its invariants for every budget', () => {
    const history: ChatMessage[] = [];
    for (let i = 0; i < 12; i += 1) {
      history.push(user(`Question ${i}: ${'why '.repeat(i * 7)}?`));
      history.push(assistant(`Answer ${i}. ${'because '.repeat(i * 11)}. Done.`));
    }
    history.push(user('And finally?'));
    for (let budget = 130; budget <= 2400; budget += 37) {
      const r = fit({ system: 'Sys.', history, budgetTokens: budget, reserveForAnswer: 64 });
      expect(r.usedTokens, `budget ${budget}`).toBeLessThanOrEqual(budget - 64);
      expect(r.messages[0]).toEqual({ role: 'system', content: 'Sys.' });
      expect(r.messages.at(-1)).toEqual(user('And finally?'));
      expect(r.messages[1]?.role, `budget ${budget}`).toBe('user');
      expect(r.dropped + r.messages.length - 1).toBe(history.length);
      // Every sent message is an original, or an original's start with "…": in the original order.
      let from = 0;
      for (const m of r.messages.slice(1)) {
        const at = history.findIndex(
          (h, i) =>
            i >= from &&
            h.role === m.role &&
            (h.content === m.content || (m.content.endsWith('…') && h.content.startsWith(m.content.slice(0, -1)))),
        );
        expect(at, `budget ${budget}: ${m.content}`).toBeGreaterThanOrEqual(from);
        from = at + 1;
      }
    }
  });

  it('sends more history with a larger budget', () => {
    const history = Array.from({ length: 20 }, (_, i) => [
      user(`Question number ${i}?`),
      assistant(`Answer number ${i}.`),
    ]).flat();
    history.push(user('Last?'));
    const small = fit({ history, budgetTokens: 400, reserveForAnswer: 100 });
    const large = fit({ history, budgetTokens: 1200, reserveForAnswer: 100 });
    expect(large.messages.length).toBeGreaterThan(small.messages.length);
    expect(large.dropped).toBeLessThan(small.dropped);
  });
});

describe('condense', () => {
  it('cuts an answer to its first sentence', () => {
    expect(condense(assistant('Paris is the capital. It has 2 million people.'))).toEqual(assistant('Paris is the capital.…'));
    expect(condense(assistant('Really? Yes.'))).toEqual(assistant('Really?…'));
  });

  it('does not take a decimal point for the end of a sentence', () => {
    expect(condense(assistant('Version 3.5 is out. Update soon.'))).toEqual(assistant('Version 3.5 is out.…'));
  });

  it('ends a CJK sentence at its full stop without a following space', () => {
    expect(condense(assistant('巴黎是首都。它很大。'))).toEqual(assistant('巴黎是首都。…'));
  });

  it('cuts an answer at its first line, and caps a long first sentence', () => {
    expect(condense(assistant('Steps:\n1. Open.\n2. Close.'))).toEqual(assistant('Steps:…'));
    const long = condense(assistant(`${'word '.repeat(100)}end.`)).content;
    expect([...long].length).toBeLessThanOrEqual(201);
    expect(long.endsWith('…')).toBe(true);
  });

  it('cuts a question to its first 160 characters', () => {
    const q = condense(user('q'.repeat(500)));
    expect(q).toEqual(user(`${'q'.repeat(160)}…`));
  });

  it('leaves short messages as they are (the same object)', () => {
    const short = assistant('Only one sentence.');
    expect(condense(short)).toBe(short);
    const question = user('Short question?');
    expect(condense(question)).toBe(question);
  });
});

describe("learning a model's token ratio from an overflow", () => {
  it('scales the estimate up, never down, and refits a long history under the real window', () => {
    const history = Array.from({ length: 12 }, (_, i) => ({
      role: i % 2 ? ('assistant' as const) : ('user' as const),
      content: `Turn ${i}: ${'a little story about a cat and a dog. '.repeat(20)}`,
    }));
    const first = fitContext({ system: '', history, budgetTokens: 2048, reserveForAnswer: 256, countTokens: estimateTokens });
    // A tokenizer with a tiny vocabulary counts about twice what the estimate says.
    const real = (text: string) => Math.ceil(text.length / 1.75);
    const realUsed = first.messages.reduce((s, m) => s + real(m.content) + MSG, PROMPT);
    expect(realUsed).toBeGreaterThan(2048);
    const ratio = tokenRatioFrom(realUsed, first.usedTokens);
    expect(ratio).toBeGreaterThan(1.8);
    const second = fitContext({
      system: '',
      history,
      budgetTokens: 2048,
      reserveForAnswer: 256,
      countTokens: scaledEstimate(ratio),
    });
    const realAfter = second.messages.reduce((s, m) => s + real(m.content) + MSG, PROMPT);
    expect(realAfter).toBeLessThanOrEqual(2048 - 256);
    expect(second.messages.at(-1)).toEqual(history.at(-1));
    expect(scaledEstimate(0.5)('abcdefg')).toBe(estimateTokens('abcdefg'));
    expect(tokenRatioFrom(100, 0)).toBe(1);
  });
});
