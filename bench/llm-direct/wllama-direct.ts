// Bench-only browser module (never part of the app): @wllama/wllama called straight from the page,
// without the app's model store, llm worker, comlink or Preact. llm-direct-bundle.ts builds it into
// the bench's copy of dist/, so the app's own server sends it with the same headers, and the bench
// import()s it into the app page itself: same origin, same isolation (threads), same CSP. The calls
// are LlmCpuService's (src/engines/llm/wllama-service.ts) with the same options, so only the layers differ.
import { LoggerWithoutDebug, Wllama } from '@wllama/wllama';

export interface DirectLoadOptions {
  /** The app's own self-hosted wllama.wasm (its hashed URL in dist/assets). */
  wasmUrl: string;
  /** The GGUF file on the mirror: the same bytes the app's store downloaded. */
  ggufUrl: string;
  threads: number;
  contextSize: number;
}

export interface DirectLoaded {
  loadMs: number;
  ggufBytes: number;
  /** What wllama says it runs with (1 when the build fell back to single-threaded). */
  threads: number;
}

export interface CompletionRequest {
  prompt: string;
  maxTokens: number;
  temperature: number;
  stop: string[];
}

/** performance.now() readings (ms) of one streamed completion, and what it wrote. */
export interface StreamTiming {
  startedAt: number;
  /** First and last piece with text (null: none came). */
  firstAt: number | null;
  lastAt: number | null;
  /** createCompletion resolved. */
  endedAt: number;
  /** onData calls that carried text. */
  pieces: number;
  /** The engine's completion_tokens when it sends usage, else `pieces` (as LlmCpuService counts). */
  tokens: number;
  text: string;
}

let loaded: Wllama | null = null;

export async function load({ wasmUrl, ggufUrl, threads, contextSize }: DirectLoadOptions): Promise<DirectLoaded> {
  if (loaded) throw new Error('wllama-direct: already loaded');
  const started = performance.now();
  const response = await fetch(ggufUrl);
  if (!response.ok) throw new Error(`wllama-direct: ${ggufUrl} answered HTTP ${response.status}`);
  const gguf = await response.blob(); // a Blob, as the store hands the app's service one
  const wllama = new Wllama({ default: wasmUrl }, { logger: LoggerWithoutDebug, suppressNativeLog: true });
  await wllama.loadModel([gguf], { n_ctx: contextSize, n_threads: threads, n_gpu_layers: 0, n_parallel: 1 });
  await wllama.createCompletion({ prompt: ' ', max_tokens: 1, temperature: 0 }); // the app's readiness check
  loaded = wllama;
  return {
    loadMs: performance.now() - started,
    ggufBytes: gguf.size,
    threads: wllama.isMultithread() ? wllama.getNumThreads() : 1,
  };
}

/** `startedAt`: when the person's wait began (the click), if not now. */
export async function complete(
  { prompt, maxTokens, temperature, stop }: CompletionRequest,
  startedAt = performance.now(),
): Promise<StreamTiming> {
  const wllama = loaded;
  if (!wllama) throw new Error('wllama-direct: load() first');
  // The app passes an abort signal too; wllama checks it once per result poll.
  const never = new AbortController();
  let firstAt: number | null = null;
  let lastAt: number | null = null;
  let pieces = 0;
  let counted: number | undefined;
  let text = '';
  await wllama.createCompletion({
    prompt,
    max_tokens: maxTokens,
    temperature,
    stop,
    stream: true,
    abortSignal: never.signal,
    onData: (chunk) => {
      counted = chunk.usage?.completion_tokens ?? counted;
      const piece = chunk.choices[0]?.text ?? '';
      if (!piece) return;
      lastAt = performance.now();
      firstAt ??= lastAt;
      pieces += 1;
      text += piece;
    },
  });
  const endedAt = performance.now();
  return { startedAt, firstAt, lastAt, endedAt, pieces, tokens: counted ?? pieces, text };
}

const RUN_BUTTON = 'bench-direct-run';
let armed: { request: CompletionRequest; result?: Promise<StreamTiming> } | null = null;

/** The direct run starts from a click on a button in the page, like the app's check: a click makes
 *  the browser render a frame before it handles worker messages, and both paths should pay that. */
export function armClick(request: CompletionRequest): string {
  let button = document.getElementById(RUN_BUTTON);
  if (!button) {
    button = Object.assign(document.createElement('button'), {
      id: RUN_BUTTON,
      type: 'button',
      textContent: 'Run wllama directly',
    });
    button.addEventListener('click', () => {
      const clickedAt = performance.now();
      if (armed && !armed.result) armed.result = complete(armed.request, clickedAt);
    });
    document.body.prepend(button);
  }
  armed = { request };
  return `#${RUN_BUTTON}`;
}

export function clickedRun(): Promise<StreamTiming> {
  if (!armed?.result) return Promise.reject(new Error('wllama-direct: the run button was not clicked'));
  return armed.result;
}

export async function unload(): Promise<void> {
  const wllama = loaded;
  loaded = null;
  await wllama?.exit();
}
