// The llm worker's one service: holds at most one loaded model, on the engine its runtime needs
// (WebLLM for MLC builds, wllama for GGUF), and turns a fitted conversation into that engine's call.
// WebLLM's code is imported only when a WebLLM model loads, so the CPU path never pays for it.
import type { ChatMessage, GenerationSettings } from '../../core/chat-types';
import { dropPromptJoin, plainPrompt, promptJoinDropper, stopSequencesForPlain, trimAtStop } from '../../core/prompt-format';
import type { ModelEntry } from '../../catalog/types';
import type { Completion, LlmEngine, LlmLoadOptions, LlmLoadReport, OnToken } from './llm-engine';
import { LlmCpuService } from './wllama-service';
import { NoModelLoadedError, WrongModelError } from '../../core/errors';

export type EngineFactory = (runtime: 'webllm' | 'wllama') => Promise<LlmEngine>;

const defaultFactory: EngineFactory = async (runtime) => {
  if (runtime === 'wllama') return new LlmCpuService();
  const { WebLlmService } = await import('./webllm-service');
  return new WebLlmService();
};

interface Current {
  model: ModelEntry;
  engine: LlmEngine;
  report: LlmLoadReport;
}

export interface LoadedInfo {
  modelId: string;
  report: LlmLoadReport;
}

export class LlmRouter {
  #current: Current | null = null;
  #loading: Promise<Current> | null = null;
  readonly #factory: EngineFactory;

  constructor(factory: EngineFactory = defaultFactory) {
    this.#factory = factory;
  }

  async load(model: ModelEntry, opts: LlmLoadOptions = {}): Promise<LlmLoadReport> {
    if (model.runtime !== 'webllm' && model.runtime !== 'wllama') throw new WrongModelError(model.name, 'a language model');
    const current = await this.#loading?.catch(() => null) ?? this.#current;
    if (current?.model.id === model.id) return current.report;
    if (current) await this.unload(); // one model in memory at a time: phones have little
    const runtime = model.runtime;
    this.#loading = (async () => {
      const engine = await this.#factory(runtime);
      try {
        const report = await engine.load(model, opts);
        return (this.#current = { model, engine, report });
      } catch (e) {
        await engine.unload().catch(() => undefined);
        throw e;
      }
    })();
    try {
      return (await this.#loading).report;
    } finally {
      this.#loading = null;
    }
  }

  loaded(): LoadedInfo | null {
    return this.#current && { modelId: this.#current.model.id, report: this.#current.report };
  }

  /** `messages` are already fitted to the context window by the page (core/context-window). */
  async generate(messages: ChatMessage[], settings: Partial<GenerationSettings>, onToken?: OnToken): Promise<Completion> {
    const current = this.#current;
    if (!current) throw new NoModelLoadedError('language');
    if (current.report.chatTemplate) return current.engine.chat(messages, settings, onToken);
    // A base model has no idea of turns or instructions: it continues text. The persona is left out
    // (it would only be continued as more text), and the answer stops where the model would start
    // writing the person's next line. A continuation may open with the punctuation that ends the
    // prompt's sentence (", there was…"): the answer starts after it.
    const stop = stopSequencesForPlain();
    const turns = messages.filter((m) => m.role !== 'system');
    const out = await current.engine.complete(plainPrompt(turns), { ...settings, stop }, onToken && promptJoinDropper(onToken));
    return { ...out, text: dropPromptJoin(trimAtStop(out.text, stop).text) };
  }

  abort(): void {
    this.#current?.engine.abort();
  }

  async unload(): Promise<void> {
    const current = this.#current;
    this.#current = null;
    await current?.engine.unload();
  }
}
