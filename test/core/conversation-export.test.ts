import { describe, expect, test } from 'vitest';
import type { Conversation } from '../../src/core/chat-types';
import { EXPORT_FORMAT, exportFileName, toJson, toMarkdown } from '../../src/core/conversation-export';

const T0 = Date.UTC(2026, 10, 25, 8, 30);
const conv: Conversation = {
  id: 'c1', title: 'Bedtime: story/Lily?', createdAt: T0, updatedAt: T0 + 5000,
  messages: [
    { id: 'm1', role: 'user', content: 'Once upon a time', createdAt: T0, status: 'complete' },
    { id: 'm2', role: 'assistant', content: 'There was a **dragon**.', createdAt: T0 + 1000, status: 'complete',
      stats: { modelId: 'stories', engine: 'wllama', tokens: 7, ttftMs: 40, tokensPerSecond: 120.5 } },
    { id: 'm3', role: 'user', content: 'More', createdAt: T0 + 2000, status: 'complete' },
    { id: 'm4', role: 'assistant', content: 'And then', createdAt: T0 + 3000, status: 'stopped' },
    { id: 'm5', role: 'assistant', content: '', createdAt: T0 + 4000, status: 'failed', error: 'GPU lost' },
  ],
};

describe('conversation export', () => {
  test('Markdown keeps the title, every turn in order with its speaker, answer markdown as-is, and what went wrong', () => {
    const md = toMarkdown(conv);
    expect(md.startsWith('# Bedtime: story/Lily?\n')).toBe(true);
    const order = ['## You', 'Once upon a time', '## Assistant', 'There was a **dragon**.', '120.5 tokens/s', '## You', 'More', 'And then', 'Stopped before the end', 'Failed: GPU lost']
      .reduce((at, s) => { const i = md.indexOf(s, at); expect(i, s).toBeGreaterThanOrEqual(0); return i; }, 0);
    expect(order).toBeGreaterThan(0);
    expect(md).toContain('2026-11-25T08:30:00.000Z');
  });

  test('JSON is versioned and complete', () => {
    const json = JSON.parse(toJson(conv));
    expect(json).toMatchObject({ format: EXPORT_FORMAT, version: 1, id: 'c1', title: conv.title, createdAt: '2026-11-25T08:30:00.000Z' });
    expect(json.messages).toHaveLength(5);
    expect(json.messages[1]).toEqual({ role: 'assistant', content: 'There was a **dragon**.', createdAt: '2026-11-25T08:31:00.000Z'.replace('31:00', '30:01'), status: 'complete', stats: conv.messages[1]!.stats });
    expect(json.messages[4].error).toBe('GPU lost');
  });

  test('file names are safe everywhere', () => {
    expect(exportFileName(conv, 'md')).toBe('bedtime-story-lily-2026-11-25.md');
    expect(exportFileName({ title: '../..', createdAt: T0 }, 'json')).toBe('conversation-2026-11-25.json');
    expect(exportFileName({ title: '晚安故事', createdAt: T0 }, 'md')).toBe('晚安故事-2026-11-25.md');
  });
});
