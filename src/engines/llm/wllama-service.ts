// The CPU language model: llama.cpp compiled to WebAssembly (@wllama/wllama 3), reading GGUF weights
// only from the model store. Runs inside the llm worker (workers/llm.ts); wllama itself starts one
// more worker (from a Blob URL, allowed by worker-src blob:) that owns the wasm and its pthreads.
// Loading is explicit and memoised and ends with a one-token check; generation streams and aborts.
import { LoggerWithoutDebug, Wllama, WllamaAbortError } from '@wllama/wllama';
import type { ChatMessage, GenerationSettings } from '../../core/chat-types';
import { ContextOverflowError, EngineBusyError } from '../../core/errors';
import { cpuThreads } from '../../core/llm-cpu';
import type { ModelEntry } from '../../catalog/types';
import type { Completion, GenerateSettings, LlmEngine, LlmLoadOptions, LlmLoadReport, OnToken } from './llm-engine';
import { WLLAMA_WASM_PATHS } from '../../catalog/runtime-assets';
import { ModelStore } from '../../store/model-store';
import { AnswerMeter, type Piece } from './answer-meter';
import { asGrammarRejected, grammarOf } from './output-constraint';
import { ModelHolder } from '../shared/model-holder';

export type { Completion, LlmLoadOptions, LlmLoadReport, OnToken } from './llm-engine';

/** Small by default, so a phone keeps its memory; the page fits the conversation into it. */
export const DEFAULT_CPU_CONTEXT = 2048;

interface Loaded {
  wllama: Wllama;
  report: LlmLoadReport;
}

/** One streamed piece and, where the engine says, how many tokens it has produced so far. */
type Stream = (onPiece: (piece: Piece) => void, signal: AbortSignal) => Promise<unknown>;

export class LlmCpuService implements LlmEngine {
  readonly #held = new ModelHolder<Loaded>('language', (loaded) => loaded.wllama.exit());
  #running: AbortController | null = null;

  async load(model: ModelEntry, opts: LlmLoadOptions = {}): Promise<LlmLoadReport> {
    return (await this.#held.load(model.id, () => this.#load(model, opts))).report;
  }

  async #load(model: ModelEntry, opts: LlmLoadOptions): Promise<Loaded> {
    const started = performance.now();
    const store = await ModelStore.open();
    // Every .gguf of the entry, in catalog order (split models list their shards in order).
    const blobs = await Promise.all(
      model.files.filter((f) => f.path.endsWith('.gguf')).map((f) => store.readFile(model.repo, f.path, model.revision)),
    ).finally(() => store.close());
    const threads = opts.threads ?? cpuThreads({ isolated: self.crossOriginIsolated, cores: navigator.hardwareConcurrency });
    const wllama = new Wllama(WLLAMA_WASM_PATHS, { logger: LoggerWithoutDebug, suppressNativeLog: true });
    try {
      await wllama.loadModel(blobs, {
        n_ctx: opts.contextSize ?? DEFAULT_CPU_CONTEXT,
        n_threads: threads,
        n_gpu_layers: 0, // the CPU path: never touch WebGPU (WebLLM owns the GPU)
        n_parallel: 1, // one answer at a time: no KV cache for idle slots
      });
      await wllama.createCompletion({ prompt: ' ', max_tokens: 1, temperature: 0 }); // readiness check
    } catch (e) {
      await wllama.exit().catch(() => undefined);
      throw e;
    }
    const report: LlmLoadReport = {
      engine: 'wllama',
      device: 'wasm',
      loadMs: Math.round(performance.now() - started),
      threads: wllama.isMultithread() ? wllama.getNumThreads() : 1,
      contextSize: wllama.getLoadedContextInfo().n_ctx,
      chatTemplate: wllama.getChatTemplate() !== null,
    };
    return { wllama, report };
  }

  async chat(messages: ChatMessage[], settings: GenerateSettings = {}, onToken?: OnToken): Promise<Completion> {
    const { wllama } = await this.#loaded();
    const { maxTokens, temperature } = withDefaults(settings);
    return this.#stream(
      (onPiece, abortSignal) =>
        wllama.createChatCompletion({
          messages,
          max_tokens: maxTokens,
          temperature,
          ...grammarOf(settings),
          stream: true,
          abortSignal,
          onData: (chunk) =>
            onPiece({ text: chunk.choices[0]?.delta.content ?? '', completionTokens: chunk.usage?.completion_tokens }),
        }),
      onToken,
    );
  }

  async complete(prompt: string, settings: GenerateSettings & { stop?: string[] } = {}, onToken?: OnToken): Promise<Completion> {
    const { wllama } = await this.#loaded();
    const { maxTokens, temperature } = withDefaults(settings);
    return this.#stream(
      (onPiece, abortSignal) =>
        wllama.createCompletion({
          prompt,
          max_tokens: maxTokens,
          temperature,
          ...grammarOf(settings),
          stream: true,
          abortSignal,
          ...(settings.stop?.length ? { stop: settings.stop } : {}),
          onData: (chunk) => onPiece({ text: chunk.choices[0]?.text ?? '', completionTokens: chunk.usage?.completion_tokens }),
        }),
      onToken,
    );
  }

  #loaded(): Promise<Loaded> {
    return this.#held.current();
  }

  async #stream(run: Stream, onToken?: OnToken): Promise<Completion> {
    if (this.#running) throw new EngineBusyError('The language model');
    const controller = new AbortController();
    this.#running = controller;
    const meter = new AnswerMeter(onToken);
    let aborted = false;
    try {
      await run((piece) => meter.take(piece), controller.signal);
    } catch (e) {
      if (!(e instanceof WllamaAbortError)) throw asContextOverflow(e) ?? asGrammarRejected(e) ?? e;
      aborted = true;
    } finally {
      this.#running = null;
      await meter.end();
    }
    return meter.result(aborted || controller.signal.aborted);
  }

  abort(): void {
    this.#running?.abort();
  }

  async unload(): Promise<void> {
    this.abort();
    await this.#held.unload();
  }
}

/** llama.cpp refuses a prompt longer than its window as "request (N tokens) exceeds the available
 *  context size (M tokens)": the page can refit the conversation with that count. */
function asContextOverflow(e: unknown): ContextOverflowError | null {
  const m = /\((\d+) tokens\) exceeds the available context size \((\d+) tokens\)/.exec(
    e instanceof Error ? e.message : String(e),
  );
  return m ? new ContextOverflowError(Number(m[1]), Number(m[2]), { cause: e }) : null;
}

const withDefaults = ({ maxTokens = 256, temperature = 0.7 }: Partial<GenerationSettings>) => ({ maxTokens, temperature });
