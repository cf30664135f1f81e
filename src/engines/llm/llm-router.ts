// The llm worker's one service: holds at most one loaded model, on the engine its runtime needs
// (WebLLM for MLC builds, wllama for GGUF), and turns a fitted conversation into that engine's call.
// WebLLM's code is imported only when a WebLLM model loads, so the CPU path never pays for it.
import type { ChatMessage } from '../../core/chat-types';
import { dropPromptJoin, plainPrompt, promptJoinDropper, stopSequencesForPlain, trimAtStop } from '../../core/prompt-format';
import type { ModelEntry } from '../../catalog/types';
import type { Completion, GenerateSettings, LlmEngine, LlmLoadOptions, LlmLoadReport, OnToken } from './llm-engine';
import { LlmCpuService } from './wllama-service';
import { WrongModelError } from '../../core/errors';
import { ModelHolder } from '../shared/model-holder';

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
  // One model in memory at a time (phones have little): another model unloads the held engine first.
  readonly #held = new ModelHolder<Current>('language', (current) => current.engine.unload());
  /** The engine whose answer abort() must stop (set once its load is done). */
  #current: Current | null = null;
  readonly #factory: EngineFactory;

  constructor(factory: EngineFactory = defaultFactory) {
    this.#factory = factory;
  }

  async load(model: ModelEntry, opts: LlmLoadOptions = {}): Promise<LlmLoadReport> {
    const runtime = model.runtime;
    if (runtime !== 'webllm' && runtime !== 'wllama') throw new WrongModelError(model.name, 'a language model');
    if (this.#current?.model.id !== model.id) this.#current = null;
    const current = await this.#held.load(model.id, async () => {
      const engine = await this.#factory(runtime);
      try {
        return { model, engine, report: await engine.load(model, opts) };
      } catch (e) {
        await engine.unload().catch(() => undefined);
        throw e;
      }
    });
    this.#current = current;
    return current.report;
  }

  async loaded(): Promise<LoadedInfo | null> {
    const current = await this.#held.held();
    return current && { modelId: current.model.id, report: current.report };
  }

  /** `messages` are already fitted to the context window by the page (core/context-window). */
  async generate(messages: ChatMessage[], settings: GenerateSettings, onToken?: OnToken): Promise<Completion> {
    const current = await this.#held.current();
    if (current.report.chatTemplate) return current.engine.chat(messages, settings, onToken);
    // Constrained output is JSON the page reads whole: no stop sequences or trimming may cut into it
    // (the grammar ends it), and the instructions stay in, since they say what the JSON is for.
    if (settings.constraint) return current.engine.complete(plainPrompt(messages), settings, onToken);
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
    this.#current = null;
    await this.#held.unload();
  }
}
