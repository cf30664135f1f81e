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
