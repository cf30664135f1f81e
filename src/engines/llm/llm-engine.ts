// The contract both language-model engines keep inside the llm worker: WebLLM on WebGPU
// (webllm-service.ts) and llama.cpp in WebAssembly (wllama-service.ts). The worker's router picks one
// per model runtime; the page only ever sees this shape through src/clients/llm-client.ts.
import type { ChatMessage, GenerationSettings } from '../../core/chat-types';
import type { ModelEntry } from '../../catalog/types';
import type { ModelLoadReport } from '../shared/model-holder';

export interface LlmLoadOptions {
  /** Context window in tokens (default: small, so a phone keeps its memory). */
  contextSize?: number;
  /** CPU engine only: overrides the thread choice of cpuThreads(). */
  threads?: number;
  /** Model source base URL (WebLLM resolves its files against it; the store is keyed by repo). */
  source?: string;
}

export interface LlmLoadReport extends ModelLoadReport {
  engine: 'webllm' | 'wllama';
  loadMs: number;
  /** CPU threads (1 for WebLLM). */
  threads: number;
  contextSize: number;
  /** false for base models (e.g. TinyStories): the router sends a plain completion prompt. */
  chatTemplate: boolean;
}

/** Output the answer must follow (a tool call or a plain answer, see core/tools/tool-grammar): each
 *  engine takes the form it understands, llama.cpp the GBNF grammar, WebLLM the JSON schema. */
export interface OutputConstraint {
  /** GBNF with a "root" rule (wllama's `grammar` sampling option). */
  grammar: string;
  /** A JSON schema as text (WebLLM's response_format { type: 'json_object', schema }). */
  jsonSchema: string;
}

/** One answer's settings: generation settings, and the output constraint when tools are offered. */
export type GenerateSettings = Partial<GenerationSettings> & { constraint?: OutputConstraint };

/** Receives each streamed piece of text, in order. A separate argument, not an option: comlink turns
 *  only top-level arguments marked with proxy() into callbacks across the worker. */
export type OnToken = (text: string) => unknown;

export interface Completion {
  text: string;
  tokens: number;
  ttftMs: number | null;
  tokensPerSecond: number | null;
  /** true when abort() stopped it; text holds what came before. */
  aborted: boolean;
}

/** Why an engine stopped working: the router falls back (GPU lost) or explains (out of memory). */
export type EngineFailureKind = 'device-lost' | 'out-of-memory' | 'not-stored' | 'other';

export interface LlmEngine {
  load(model: ModelEntry, opts?: LlmLoadOptions): Promise<LlmLoadReport>;
  /** Chat models: the engine applies the model's own chat template. */
  chat(messages: ChatMessage[], settings: GenerateSettings, onToken?: OnToken): Promise<Completion>;
  /** Models without a chat template: a plain completion of `prompt`, cut at any of `stop`. */
  complete(prompt: string, settings: GenerateSettings & { stop?: string[] }, onToken?: OnToken): Promise<Completion>;
  /** Stops the answer in progress at the next token; chat()/complete() resolve with aborted: true. */
  abort(): void;
  unload(): Promise<void>;
}
