import { describe, expect, it } from 'vitest';
import { AnswerTextStream } from '../../../src/core/tools/answer-text-stream';
import { arithmeticTools, clockTools } from '../../../src/core/tools/builtin-tools';
import { toolCallGrammar } from '../../../src/core/tools/tool-grammar';
import { parseGbnf, sample } from '../../support/gbnf-recognizer';

/** Feeds `pieces` and returns every piece of text handed back, and the stream. */
function feed(pieces: readonly string[]) {
  const stream = new AnswerTextStream();
  const out = pieces.map((p) => stream.push(p));
  return { out, stream };
}

/** JSON with every non-ASCII character written as \uXXXX (what some tokenizers make a model write). */
const asciiJson = (text: string) =>
  JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** A seeded generator, so a failure can be repeated. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function cutAt(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts)].sort((a, b) => a - b);
  const pieces: string[] = [];
  let at = 0;
  for (const p of points) {
    pieces.push(text.slice(at, p));
    at = p;
  }
  pieces.push(text.slice(at));
  return pieces;
}

/** Cuts by UTF-16 index may split a raw surrogate pair, which a tokenizer never does: keep pairs. */
const safeCuts = (text: string, cuts: number[]) =>
  cutAt(
    text,
    cuts.filter((i) => !(i > 0 && i < text.length && /[\udc00-\udfff]/.test(text[i]!))),
  );

const HARD = 'She said "hi" \\ then\nleft\t/ 😀 — 你好, ok\u0001.';

describe('AnswerTextStream', () => {
  it('hands back the answer text as it is written, and knows when the string ends', () => {
    const { out, stream } = feed(['{"ans', 'wer": "', 'Once', ' upon', ' a time', '."}']);
    expect(out).toEqual(['', '', 'Once', ' upon', ' a time', '.']);
    expect(stream.text).toBe('Once upon a time.');
    expect(stream.state).toBe('done');
  });

  it('is undecided until the opening is whole, then inside the answer', () => {
    const stream = new AnswerTextStream();
    stream.push('{"');
    expect(stream.state).toBe('undecided');
    stream.push('answer":');
    expect(stream.state).toBe('undecided');
    stream.push(' "');
    expect(stream.state).toBe('answer');
  });

  it('takes the spaces the grammar allows, and other JSON whitespace (WebLLM)', () => {
    for (const reply of ['{ "answer" : "x y" }', '{"answer":"x y"}', '\n{\n  "answer": "x y"\n}']) {
      expect(feed([reply]).stream.text, reply).toBe('x y');
    }
  });

  it('decodes every escape, whole or cut anywhere, the same as JSON.parse', () => {
    for (const encode of [JSON.stringify, asciiJson]) {
      const reply = `{"answer": ${encode(HARD)}}`;
      expect(JSON.parse(reply).answer).toBe(HARD);
      expect(feed([reply]).stream.text).toBe(HARD);
      for (let i = 0; i <= reply.length; i++) {
        for (const j of [i + 1, i + 2, i + 5]) {
          const pieces = safeCuts(reply, [i, j]);
          const { out, stream } = feed(pieces);
          expect(stream.text, JSON.stringify(pieces)).toBe(HARD);
          expect(out.join('')).toBe(HARD);
        }
      }
    }
  });

  it('never hands back half a surrogate pair, whichever escape boundary a piece ends on', () => {
    const reply = '{"answer": "a\\ud83d\\ude00b"}';
    for (let i = 0; i <= reply.length; i++) {
      const { out, stream } = feed([reply.slice(0, i), reply.slice(i)]);
      expect(stream.text).toBe('a😀b');
      for (const piece of out) expect(piece, `cut at ${i}`).not.toMatch(/[\ud800-\udbff]$/);
    }
  });

  it('one character at a time gives the same text', () => {
    const reply = `{"answer": ${asciiJson(HARD)}}`;
    const { out, stream } = feed([...reply]);
    expect(out.join('')).toBe(HARD);
    expect(stream.state).toBe('done');
  });

  it('a tool call gives no text', () => {
    for (const reply of [
      '{"tool": "current_time", "arguments": {}}',
      '{ "tool":"calculate","arguments":{"expression":"answer"}}',
    ]) {
      const { out, stream } = feed([...reply]);
      expect(out.join('')).toBe('');
      expect(stream.state).toBe('not-answer');
    }
  });

  it('ignores what follows the closed string', () => {
    const { stream } = feed(['{"answer": "done"', '} trailing "x"']);
    expect(stream.text).toBe('done');
  });

  it('agrees with JSON.parse on replies drawn from the tool grammar, cut at random', () => {
    const grammar = parseGbnf(toolCallGrammar([...clockTools(), ...arithmeticTools()]));
    const next = random(13);
    let answers = 0;
    for (let n = 0; n < 400; n++) {
      const reply = sample(grammar, next);
      const parsed = JSON.parse(reply) as { answer?: string };
      const cuts = Array.from({ length: 4 }, () => Math.floor(next() * (reply.length + 1)));
      const { out, stream } = feed(safeCuts(reply, cuts));
      if (typeof parsed.answer === 'string') {
        answers++;
        expect(out.join(''), reply).toBe(parsed.answer);
        expect(stream.state).toBe('done');
      } else {
        expect(stream.state, reply).toBe('not-answer');
        expect(out.join('')).toBe('');
      }
    }
    expect(answers).toBeGreaterThan(20);
  });
});
