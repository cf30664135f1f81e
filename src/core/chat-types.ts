// The words of a conversation, shared by core logic, the conversation store, the LLM worker and the UI.
// Plain data only (structured-clone safe): it crosses worker boundaries and goes into IndexedDB.
import type { AnswerSource } from './knowledge/grounding';

export type ChatRole = 'system' | 'user' | 'assistant';

/** One message as the engines see it (OpenAI-style, which both WebLLM and wllama take). */
export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export interface GenerationSettings {
  /** 0 = deterministic (greedy); the response cache only answers requests at 0. */
  temperature: number;
  maxTokens: number;
}

export const DEFAULT_GENERATION: GenerationSettings = { temperature: 0.7, maxTokens: 512 };

/** Per-answer figures shown under each reply. */
export interface AnswerStats {
  /** Catalog id of the model that wrote it. */
  modelId: string;
  engine: 'webllm' | 'wllama';
  tokens: number;
  ttftMs: number | null;
  tokensPerSecond: number | null;
  /** Served from the response cache: no model ran. */
  cached?: boolean;
}

/** A stored turn. `status` tells a finished answer from one cut short (stop, closed tab, lost GPU). */
export interface ConversationMessage extends ChatMessage {
  id: string;
  createdAt: number;
  status: 'complete' | 'streaming' | 'stopped' | 'failed';
  stats?: AnswerStats;
  /** For failed answers: what went wrong, in words. */
  error?: string;
  /** An answer from the person's documents: the passages it was given, numbered as the model saw them. */
  sources?: AnswerSource[];
  /** The documents were searched and held nothing relevant: the answer says so, no model ran. */
  noSources?: true;
  /** Set on an assistant turn that is a tool call: `content` holds its result sentence (what the
   *  person reads and hears, and what a model sees of it in the history). */
  tool?: ToolCallRecord;
}

/** Where a call came from: the local intent matcher, or a language model offered the tools. */
export type ToolCallOrigin = 'intent' | 'model';

/** needs-confirmation: waiting for the person's Yes/No (sensitive). choose-device: the words fit
 *  several devices, waiting for the person to pick one. done: ran. cancelled: the person said no
 *  (or nothing). refused: not run because the call itself was wrong (unknown tool, bad arguments,
 *  no such device). error: ran and failed. */
export type ToolCallStatus = 'needs-confirmation' | 'choose-device' | 'done' | 'cancelled' | 'refused' | 'error';

/** One tool call as the conversation stores and shows it. */
export interface ToolCallRecord {
  name: string;
  arguments: Record<string, unknown>;
  status: ToolCallStatus;
  origin: ToolCallOrigin;
  /** The language the request was made in (replies and questions follow it). */
  language: 'en' | 'zh';
  /** What the call acts on, in words ("Front Door"), when it names a device. */
  target?: string;
  /** choose-device: the devices the words fit. */
  candidates?: Array<{ id: string; name: string; area?: string }>;
  /** The tool's data (done) or the error's details (refused, error), for the model and for a look. */
  data?: unknown;
}

export interface ConversationSummary {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
}

export interface Conversation extends ConversationSummary {
  messages: ConversationMessage[];
  /** "Use my documents" as the person set it for this conversation; unset follows the default
   *  (on once a document and an embedding model are there). */
  useDocuments?: boolean;
}
