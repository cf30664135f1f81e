// The GPU language model: WebLLM (MLC builds on WebGPU) inside the llm worker, reading every file from
// the model store through webllm-cache.ts (nothing is downloaded or cached a second time). Loading is
// explicit and memoised and ends with a one-token check; answers stream and abort at the next token.
// A lost GPU or a model too big for it becomes a named error, so the page can fall back to the CPU.
import { CreateMLCEngine } from '@mlc-ai/web-llm';
import type {
  ChatCompletionChunk,
  ChatCompletionRequestStreaming,
  Completion as WebLlmCompletion,
  CompletionCreateParamsStreaming,
  MLCEngineConfig,
} from '@mlc-ai/web-llm';
import type { ChatMessage, GenerationSettings } from '../../core/chat-types';
import { EngineBusyError, ModelNotStoredError } from '../../core/errors';
import type { ModelEntry } from '../../catalog/types';
import type { Completion, GenerateSettings, LlmEngine, LlmLoadOptions, LlmLoadReport, OnToken } from './llm-engine';
import { responseFormatOf } from './output-constraint';
import { ModelStore } from '../../store/model-store';
import { installStoreCaches, StoreCacheStorage } from './webllm-cache';
import { assertWebLlm, contextSizeFor, webllmAppConfig } from './webllm-config';
import { engineFailure, isModelGone } from './webllm-failure';
import { ModelHolder } from '../shared/model-holder';
import { AnswerMeter } from './answer-meter';

/** The part of web-llm's MLCEngine this service uses: tests replace the engine at this boundary. */
export interface WebLlmEngine {
  chat: { completions: { create(request: ChatCompletionRequestStreaming): Promise<AsyncIterable<ChatCompletionChunk>> } };
  completions: { create(request: CompletionCreateParamsStreaming): Promise<AsyncIterable<WebLlmCompletion>> };
  interruptGenerate(): unknown;
  getMessage(): Promise<string>;
  unload(): Promise<void>;
}

export type WebLlmEngineFactory = (modelId: string, config: MLCEngineConfig) => Promise<WebLlmEngine>;

export interface WebLlmServiceOptions {
  createEngine?: WebLlmEngineFactory;
  openStore?: () => Promise<ModelStore>;
  /** Where `caches` is replaced (the worker's global scope). */
  scope?: object;
}

interface Loaded {
  engine: WebLlmEngine;
  store: ModelStore;
  restoreCaches: () => void;
  report: LlmLoadReport;
}

type Run = { aborted: boolean; engine: WebLlmEngine };

