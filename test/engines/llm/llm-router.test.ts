// The router's own decisions, with engines replaced by recorders (the engines themselves are tested
// in real Chromium): which engine a model loads on, one model in memory at a time, and how a
// conversation reaches chat-template and base models.
import { describe, expect, test } from 'vitest';
import type { ChatMessage, GenerationSettings } from '../../../src/core/chat-types';
import { CATALOG } from '../../../src/catalog/catalog';
import type { ModelEntry } from '../../../src/catalog/types';
import type { Completion, LlmEngine, LlmLoadReport, OnToken } from '../../../src/engines/llm/llm-engine';
import { LlmRouter } from '../../../src/engines/llm/llm-router';

class RecordingEngine implements LlmEngine {
  calls: string[] = [];
  prompts: string[] = [];
  chats: ChatMessage[][] = [];
  constructor(
    readonly name: 'webllm' | 'wllama',
    private template: boolean,
    private reply: string,
  ) {}
  async load(model: ModelEntry): Promise<LlmLoadReport> {
    this.calls.push(`load ${model.id}`);
    return {
      engine: this.name,
      device: this.name === 'webllm' ? 'webgpu' : 'wasm',
      loadMs: 1,
      threads: 1,
      contextSize: 2048,
      chatTemplate: this.template,
    };
  }
  async chat(messages: ChatMessage[], _s: Partial<GenerationSettings>, onToken?: OnToken): Promise<Completion> {
    this.chats.push(messages);
    await onToken?.(this.reply);
    return { text: this.reply, tokens: 1, ttftMs: 1, tokensPerSecond: null, aborted: false };
  }
  async complete(prompt: string, s: Partial<GenerationSettings> & { stop?: string[] }, onToken?: OnToken): Promise<Completion> {
    this.prompts.push(prompt);
    this.calls.push(`stop ${JSON.stringify(s.stop)}`);
    for (const piece of this.reply.match(/.{1,2}/gs) ?? []) await onToken?.(piece); // streamed two characters at a time
    return { text: this.reply, tokens: 3, ttftMs: 1, tokensPerSecond: 2, aborted: false };
  }
  abort(): void {
    this.calls.push('abort');
  }
  async unload(): Promise<void> {
    this.calls.push('unload');
  }
}

const byRuntime = (runtime: string) => CATALOG.find((m) => m.runtime === runtime && m.task === 'llm')!;
const conversation: ChatMessage[] = [
  { role: 'system', content: 'You are Hearth.' },
  { role: 'user', content: 'Once upon a time' },
  { role: 'assistant', content: 'there was a cat.' },
  { role: 'user', content: 'What happened next?' },
];

describe('LLM router', () => {
  test('a chat model gets the whole conversation through its template', async () => {
    const engine = new RecordingEngine('webllm', true, 'Hello');
    const router = new LlmRouter(async () => engine);
    await router.load(byRuntime('webllm'));
    const pieces: string[] = [];
    const out = await router.generate(conversation, { temperature: 0 }, (p) => void pieces.push(p));
    expect(engine.chats).toEqual([conversation]);
    expect(out.text).toBe('Hello');
    expect(pieces).toEqual(['Hello']);
  });

  test('a base model gets a transcript without the persona, and the answer is cut at the next turn', async () => {
    const engine = new RecordingEngine('wllama', false, ' The cat ran away.\nUser: and then?');
    const router = new LlmRouter(async () => engine);
    await router.load(byRuntime('wllama'));
    const out = await router.generate(conversation, {});
    expect(engine.prompts).toEqual([
      'User: Once upon a time\nAssistant: there was a cat.\nUser: What happened next?\nAssistant:',
    ]);
    expect(engine.calls).toContain('stop ["\\nUser:","\\nAssistant:"]');
    expect(out.text).toBe('The cat ran away.');
    // A lone question is continued as it is.
    await router.generate(
      [
        { role: 'system', content: 'persona' },
        { role: 'user', content: 'Once upon a time' },
      ],
      {},
    );
    expect(engine.prompts.at(-1)).toBe('Once upon a time');
  });

  test("a base model's continuation starts after the punctuation it carried over from the prompt", async () => {
    const engine = new RecordingEngine('wllama', false, ' ,  there was a cat.');
    const router = new LlmRouter(async () => engine);
    await router.load(byRuntime('wllama'));
    const pieces: string[] = [];
    const out = await router.generate([{ role: 'user', content: 'Once upon a time' }], {}, (p) => void pieces.push(p));
    expect(out.text).toBe('there was a cat.');
    expect(pieces.join('')).toBe('there was a cat.');
    expect(pieces[0]).toMatch(/^t/);
  });

  test('one model in memory: switching models unloads the first; the same model is not loaded twice', async () => {
    const made: RecordingEngine[] = [];
    const router = new LlmRouter(async (runtime) => {
      const e = new RecordingEngine(runtime, runtime === 'webllm', 'x');
      made.push(e);
      return e;
    });
    await router.load(byRuntime('wllama'));
    await router.load(byRuntime('wllama'));
    expect(made).toHaveLength(1);
    await router.load(byRuntime('webllm'));
    expect(made.map((e) => e.name)).toEqual(['wllama', 'webllm']);
    expect(made[0]!.calls).toEqual([`load ${byRuntime('wllama').id}`, 'unload']);
    expect((await router.loaded())?.report.engine).toBe('webllm');
    router.abort();
    expect(made[1]!.calls.at(-1)).toBe('abort');
  });

  test('a failed load leaves nothing loaded and can be retried; a non-LLM entry is refused', async () => {
    let fail = true;
    const engine = new RecordingEngine('wllama', false, 'x');
    engine.load = async (model) => {
      if (fail) throw new Error('out of memory');
      return {
        engine: 'wllama',
        device: 'wasm',
        loadMs: 1,
        threads: 1,
        contextSize: 512,
        chatTemplate: false,
        ...{ id: model.id },
      };
    };
    const router = new LlmRouter(async () => engine);
    await expect(router.load(byRuntime('wllama'))).rejects.toThrow('out of memory');
    expect(await router.loaded()).toBeNull();
    await expect(router.generate(conversation, {})).rejects.toThrow('No language model is loaded');
    fail = false;
    expect((await router.load(byRuntime('wllama'))).contextSize).toBe(512);
    await expect(router.load(CATALOG.find((m) => m.task === 'embed')!)).rejects.toThrow('is not a language model');
  });
});
