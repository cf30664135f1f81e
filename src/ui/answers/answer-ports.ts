// What the answer pipeline needs from the page, as interfaces: the llm worker's client, the
// encrypted stores and the view's signals are passed in, so the pipeline runs (and is tested) in
// Node with fakes of these shapes and no browser.
import type { ChatMessage, ConversationMessage } from '../../core/chat-types';
import type { LlmChoice } from '../../core/engine-choice';
import type { FitGroundedInput, FittedGrounded, RetrievedPassage } from '../../core/knowledge/grounding';
import type { ModelEntry } from '../../catalog/types';
import type { GenerateOptions } from '../../clients/llm-client';
import type { Completion, LlmLoadOptions, LlmLoadReport } from '../../engines/llm/llm-engine';
import type { CachedAnswer } from '../../platform/response-cache-store';

export type Phase = 'idle' | 'loading' | 'generating';

/** The language model, as src/clients/llm-client.ts offers it. */
export interface LlmRunner {
  load(model: ModelEntry, opts?: LlmLoadOptions): Promise<LlmLoadReport>;
  generate(messages: ChatMessage[], opts?: GenerateOptions): Promise<Completion>;
  unload(): Promise<void>;
}

/** The slices of the conversation store and the response cache (ui/state/vault's chatStores()). */
export interface AnswerStores {
  conversations: {
    appendMessage(conversationId: string, message: ConversationMessage): Promise<void>;
    updateMessage(conversationId: string, messageId: string, patch: Partial<ConversationMessage>): Promise<void>;
  };
  responses: {
    get(key: string): Promise<CachedAnswer | null>;
    put(key: string, answer: Omit<CachedAnswer, 'createdAt'>): Promise<void>;
  };
}

/** The settings an answer reads, once per attempt. */
export interface AnswerSettings {
  systemPrompt: string;
  temperature: number;
  maxTokens: number;
  responseCache: boolean;
  /** Model source base URL, for the engine's load. */
  source: string;
}

/** What answers now; `model` is missing when nothing stored can run. */
export interface ModelPick {
  choice: LlmChoice;
  model: ModelEntry | undefined;
}

/** The model and engine of the last load, and why they were chosen. */
export interface EngineInfo {
  model: ModelEntry;
  report: LlmLoadReport;
  choice: LlmChoice;
}

/** Follows one answer as it streams (the voice loop reads it aloud). */
export interface AnswerListener {
  /** The whole answer so far, each time it grows (once, whole, for a cached answer). */
  onText(text: string): void;
}

/** What the person sees change; the page's signals implement it. */
export interface AnswerView {
  /** A new answer's message, stored and shown before the model loads. */
  added(message: ConversationMessage): void;
  changed(id: string, patch: Partial<ConversationMessage>): void;
  phase(phase: Phase): void;
  engine(info: EngineInfo): void;
  /** The GPU failed: GPU models are out for the session, so the next choose() is a CPU one. */
  gpuFailed(notice: 'gpu-lost' | 'gpu-oom'): void;
  nothingStored(): void;
  /** An answer was written for good (its conversation's place in the list changed). */
  settled(): Promise<void>;
}

/** What a question found in the documents, with the rule that fits it beside the conversation
 *  (core/knowledge/grounding's fitGrounded, which arrives with the search code, not with Talk). */
export interface Grounding {
  /** Relevant passages, best first; [] = nothing relevant. */
  passages: RetrievedPassage[];
  fit(input: FitGroundedInput): FittedGrounded;
}

/** The person's documents, for answers that use them (chat.ts wires the knowledge library). */
export interface AnswerDocuments {
  /** What the question found; null when this conversation does not use the documents. */
  retrieve(conversationId: string, question: string): Promise<Grounding | null>;
  /** What the assistant says, in the person's language, when the documents hold nothing relevant. */
  nothingFound(): string;
}

export interface AnswerDeps {
  runner: LlmRunner;
  documents?: AnswerDocuments;
  stores(): Promise<AnswerStores>;
  /** Read at the start and again after a GPU failure, when the choice has moved to the CPU. */
  choose(): ModelPick;
  settings(): AnswerSettings;
  view: AnswerView;
  newId?: () => string;
  /** How often a streaming answer is saved (default 250 ms). */
  saveEveryMs?: number;
}

/** One answer with the tools offered (ui/answers/model-tool-turn.ts): the pipeline loads, fits,
 *  streams and stores as for any answer; the tools side asks the model under the tool grammar and
 *  runs the call it makes. No answer message exists until the model writes an answer's first word,
 *  so a turn that ends in a tool call leaves only that call's own message. */
export interface AnswerTools {
  /** What the model is told about the tools, added to the persona before the conversation is fitted. */
  instructions: string;
  run(step: ToolStep): Promise<ToolStepResult>;
}

export interface ToolStep {
  /** The conversation fitted to the window, instructions included. */
  messages: ChatMessage[];
  report: LlmLoadReport;
  /** One generation with the answer's settings and Stop; `constraint` and `onToken` per call. */
  generate(messages: ChatMessage[], opts: Pick<GenerateOptions, 'constraint' | 'onToken' | 'maxTokens'>): Promise<Completion>;
  /** The answer's text so far (shown, saved, spoken; the message opens at the first call). */
  show(text: string): void;
}

export interface ToolStepResult {
  /** The last generation (the answer's figures). */
  completion: Completion;
  /** The answer's text, or null when the turn ended with a tool message and no answer. */
  text: string | null;
}

export interface AnswerRequest {
  conversationId: string;
  /** The conversation as it stands, ending with the question (and the answer to replace, if any). */
  messages: readonly ConversationMessage[];
  /** The id of an answer to write again in place. */
  replace?: string;
  skipCache?: boolean;
  listener?: AnswerListener;
  /** Offer the model tools for this answer (never cached). */
  tools?: AnswerTools;
}
