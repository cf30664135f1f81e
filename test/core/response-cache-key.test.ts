import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GENERATION, type ChatMessage, type GenerationSettings } from '../../src/core/chat-types';
import { canonicalJson, isCacheable, responseCacheKey } from '../../src/core/response-cache-key';

const greedy: GenerationSettings = { temperature: 0, maxTokens: 256 };
const messages: ChatMessage[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'What is the capital of France?' },
];
const key = (over: Partial<{ modelId: string; messages: ChatMessage[]; settings: GenerationSettings }> = {}) =>
  responseCacheKey({ modelId: 'qwen', messages, settings: greedy, ...over });

describe('isCacheable', () => {
  it('caches greedy decoding only', () => {
    expect(isCacheable({ temperature: 0 })).toBe(true);
    expect(isCacheable({ temperature: -0 })).toBe(true);
    expect(isCacheable({ temperature: 1e-9 })).toBe(false);
    expect(isCacheable({ temperature: DEFAULT_GENERATION.temperature })).toBe(false);
    expect(isCacheable({ temperature: Number.NaN })).toBe(false);
  });
});

describe('responseCacheKey', () => {
  it('is the SHA-256 hex of the canonical request', async () => {
    const canonical =
      '{"messages":[{"content":"Be brief.","role":"system"},' +
      '{"content":"What is the capital of France?","role":"user"}],' +
      '"model":"qwen","settings":{"maxTokens":256,"temperature":0},"v":1}';
    const expected = createHash('sha256').update(canonical, 'utf8').digest('hex');
    expect(await key()).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is stable for an identical request', async () => {
    expect(await key()).toBe(await key({ messages: messages.map((m) => ({ ...m })) }));
  });

  it('changes with the model, the words, the roles and their order', async () => {
    const base = await key();
    const others = await Promise.all([
      key({ modelId: 'llama' }),
      key({ messages: [messages[0]!, { role: 'user', content: 'What is the capital of Spain?' }] }),
      key({ messages: [messages[0]!, { role: 'assistant', content: messages[1]!.content }] }),
      key({ messages: [messages[1]!, messages[0]!] }),
      key({ messages: messages.slice(1) }),
    ]);
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });

  it('changes with every generation setting (a new setting must join the key)', async () => {
    const base = await key({ settings: DEFAULT_GENERATION });
    for (const field of Object.keys(DEFAULT_GENERATION) as Array<keyof GenerationSettings>) {
      const changed = { ...DEFAULT_GENERATION, [field]: DEFAULT_GENERATION[field] + 1 };
      expect(await key({ settings: changed }), field).not.toBe(base);
    }
  });

  it('ignores extra fields riding along on the settings object', async () => {
    const withSignal = { ...greedy, signal: new AbortController().signal, onToken: () => undefined };
    expect(await key({ settings: withSignal })).toBe(await key());
  });

  it('treats composed and decomposed accents alike', async () => {
    const composed = [{ role: 'user' as const, content: 'Caf\u00e9 hours?' }];
    const decomposed = [{ role: 'user' as const, content: 'Cafe\u0301 hours?' }];
    expect(composed[0]!.content).not.toBe(decomposed[0]!.content);
    expect(await key({ messages: composed })).toBe(await key({ messages: decomposed }));
  });

  it('ignores trailing whitespace but not leading whitespace', async () => {
    const trailing = [messages[0]!, { role: 'user' as const, content: `${messages[1]!.content}  \n` }];
    const leading = [messages[0]!, { role: 'user' as const, content: `  ${messages[1]!.content}` }];
    expect(await key({ messages: trailing })).toBe(await key());
    expect(await key({ messages: leading })).not.toBe(await key());
  });

  it('keeps CJK text distinct', async () => {
    const a = await key({ messages: [{ role: 'user', content: '北京是首都吗？' }] });
    const b = await key({ messages: [{ role: 'user', content: '上海是首都吗？' }] });
    expect(a).not.toBe(b);
  });
});

describe('canonicalJson', () => {
  it('sorts object keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
    expect(canonicalJson({ a: { c: null, d: [3, 1] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [3, 1], c: null } }));
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalJson({ 'k"': 'line\nbreak "quoted"' })).toBe('{"k\\"":"line\\nbreak \\"quoted\\""}');
  });
});
