// The UI's only door to the llm worker. An AbortSignal stops the answer in progress (the abort goes
// around the queue, or it would wait for the very answer it should stop).
import { proxy } from 'comlink';
import type { Completion, LlmCpuService, LlmLoadOptions, LlmLoadReport } from '../models/wllama-service';
import type { ModelEntry } from '../models/catalog-types';
import { workerBridge } from './worker-bridge';

export type { Completion, LlmLoadReport } from '../models/wllama-service';

export interface GenerateOptions {
  maxTokens?: number;
  temperature?: number;
  onToken?: (text: string) => void;
  signal?: AbortSignal;
}

const bridge = workerBridge<LlmCpuService>(() =>
  new Worker(new URL('../../workers/llm.ts', import.meta.url), { type: 'module', name: 'llm' }));
const worker = bridge.remote;
const serial = bridge.serial;

async function complete(prompt: string, { signal, onToken, ...settings }: GenerateOptions = {}): Promise<Completion> {
  const stop = () => void worker().abort();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    return await serial(() => {
      if (signal?.aborted) return Promise.resolve({ text: '', tokens: 0, ttftMs: null, tokensPerSecond: null, aborted: true });
      return worker().complete(prompt, settings, onToken && proxy(onToken));
    });
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

export const llmClient = {
  load: (model: ModelEntry, opts: LlmLoadOptions = {}): Promise<LlmLoadReport> => serial(() => worker().load(model, opts)),
  complete,
  unload: (): Promise<void> => serial(() => worker().unload()),
};
