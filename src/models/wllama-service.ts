// The CPU language model: llama.cpp compiled to WebAssembly (@wllama/wllama 3), reading GGUF weights
// only from the model store. Runs inside the llm worker (workers/llm.ts); wllama itself starts one
// more worker (from a Blob URL, allowed by worker-src blob:) that owns the wasm and its pthreads.
// Loading is explicit and memoised and ends with a one-token check; generation streams and aborts.
import { LoggerWithoutDebug, Wllama, WllamaAbortError, type RawCompletionChunk } from '@wllama/wllama';
import { cpuThreads, speedReport } from '../core/llm-cpu';
import type { ModelEntry } from './catalog-types';
import { WLLAMA_WASM_PATHS } from './runtime-assets';
import { ModelStore } from './store';

export interface LlmLoadOptions {
  /** Context window in tokens (default 1024: small, so a phone keeps its memory). */
  contextSize?: number;
  /** Overrides the thread choice of cpuThreads(). */
  threads?: number;
}

export interface LlmLoadReport {
  loadMs: number;
  threads: number;
  contextSize: number;
  /** false for base models (e.g. TinyStories): callers send a plain completion prompt. */
  chatTemplate: boolean;
}

export interface CompleteOptions {
  maxTokens?: number;
  temperature?: number;
}

/** Receives each streamed piece of text, in order. A separate argument of complete(), not an option:
 *  comlink turns only top-level arguments marked with proxy() into callbacks across the worker. */
export type OnToken = (text: string) => unknown;

export interface Completion {
  text: string;
  tokens: number;
  ttftMs: number | null;
  tokensPerSecond: number | null;
  /** true when abort() stopped it; text holds what came before. */
  aborted: boolean;
}

interface Loaded {
  wllama: Wllama;
  report: LlmLoadReport;
}

export class LlmCpuService {
  #loading: Promise<Loaded> | null = null;
  #modelId = '';
  #running: AbortController | null = null;

  async load(model: ModelEntry, opts: LlmLoadOptions = {}): Promise<LlmLoadReport> {
    if (this.#loading && this.#modelId === model.id) return (await this.#loading).report;
    if (this.#loading) await this.unload();
    this.#modelId = model.id;
    const loading = this.#load(model, opts);
    this.#loading = loading;
    loading.catch(() => {
      if (this.#loading === loading) this.#loading = null; // a failed load can be retried
    });
    return (await loading).report;
  }

  async #load(model: ModelEntry, opts: LlmLoadOptions): Promise<Loaded> {
    const started = performance.now();
    const store = await ModelStore.open();
    // Every .gguf of the entry, in catalog order (split models list their shards in order).
    const blobs = await Promise.all(model.files.filter((f) => f.path.endsWith('.gguf'))
      .map((f) => store.readFile(model.repo, f.path, model.revision)));
    store.close();
    const threads = opts.threads ?? cpuThreads({ isolated: self.crossOriginIsolated, cores: navigator.hardwareConcurrency });
    const wllama = new Wllama(WLLAMA_WASM_PATHS, { logger: LoggerWithoutDebug, suppressNativeLog: true });
    try {
      await wllama.loadModel(blobs, {
        n_ctx: opts.contextSize ?? 1024,
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
      loadMs: Math.round(performance.now() - started),
      threads: wllama.isMultithread() ? wllama.getNumThreads() : 1,
      contextSize: wllama.getLoadedContextInfo().n_ctx,
      chatTemplate: wllama.getChatTemplate() !== null,
    };
    return { wllama, report };
  }

  async complete(prompt: string, { maxTokens = 256, temperature = 0.7 }: CompleteOptions = {}, onToken?: OnToken): Promise<Completion> {
    if (!this.#loading) throw new Error('No language model is loaded');
    const { wllama } = await this.#loading;
    if (this.#running) throw new Error('The language model is already answering');
    const controller = new AbortController();
    this.#running = controller;
    const startedAt = performance.now();
    let firstTokenAt: number | null = null;
    let text = '';
    let pieces = 0;
    let counted: number | null = null;
    let aborted = false;
    // Tokens reach the page over the callback's own channel, the result over the worker's: without
    // waiting for every delivery, the page could see the answer end before its last tokens arrive.
    const deliveries: Array<Promise<unknown>> = [];
    let endedAt = startedAt;
    try {
      await wllama.createCompletion({
        prompt, max_tokens: maxTokens, temperature, stream: true, abortSignal: controller.signal,
        onData: (chunk: RawCompletionChunk) => {
          const piece = chunk.choices[0]?.text ?? '';
          if (chunk.usage) counted = chunk.usage.completion_tokens;
          if (!piece) return;
          firstTokenAt ??= performance.now();
          pieces += 1;
          text += piece;
          if (onToken) deliveries.push(Promise.resolve(onToken(piece)).catch(() => undefined));
        },
      });
    } catch (e) {
      if (!(e instanceof WllamaAbortError)) throw e;
      aborted = true;
    } finally {
      this.#running = null;
      endedAt = performance.now(); // speed is the engine's, not the page's pace of rendering
      await Promise.all(deliveries);
    }
    const tokens = counted ?? pieces;
    return { text, tokens, aborted, ...speedReport({ startedAt, firstTokenAt, endedAt, tokens }) };
  }

  /** Stops the answer in progress at the next token; complete() then resolves with aborted: true. */
  abort(): void {
    this.#running?.abort();
  }

  async unload(): Promise<void> {
    this.abort();
    const loading = this.#loading;
    this.#loading = null;
    this.#modelId = '';
    const loaded = await loading?.catch(() => null);
    await loaded?.wllama.exit();
  }
}
