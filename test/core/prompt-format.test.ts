import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/core/chat-types';
import { dropPromptJoin, plainPrompt, promptJoinDropper, stopSequencesForPlain, trimAtStop } from '../../src/core/prompt-format';

const user = (content: string): ChatMessage => ({ role: 'user', content });
const assistant = (content: string): ChatMessage => ({ role: 'assistant', content });
const system = (content: string): ChatMessage => ({ role: 'system', content });

describe('plainPrompt', () => {
  it('sends a lone question as itself, so a base model continues it', () => {
    expect(plainPrompt([user('Once upon a time')])).toBe('Once upon a time');
    // Trailing whitespace would make the model's next word start without its own space.
    expect(plainPrompt([user('Once upon a time \n')])).toBe('Once upon a time');
  });

  it('treats an empty system prompt as none', () => {
    expect(plainPrompt([system('  '), user('Once upon a time')])).toBe('Once upon a time');
  });

  it('writes a transcript that ends where the assistant speaks when there is a system prompt', () => {
    expect(plainPrompt([system('Be brief.'), user('Hi')])).toBe('Be brief.\n\nUser: Hi\nAssistant:');
  });

  it('writes a whole conversation as alternating lines', () => {
    const prompt = plainPrompt([
      system('You tell stories.'),
      user('Tell me about a cat.'),
      assistant('The cat sat on a mat. '),
      user('And then?'),
    ]);
    expect(prompt).toBe(
      'You tell stories.\n\nUser: Tell me about a cat.\nAssistant: The cat sat on a mat.\nUser: And then?\nAssistant:',
    );
  });

  it('uses a transcript for several turns even without a system prompt', () => {
    expect(plainPrompt([user('Hi'), assistant('Hello.'), user('Bye')])).toBe(
      'User: Hi\nAssistant: Hello.\nUser: Bye\nAssistant:',
    );
  });

  it('continues a last assistant message instead of opening another one', () => {
    expect(plainPrompt([user('Hi'), assistant('Hello, I am')])).toBe('User: Hi\nAssistant: Hello, I am');
  });

  it('gives an empty prompt for no messages, and only the system prompt without turns', () => {
    expect(plainPrompt([])).toBe('');
    expect(plainPrompt([system('Be brief.')])).toBe('Be brief.');
  });
});

describe('trimAtStop', () => {
  const stops = stopSequencesForPlain();

  it("stops where the model starts writing the person's line", () => {
    expect(stops).toContain('\nUser:');
    const prompt = plainPrompt([user('Hi'), assistant('Hello.'), user('How are you?')]);
    const overshoot = ' Fine, thanks.\nUser: Great!\nAssistant: Good.';
    expect(prompt.endsWith('Assistant:')).toBe(true);
    expect(trimAtStop(overshoot, stops)).toEqual({ text: ' Fine, thanks.', stopped: true });
  });

  it('cuts at the earliest of several stops', () => {
    expect(trimAtStop('A\nAssistant: B\nUser: C', stops)).toEqual({ text: 'A', stopped: true });
    expect(trimAtStop('xxENDyySTOP', ['STOP', 'END'])).toEqual({ text: 'xx', stopped: true });
  });

  it('leaves text without a stop alone, including a line that merely starts like one', () => {
    expect(trimAtStop('The end.', stops)).toEqual({ text: 'The end.', stopped: false });
    expect(trimAtStop('She smiled.\nA bird sang.\nUse', stops)).toEqual({
      text: 'She smiled.\nA bird sang.\nUse',
      stopped: false,
    });
  });

  it('ignores an empty stop list and empty stop strings', () => {
    expect(trimAtStop('abc', [])).toEqual({ text: 'abc', stopped: false });
    expect(trimAtStop('abc', [''])).toEqual({ text: 'abc', stopped: false });
  });

  it('can stop at the very start', () => {
    expect(trimAtStop('\nUser: hi', stops)).toEqual({ text: '', stopped: true });
  });
});

describe('dropPromptJoin', () => {
  it("drops the prompt sentence's closing punctuation and spaces, in English and Chinese", () => {
    expect(dropPromptJoin(', there was a cat.')).toBe('there was a cat.');
    expect(dropPromptJoin('. The end')).toBe('The end');
    expect(dropPromptJoin(' \n… and then')).toBe('and then');
    expect(dropPromptJoin('，有一只猫。')).toBe('有一只猫。');
  });

  it("keeps what starts the answer's own text: quotes, brackets, dashes, list markers", () => {
    for (const text of ['“Hello,” she said.', '(not quite)', '- milk', '1. eggs', 'plain'])
      expect(dropPromptJoin(text)).toBe(text);
  });
});

describe('promptJoinDropper', () => {
  it('holds pieces back until the first character of the answer itself, then passes them on unchanged', () => {
    const seen: string[] = [];
    const push = promptJoinDropper((p: string) => void seen.push(p));
    for (const piece of [' ', ',', ' th', 'ere', ', was']) push(piece);
    expect(seen).toEqual(['th', 'ere', ', was']);
  });

  it('passes nothing on for an answer that is only punctuation', () => {
    const seen: string[] = [];
    const push = promptJoinDropper((p: string) => void seen.push(p));
    for (const piece of [', ', '.']) push(piece);
    expect(seen).toEqual([]);
  });
});
