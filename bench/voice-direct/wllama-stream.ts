// @wllama/wllama called alone (bench-only browser code), with LlmCpuService's load options
// (src/engines/llm/wllama-service.ts): the mirror's GGUF as a Blob, the app's wllama.wasm, its thread rule.
import { LoggerWithoutDebug, Wllama } from '@wllama/wllama';
import { cpuThreads } from '../../src/core/llm-cpu';

export interface CompletionSettings {
  prompt: string;
  maxTokens: number;
  temperature: number;
  stop: string[];
}

export async function loadWllama(
  wasmUrl: string,
  ggufUrl: string,
  contextSize: number,
): Promise<{ wllama: Wllama; threads: number }> {
  const response = await fetch(ggufUrl);
  if (!response.ok) throw new Error(`${ggufUrl} answered HTTP ${response.status}`);
  const gguf = await response.blob();
  const wllama = new Wllama({ default: wasmUrl }, { logger: LoggerWithoutDebug, suppressNativeLog: true });
  const threads = cpuThreads({ isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency });
  await wllama.loadModel([gguf], { n_ctx: contextSize, n_threads: threads, n_gpu_layers: 0, n_parallel: 1 });
  await wllama.createCompletion({ prompt: ' ', max_tokens: 1, temperature: 0 }); // the app's readiness check
  return { wllama, threads: wllama.isMultithread() ? wllama.getNumThreads() : 1 };
}

/** Streams a completion; `onText` sees the whole text so far and returns true to stop early. */
export async function streamCompletion(
  wllama: Wllama,
  { prompt, maxTokens, temperature, stop }: CompletionSettings,
  onText: (textSoFar: string) => boolean,
): Promise<string> {
  const stopEarly = new AbortController();
  let text = '';
  try {
    await wllama.createCompletion({
      prompt,
      max_tokens: maxTokens,
      temperature,
      stop,
      stream: true,
      abortSignal: stopEarly.signal,
      onData: (chunk) => {
        const piece = chunk.choices[0]?.text ?? '';
        if (!piece || stopEarly.signal.aborted) return;
        text += piece;
        if (onText(text)) stopEarly.abort();
      },
    });
  } catch (e) {
    if (!stopEarly.signal.aborted) throw e;
  }
  return text;
}