export class WebLlmService implements LlmEngine {
  readonly #held = new ModelHolder<Loaded>('language', async (loaded) => {
    try {
      await loaded.engine.unload();
    } finally {
      loaded.restoreCaches();
      loaded.store.close();
    }
  });
  #running: Run | null = null;
  readonly #createEngine: WebLlmEngineFactory;
  readonly #openStore: () => Promise<ModelStore>;
  readonly #scope: object;

  constructor(opts: WebLlmServiceOptions = {}) {
    this.#createEngine = opts.createEngine ?? ((id, config) => CreateMLCEngine(id, config));
    this.#openStore = opts.openStore ?? (() => ModelStore.open());
    this.#scope = opts.scope ?? globalThis;
  }

  async load(model: ModelEntry, opts: LlmLoadOptions = {}): Promise<LlmLoadReport> {
    return (await this.#held.load(model.id, () => this.#load(model, opts))).report;
  }

  async #load(model: ModelEntry, opts: LlmLoadOptions): Promise<Loaded> {
    assertWebLlm(model);
    const started = performance.now();
    const store = await this.#openStore();
    let restoreCaches = () => {};
    try {
      // Checked first so a half-downloaded model says so, instead of web-llm's "Cannot fetch ...".
      if ((await store.status(model)).state !== 'ready') throw new ModelNotStoredError(model.name);
      restoreCaches = installStoreCaches(new StoreCacheStorage(store, [model]), this.#scope);
      const contextSize = contextSizeFor(model, opts.contextSize);
      const appConfig = webllmAppConfig(model, { contextSize });
      let engine: WebLlmEngine;
      try {
        engine = await this.#createEngine(model.webllm.modelId, { appConfig, logLevel: 'WARN' });
      } catch (e) {
        throw engineFailure(e, 'load', model.name);
      }
      const loaded: Loaded = {
        engine,
        store,
        restoreCaches,
        report: {
          engine: 'webllm',
          device: 'webgpu',
          loadMs: 0,
          threads: 1,
          contextSize,
          chatTemplate: true,
        },
      };
      try {
        await this.#generate(
          loaded,
          (req) => engine.chat.completions.create(req), // readiness check
          { messages: [{ role: 'user' as const, content: 'Hi' }], max_tokens: 1, temperature: 0 },
          (c) => c.choices[0]?.delta.content,
        );
      } catch (e) {
        await engine.unload().catch(() => undefined);
        throw e;
      }
      loaded.report.loadMs = Math.round(performance.now() - started);
      return loaded;
    } catch (e) {
      restoreCaches();
      store.close();
      throw e;
    }
  }

  async chat(messages: ChatMessage[], settings: GenerateSettings = {}, onToken?: OnToken): Promise<Completion> {
    const loaded = await this.#loaded();
    return this.#generate(
      loaded,
      (req) => loaded.engine.chat.completions.create(req),
      { messages, ...withDefaults(settings), ...responseFormatOf(settings) },
      (chunk) => chunk.choices[0]?.delta.content,
      onToken,
    );
  }

  async complete(prompt: string, settings: GenerateSettings & { stop?: string[] } = {}, onToken?: OnToken): Promise<Completion> {
    const loaded = await this.#loaded();
    return this.#generate(
      loaded,
      (req) => loaded.engine.completions.create(req),
      { prompt, ...withDefaults(settings), ...(settings.stop?.length ? { stop: settings.stop } : {}) },
      (chunk) => chunk.choices[0]?.text,
      onToken,
    );
  }

  #loaded(): Promise<Loaded> {
    return this.#held.current();
  }

  /** Streams one request; `body` is the request without its streaming fields. */
  async #generate<Req, Chunk extends { usage?: { completion_tokens: number } }>(
    loaded: Loaded,
    create: (request: Req & { stream: true; stream_options: { include_usage: true } }) => Promise<AsyncIterable<Chunk>>,
    body: Req,
    textOf: (chunk: Chunk) => string | null | undefined,
    onToken?: OnToken,
  ): Promise<Completion> {
    if (this.#running) throw new EngineBusyError('The language model');
    const run: Run = { aborted: false, engine: loaded.engine };
    this.#running = run;
    const meter = new AnswerMeter(onToken);
    try {
      const stream = await create({ ...body, stream: true, stream_options: { include_usage: true } });
      for await (const chunk of stream) {
        meter.take({ text: textOf(chunk) ?? '', completionTokens: chunk.usage?.completion_tokens });
        // web-llm clears its interrupt flag when a request starts: repeat a Stop that came early.
        if (run.aborted) interrupt(loaded.engine);
      }
    } catch (e) {
      throw engineFailure(e, 'answer', this.#held.key, await isModelGone(loaded.engine));
    } finally {
      this.#running = null;
      await meter.end();
    }
    return meter.result(run.aborted);
  }

  abort(): void {
    if (!this.#running) return;
    this.#running.aborted = true;
    interrupt(this.#running.engine);
  }

  async unload(): Promise<void> {
    this.abort();
    await this.#held.unload();
  }
}

function interrupt(engine: WebLlmEngine): void {
  Promise.resolve(engine.interruptGenerate()).catch(() => undefined);
}

const withDefaults = ({ maxTokens = 256, temperature = 0.7 }: Partial<GenerationSettings>) => ({
  max_tokens: maxTokens,
  temperature,
});
