// The tool grammar's way into each engine's request: llama.cpp's `grammar` sampling field, WebLLM's
// response_format, through the router for chat and base models, and llama.cpp's refusal of a grammar
// as a named error that survives the worker boundary. That llama.cpp really takes the grammar is shown
// in Chromium (test/e2e/talk-tools-llm.test.ts); here only what reaches each request.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ChatCompletionRequestStreaming } from '@mlc-ai/web-llm';
import type { ChatMessage } from '../../../src/core/chat-types';
import { fromWire, toWire } from '../../../src/core/error-wire';
import { GrammarRejectedError } from '../../../src/core/errors';
import { clockTools } from '../../../src/core/tools/builtin-tools';
import { toolCallGrammar, toolCallJsonSchema } from '../../../src/core/tools/tool-grammar';
import { CATALOG } from '../../../src/catalog/catalog';
import type { ModelEntry } from '../../../src/catalog/types';
import type {
  Completion,
  GenerateSettings,
  LlmEngine,
  LlmLoadReport,
  OnToken,
  OutputConstraint,
} from '../../../src/engines/llm/llm-engine';
import { LlmRouter } from '../../../src/engines/llm/llm-router';
import { asGrammarRejected, grammarOf, responseFormatOf } from '../../../src/engines/llm/output-constraint';
import { WebLlmService, type WebLlmEngineFactory } from '../../../src/engines/llm/webllm-service';
import { ModelStore } from '../../../src/store/model-store';
import { CreateMLCEngine } from '../../support/doubles/web-llm';
import { fakeMlcStore, type FakeMlcStore } from '../../support/webllm-fixture';

const constraint: OutputConstraint = {
  grammar: toolCallGrammar(clockTools()),
  jsonSchema: toolCallJsonSchema(clockTools()),
};
const REPLY = '{"tool": "current_time", "arguments": {}}';

/** Records what the router asks of it and answers with REPLY, two characters at a time. */
class RecordingEngine implements LlmEngine {
  readonly requests: Array<{ kind: 'chat' | 'complete'; input: unknown; settings: GenerateSettings & { stop?: string[] } }> = [];
  constructor(private readonly template: boolean) {}
  async load(): Promise<LlmLoadReport> {
    return { engine: 'wllama', device: 'wasm', loadMs: 1, threads: 1, contextSize: 512, chatTemplate: this.template };
  }
  async chat(messages: ChatMessage[], settings: GenerateSettings, onToken?: OnToken) {
    this.requests.push({ kind: 'chat', input: messages, settings });
    return this.#reply(onToken);
  }
  async complete(prompt: string, settings: GenerateSettings & { stop?: string[] }, onToken?: OnToken) {
    this.requests.push({ kind: 'complete', input: prompt, settings });
    return this.#reply(onToken);
  }
  async #reply(onToken?: OnToken): Promise<Completion> {
    for (const piece of REPLY.match(/.{1,2}/gs)!) await onToken?.(piece);
    return { text: REPLY, tokens: 12, ttftMs: 1, tokensPerSecond: null, aborted: false };
  }
  abort(): void {}
  async unload(): Promise<void> {}
}

const llama = CATALOG.find((m) => m.runtime === 'wllama' && m.task === 'llm') as ModelEntry;
const messages: ChatMessage[] = [
  { role: 'system', content: 'Reply with a tool call or an answer.' },
  { role: 'user', content: 'What time is it?' },
];

describe('the output constraint in each engine request', () => {
  test('llama.cpp gets the GBNF as `grammar`; WebLLM gets the schema as response_format json_object', () => {
    expect(grammarOf({ constraint })).toEqual({ grammar: constraint.grammar });
    expect(grammarOf({ temperature: 0 })).toEqual({});
    expect(responseFormatOf({ constraint })).toEqual({ response_format: { type: 'json_object', schema: constraint.jsonSchema } });
    expect(responseFormatOf({})).toEqual({});
    expect(constraint.grammar).toMatch(/^root ::= /m);
  });

  test('a chat model gets the constraint with the conversation as it is', async () => {
    const engine = new RecordingEngine(true);
    const router = new LlmRouter(async () => engine);
    await router.load(llama);
    const out = await router.generate(messages, { temperature: 0, constraint });
    expect(engine.requests).toEqual([{ kind: 'chat', input: messages, settings: { temperature: 0, constraint } }]);
    expect(out.text).toBe(REPLY);
  });

  test('a base model gets the instructions in its prompt, no stop sequences, and its JSON untouched', async () => {
    const engine = new RecordingEngine(false);
    const router = new LlmRouter(async () => engine);
    await router.load(llama);
    const pieces: string[] = [];
    const out = await router.generate(messages, { constraint }, (p) => void pieces.push(p));
    const [request] = engine.requests;
    expect(request).toMatchObject({ kind: 'complete', settings: { constraint } });
    expect(request!.settings.stop).toBeUndefined();
    expect(request!.input).toContain('Reply with a tool call or an answer.');
    expect(request!.input).toMatch(/What time is it\?\nAssistant:$/);
    expect(out.text).toBe(REPLY);
    expect(pieces.join('')).toBe(REPLY); // the opening "{" is not taken for the prompt's punctuation
  });

  test("llama.cpp's grammar refusal becomes GrammarRejectedError, intact across the worker boundary", () => {
    // llama.cpp's words through wllama, as seen in Chromium (test/e2e/talk-tools-llm.test.ts).
    const thrown = new Error('Failed to initialize samplers: failed to parse grammar');
    const named = asGrammarRejected(thrown)!;
    expect(named).toBeInstanceOf(GrammarRejectedError);
    expect(asGrammarRejected(new Error('Model failed to start inference'))).toBeNull();
    const crossed = fromWire(structuredClone(toWire(named)));
    expect(crossed).toBeInstanceOf(GrammarRejectedError);
    expect(crossed).toMatchObject({
      name: 'GrammarRejectedError',
      detail: 'Failed to initialize samplers: failed to parse grammar',
    });
    expect(crossed.message).toBe(named.message);
    expect((crossed.cause as Error).message).toBe(thrown.message);
  });
});

describe('WebLlmService sends response_format (with the WebLLM double)', () => {
  let f: FakeMlcStore;
  beforeAll(async () => void (f = await fakeMlcStore()));
  afterAll(() => f.close());

  test('a constrained chat carries { type: "json_object", schema }; an unconstrained one carries none', async () => {
    const requests: ChatCompletionRequestStreaming[] = [];
    const recording: WebLlmEngineFactory = async (id, config) => {
      const engine = await CreateMLCEngine(id, config);
      const create = engine.chat.completions.create.bind(engine.chat.completions);
      engine.chat.completions.create = (r: ChatCompletionRequestStreaming) => {
        requests.push(r);
        return create(r);
      };
      return engine;
    };
    const service = new WebLlmService({ createEngine: recording, openStore: () => ModelStore.open(f.dbName) });
    try {
      await service.load(f.model);
      await service.chat(messages, { temperature: 0, maxTokens: 8, constraint });
      await service.chat(messages, { temperature: 0, maxTokens: 8 });
    } finally {
      await service.unload();
    }
    const [, constrained, plain] = requests; // the first is the load's readiness check
    expect(constrained!.response_format).toEqual({ type: 'json_object', schema: constraint.jsonSchema });
    expect(JSON.parse(constrained!.response_format!.schema!)).toHaveProperty('anyOf');
    expect(plain!.response_format).toBeUndefined();
  });
});
