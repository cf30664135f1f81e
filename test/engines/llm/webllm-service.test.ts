// WebLlmService over the store: with the WebLLM double (which reads every file through the store-backed
// `caches`), and with hand-made engines for the failure paths the double does not model.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChatCompletionChunk, MLCEngineConfig } from '@mlc-ai/web-llm';
import { GpuDeviceLostError, ModelNotStoredError, OutOfMemoryError } from '../../../src/core/errors';
import { ModelStore } from '../../../src/store/model-store';
import { WebLlmService, type WebLlmEngine, type WebLlmEngineFactory } from '../../../src/engines/llm/webllm-service';
import { CreateMLCEngine } from '../../support/doubles/web-llm';
import { fakeMlcStore, FAKE_MLC, type FakeMlcStore } from '../../support/webllm-fixture';
import { freshDbName } from '../../support/fixture-models';

let f: FakeMlcStore;
let service: WebLlmService | null = null;
const engines: Array<Awaited<ReturnType<typeof CreateMLCEngine>>> = [];

const double: WebLlmEngineFactory = async (id, config) => {
  const engine = await CreateMLCEngine(id, config);
  engines.push(engine);
  return engine;
};
const serviceOn = (dbName: string, createEngine: WebLlmEngineFactory = double) =>
  (service = new WebLlmService({ createEngine, openStore: () => ModelStore.open(dbName) }));

beforeAll(async () => {
  f = await fakeMlcStore();
});
afterAll(() => f.close());
afterEach(async () => {
  await service?.unload();
  service = null;
  engines.length = 0;
});

describe('WebLlmService with the WebLLM double', () => {
  it('loads from the store: the engine reads every file of the build, then reports', async () => {
    const report = await serviceOn(f.dbName).load(f.model, { contextSize: 4096 });
    expect(report).toMatchObject({ engine: 'webllm', threads: 1, contextSize: 1024, chatTemplate: true });
    const read = engines[0]!.filesRead.map((r) => [r.url.split('/resolve/main/')[1], r.bytes] as const);
    const resolved = await f.store.resolved(f.model);
    expect(new Map(read)).toEqual(new Map(resolved.files.map((file) => [file.path, file.bytes])));
    expect(globalThis.caches).toBeDefined();
    await service!.unload();
    expect('caches' in globalThis).toBe(false); // the worker's own CacheStorage comes back
  });

  it('streams tokens in order, counts them from usage, and delivers every token before returning', async () => {
    await serviceOn(f.dbName).load(f.model);
    const delivered: string[] = [];
    // A slow page: each delivery settles later than the engine produces the next token.
    const onToken = (t: string) => new Promise<void>((resolve) => setTimeout(() => resolve(void delivered.push(t)), 30));
    const out = await service!.chat(
      [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'the quick brown fox' },
      ],
      { temperature: 0, maxTokens: 50 },
      onToken,
    );
    expect(out.text).toBe('Echo: the quick brown fox');
    // The first piece goes at once; later ones are batched at most once a frame (token-batcher.ts).
    expect(delivered[0]).toBe('Echo:');
    expect(delivered.join('')).toBe('Echo: the quick brown fox');
    expect(out).toMatchObject({ tokens: 5, aborted: false });
    expect(out.ttftMs).toBeGreaterThanOrEqual(0);
    expect(out.tokensPerSecond).toBeGreaterThan(0);
  });

  it('stops at maxTokens, and completes plain prompts', async () => {
    await serviceOn(f.dbName).load(f.model);
    const short = await service!.chat([{ role: 'user', content: 'one two three four' }], { maxTokens: 2 });
    expect(short).toMatchObject({ text: 'Echo: one', tokens: 2 });
    const plain = await service!.complete('Once upon\nthere was a cat', { maxTokens: 10, stop: ['\nUser:'] });
    expect(plain.text).toBe('Echo: there was a cat');
  });

  it('abort() stops the answer at the next token and keeps what came before', async () => {
    await serviceOn(f.dbName).load(f.model);
    const pieces: string[] = [];
    const out = await service!.chat([{ role: 'user', content: 'a b c d e f g h i j k l m n o p' }], {}, (t) => {
      pieces.push(t);
      if (pieces.length === 2) service!.abort();
    });
    expect(out.aborted).toBe(true);
    expect(out.text).toBe(pieces.join('')); // everything written was delivered, nothing after the stop
    expect(out.text.split(' ').length).toBeLessThan(8);
    // The engine is free for the next answer.
    expect((await service!.chat([{ role: 'user', content: 'again' }])).text).toBe('Echo: again');
  });

  it('a GPU lost mid-answer becomes GpuDeviceLostError, and so does every later call', async () => {
    await serviceOn(f.dbName).load(f.model);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const pieces: string[] = [];
    const lost = service!.chat([{ role: 'user', content: 'tell me #lose-gpu more words here' }], {}, (t) => void pieces.push(t));
    await expect(lost).rejects.toBeInstanceOf(GpuDeviceLostError);
    expect(pieces.join('')).toBe('Echo: tell');
    expect(logged).toHaveBeenCalledOnce(); // web-llm logs the loss itself
    logged.mockRestore();
    await expect(service!.chat([{ role: 'user', content: 'hello' }])).rejects.toBeInstanceOf(GpuDeviceLostError);
  });

  it('a device lost while loading is reported as OutOfMemoryError, and `caches` is put back', async () => {
    const oom = await fakeMlcStore({ hearth_double: { fail_load: 'device-lost' } });
    try {
      await expect(serviceOn(oom.dbName).load(oom.model)).rejects.toBeInstanceOf(OutOfMemoryError);
      expect('caches' in globalThis).toBe(false);
    } finally {
      await oom.close();
    }
  });

  it('refuses a model that is not fully stored, before any engine starts', async () => {
    let created = 0;
    const svc = serviceOn(freshDbName(), async (id, config) => (created++, double(id, config)));
    await expect(svc.load(FAKE_MLC)).rejects.toBeInstanceOf(ModelNotStoredError);
    expect(created).toBe(0);
  });
});

