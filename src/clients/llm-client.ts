// The UI's only door to the llm worker. An AbortSignal stops the answer in progress (the abort goes
// around the queue, or it would wait for the very answer it should stop).
import { proxy } from 'comlink';
import type { ChatMessage } from '../core/chat-types';
import type { ModelEntry } from '../catalog/types';
import type { Completion, GenerateSettings, LlmLoadOptions, LlmLoadReport } from '../engines/llm/llm-engine';
import type { LlmRouter, LoadedInfo } from '../engines/llm/llm-router';
import { workerBridge } from './worker-bridge';

export type { Completion, LlmLoadReport, OutputConstraint } from '../engines/llm/llm-engine';

/** Generation settings, `constraint` (the tool grammar and schema) among them, and the page's hooks. */
export interface GenerateOptions extends GenerateSettings {
  onToken?: (text: string) => void;
  signal?: AbortSignal;
}

const bridge = workerBridge<LlmRouter>(
  () => new Worker(new URL('../../workers/llm.ts', import.meta.url), { type: 'module', name: 'llm' }),
);
const worker = bridge.remote;
const serial = bridge.serial;

// The model the worker holds, as far as this page knows: asking again for it answers here, without a
// round trip. That trip matters right after a click, when the browser renders a frame before it
// handles the worker's reply (~one frame before the first token could even be asked for).
let held: { modelId: string; report: LlmLoadReport } | null = null;

const NOTHING: Completion = { text: '', tokens: 0, ttftMs: null, tokensPerSecond: null, aborted: true };

async function generate(messages: ChatMessage[], { signal, onToken, ...settings }: GenerateOptions = {}): Promise<Completion> {
  const stop = () => void worker().abort();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    return await serial(() => {
      if (signal?.aborted) return Promise.resolve(NOTHING);
      return worker().generate(messages, settings, onToken && proxy(onToken));
    });
  } catch (e) {
    held = null; // a failed engine may have let go of its model (a lost GPU): ask the worker next time
    throw e;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

export const llmClient = {
  load(model: ModelEntry, opts: LlmLoadOptions = {}): Promise<LlmLoadReport> {
    if (held?.modelId === model.id) return Promise.resolve(held.report);
    held = null;
    return serial(() => worker().load(model, opts)).then((report) => {
      held = { modelId: model.id, report };
      return report;
    });
  },
  /** A conversation already fitted to the model's context window; plain models get a completion prompt. */
  generate,
  /** The prompt continued as-is, for a base model (the device check). */
  continueText: (prompt: string, opts: GenerateOptions = {}): Promise<Completion> =>
    generate([{ role: 'user', content: prompt }], opts),
  loaded: (): Promise<LoadedInfo | null> => serial(() => worker().loaded()),
  unload: (): Promise<void> => {
    held = null;
    return serial(() => worker().unload());
  },
};
