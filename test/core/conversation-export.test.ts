import { describe, expect, test } from 'vitest';
import type { Conversation } from '../../src/core/chat-types';
import { EXPORT_FORMAT, EXPORT_VERSION, exportFileName, toJson, toMarkdown } from '../../src/core/conversation-export';

const T0 = Date.UTC(2026, 10, 25, 8, 30);
const stats = { modelId: 'stories', engine: 'wllama' as const, tokens: 7, ttftMs: 40.4, tokensPerSecond: 120.46 };
const conv: Conversation = {
  id: 'c1',
  title: 'Bedtime: story/Lily?',
  createdAt: T0,
  updatedAt: T0 + 6000,
  messages: [
    { id: 'm1', role: 'user', content: 'Once upon a time', createdAt: T0, status: 'complete' },
    {
      id: 'm2',
      role: 'assistant',
      content: 'There was a **dragon**.\n\n- one\n- two',
      createdAt: T0 + 1000,
      status: 'complete',
      stats,
    },
    { id: 'm3', role: 'user', content: 'More', createdAt: T0 + 2000, status: 'complete' },
    { id: 'm4', role: 'assistant', content: 'And then', createdAt: T0 + 3000, status: 'stopped', stats },
    { id: 'm5', role: 'assistant', content: '', createdAt: T0 + 4000, status: 'failed', error: 'GPU lost\nafter 3 tokens' },
    {
      id: 'm6',
      role: 'assistant',
      content: 'The end',
      createdAt: T0 + 5000,
      status: 'complete',
      stats: { ...stats, cached: true },
    },
    { id: 'm7', role: 'assistant', content: 'Half a sen', createdAt: T0 + 6000, status: 'streaming' },
  ],
};

/** Asserts each piece occurs after the one before it. */
function expectInOrder(text: string, pieces: string[]): void {
  let at = 0;
  for (const piece of pieces) {
    const found = text.indexOf(piece, at);
    expect(found, `"${piece}" after offset ${at}`).toBeGreaterThanOrEqual(0);
    at = found + piece.length;
  }
}

describe('Markdown export', () => {
  test('title heading, every turn with its speaker and time, answers as written, stats and notes', () => {
    const md = toMarkdown(conv);
    expect(md.startsWith('# Bedtime: story/Lily?\n')).toBe(true);
    expectInOrder(md, [
      '## You · 2026-11-25T08:30:00.000Z',
      'Once upon a time',
      '## Assistant · 2026-11-25T08:30:01.000Z',
      'There was a **dragon**.\n\n- one\n- two',
      '_stories · wllama · 7 tokens · 120.5 tokens/s · first token 40 ms_',
      '## You',
      'More',
      '## Assistant',
      'And then',
      '> Stopped before the end.',
      '## Assistant',
      '_(no text)_',
      '> Failed: GPU lost after 3 tokens',
      '## Assistant',
      'The end',
      '_stories · from the response cache_',
      '## Assistant',
      'Half a sen',
      '> Interrupted while it was being written.',
    ]);
  });

  test('a title with line breaks stays one heading', () => {
    expect(toMarkdown({ ...conv, title: 'two\nlines', messages: [] }).split('\n')[0]).toBe('# two lines');
  });
});

describe('JSON export', () => {
  test('versioned, with every message and field, times in ISO 8601', () => {
    const json = JSON.parse(toJson(conv));
    expect(json).toMatchObject({
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      id: 'c1',
      title: conv.title,
      createdAt: '2026-11-25T08:30:00.000Z',
      updatedAt: '2026-11-25T08:30:06.000Z',
    });
    expect(EXPORT_FORMAT).toBe('hearth-conversation');
    expect(EXPORT_VERSION).toBe(1);
    expect(json.messages).toHaveLength(7);
    expect(json.messages[1]).toEqual({
      id: 'm2',
      role: 'assistant',
      content: conv.messages[1]!.content,
      createdAt: '2026-11-25T08:30:01.000Z',
      status: 'complete',
      stats,
    });
    expect(json.messages[4]).toEqual({
      id: 'm5',
      role: 'assistant',
      content: '',
      createdAt: '2026-11-25T08:30:04.000Z',
      status: 'failed',
      error: 'GPU lost\nafter 3 tokens',
    });
    expect(json.messages[0]).not.toHaveProperty('stats');
  });

  test('stable: the same conversation gives the same text, keys in a fixed order', () => {
    const reordered = {
      messages: conv.messages,
      updatedAt: conv.updatedAt,
      title: conv.title,
      createdAt: conv.createdAt,
      id: conv.id,
    };
    expect(toJson(reordered)).toBe(toJson(conv));
    expect(Object.keys(JSON.parse(toJson(conv)))).toEqual([
      'format',
      'version',
      'id',
      'title',
      'createdAt',
      'updatedAt',
      'messages',
    ]);
  });
});

describe('export file names', () => {
  test('safe on every file system, dated, never empty', () => {
    expect(exportFileName(conv, 'md')).toBe('bedtime-story-lily-2026-11-25.md');
    expect(exportFileName({ title: '../..', createdAt: T0 }, 'json')).toBe('conversation-2026-11-25.json');
    expect(exportFileName({ title: 'CON', createdAt: T0 }, 'md')).toBe('con-2026-11-25.md');
    expect(exportFileName({ title: 'tab\there\u0000', createdAt: T0 }, 'md')).toBe('tab-here-2026-11-25.md');
    expect(exportFileName({ title: '晚安故事', createdAt: T0 }, 'md')).toBe('晚安故事-2026-11-25.md');
    const emoji = exportFileName({ title: '🦊'.repeat(80), createdAt: T0 }, 'md');
    expect(emoji).toBe(`${'🦊'.repeat(60)}-2026-11-25.md`); // cut between characters, not inside one
  });

  test('lists the sources of an answer from the documents, numbered as in the answer', () => {
    const c = {
      id: 'c',
      title: 'Boiler',
      createdAt: 0,
      updatedAt: 0,
      messages: [
        {
          id: 'a',
          role: 'assistant' as const,
          content: 'It closes the valve [1].',
          createdAt: 0,
          status: 'complete' as const,
          sources: [
            {
              n: 1,
              docId: 'd',
              passageId: 'd:2',
              documentName: 'manual.pdf',
              page: 3,
              headings: ['Safety'],
              text: 'x',
              trimmed: false,
            },
          ],
        },
      ],
    };
    expect(toMarkdown(c)).toContain('It closes the valve [1].\n\nSources:\n\n1. manual.pdf, page 3, Safety\n');
    expect(JSON.parse(toJson(c)).messages[0].sources[0]).toMatchObject({ n: 1, documentName: 'manual.pdf', page: 3 });
  });
});