describe('WebLlmService with a hand-made engine', () => {
  const chunk = (content: string, usage?: number): ChatCompletionChunk =>
    ({
      id: 'x',
      created: 0,
      model: 'm',
      object: 'chat.completion.chunk',
      choices: content ? [{ index: 0, delta: { content }, finish_reason: null }] : [],
      ...(usage === undefined
        ? {}
        : { usage: { completion_tokens: usage, prompt_tokens: 1, total_tokens: usage + 1, extra: {} } }),
    }) as ChatCompletionChunk;

  function engine(
    script: (call: number) => AsyncIterable<ChatCompletionChunk>,
    modelGone = () => false,
  ): WebLlmEngine & { configs: MLCEngineConfig[] } {
    let calls = 0;
    return {
      configs: [],
      chat: { completions: { create: async () => script(calls++) } },
      completions: {
        create: async () => {
          throw new Error('unused');
        },
      },
      interruptGenerate: () => undefined,
      getMessage: async () => {
        if (modelGone()) throw Object.assign(new Error('Model not loaded'), { name: 'ModelNotLoadedError' });
        return '';
      },
      unload: async () => undefined,
    };
  }

  it('hands web-llm one model record and cacheBackend "cache"', async () => {
    const e = engine(async function* () {
      yield chunk('ok', 1);
    });
    await serviceOn(f.dbName, async (_id, config) => (e.configs.push(config), e)).load(f.model, { contextSize: 512 });
    expect(e.configs[0]?.appConfig?.cacheBackend).toBe('cache');
    expect(e.configs[0]?.appConfig?.model_list).toHaveLength(1);
    expect(e.configs[0]?.appConfig?.model_list[0]).toMatchObject({
      model_id: f.model.webllm!.modelId,
      overrides: { context_window_size: 512 },
    });
  });

  it("uses the engine's usage count over the number of pieces; other errors pass through unchanged", async () => {
    const failure = new Error('tokenizer exploded');
    const e = engine(async function* (call) {
      if (call === 2) throw failure;
      yield chunk('Hel');
      yield chunk('lo');
      yield chunk('', 3);
    });
    await serviceOn(f.dbName, async () => e).load(f.model);
    expect(await service!.chat([{ role: 'user', content: 'hi' }])).toMatchObject({ text: 'Hello', tokens: 3 });
    await expect(service!.chat([{ role: 'user', content: 'hi' }])).rejects.toBe(failure);
  });

  it('an error after which the engine has dropped its model is a lost GPU', async () => {
    let gone = false;
    const e = engine(
      async function* (call) {
        yield chunk('a');
        if (call > 0) {
          gone = true;
          throw new Error('mapAsync failed');
        }
      },
      () => gone,
    );
    await serviceOn(f.dbName, async () => e).load(f.model);
    const err = await service!.chat([{ role: 'user', content: 'hi' }]).catch((x: unknown) => x as Error);
    expect(err).toBeInstanceOf(GpuDeviceLostError);
    expect((err as Error).cause).toBeInstanceOf(Error);
  });
});
