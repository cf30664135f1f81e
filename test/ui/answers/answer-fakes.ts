// Fakes of the answer pipeline's own ports (answer-ports.ts), not of a model: a runner that plays a
// script per generate() call and records every call, stores kept in memory with a log of writes, and
// a view that keeps the messages as the page's signals would.
import type { ChatMessage, ConversationMessage } from '../../../src/core/chat-types';
import type { LlmChoice } from '../../../src/core/engine-choice';
import type { ModelEntry } from '../../../src/catalog/types';
import type { GenerateOptions } from '../../../src/clients/llm-client';
import type { Completion, LlmLoadReport } from '../../../src/engines/llm/llm-engine';
import type { CachedAnswer } from '../../../src/platform/response-cache-store';
import type {
  AnswerDeps,
  AnswerSettings,
  AnswerStores,
  AnswerView,
  EngineInfo,
  LlmRunner,
  ModelPick,
  Phase,
} from '../../../src/ui/answers/answer-ports';

export const GPU_MODEL = { id: 'gpu-llm', runtime: 'webllm' } as ModelEntry;
export const CPU_MODEL = { id: 'cpu-llm', runtime: 'wllama' } as ModelEntry;

/** What one generate() call does with the options it was given. */
export type Script = (opts: GenerateOptions) => Promise<Completion>;

/** Sends `pieces` one by one; stops early (aborted, with what was sent) once the signal is aborted. */
export const streams =
  (...pieces: string[]): Script =>
  async ({ onToken, signal }) => {
    let text = '';
    let tokens = 0;
    for (const piece of pieces) {
      if (signal?.aborted) return { text, tokens, ttftMs: 5, tokensPerSecond: 10, aborted: true };
      text += piece;
      tokens++;
      onToken?.(piece);
      await Promise.resolve();
    }
    return { text, tokens: pieces.length, ttftMs: 5, tokensPerSecond: 10, aborted: false };
  };

/** Sends `pieces`, then throws. */
export const failsAfter =
  (error: Error, ...pieces: string[]): Script =>
  async (opts) => {
    await streams(...pieces)(opts);
    throw error;
  };

export type RunnerCall =
  | { kind: 'load'; model: string }
  | { kind: 'generate'; messages: ChatMessage[]; maxTokens: number | undefined }
  | { kind: 'unload' };

export class FakeRunner implements LlmRunner {
  readonly calls: RunnerCall[] = [];
  /** Played in order, one per generate(); the last one repeats. */
  scripts: Script[] = [streams('Hello', ' there', '.')];
  /** Thrown by the next load() of that model id. */
  loadFailures = new Map<string, Error>();
  contextSize = 2048;

  async load(model: ModelEntry): Promise<LlmLoadReport> {
    this.calls.push({ kind: 'load', model: model.id });
    const failure = this.loadFailures.get(model.id);
    if (failure) {
      this.loadFailures.delete(model.id);
      throw failure;
    }
    const gpu = model.runtime === 'webllm';
    return {
      engine: gpu ? 'webllm' : 'wllama',
      device: gpu ? 'webgpu' : 'wasm',
      loadMs: 1,
      threads: 1,
      contextSize: this.contextSize,
      chatTemplate: true,
    };
  }

  generate(messages: ChatMessage[], opts: GenerateOptions = {}): Promise<Completion> {
    this.calls.push({ kind: 'generate', messages, maxTokens: opts.maxTokens });
    const n = this.calls.filter((c) => c.kind === 'generate').length;
    const script = this.scripts[Math.min(n, this.scripts.length) - 1]!;
    return script(opts);
  }

  async unload(): Promise<void> {
    this.calls.push({ kind: 'unload' });
  }

  generated(): Array<Extract<RunnerCall, { kind: 'generate' }>> {
    return this.calls.filter((c): c is Extract<RunnerCall, { kind: 'generate' }> => c.kind === 'generate');
  }
}

export type Write =
  { op: 'append'; id: string; message: ConversationMessage } | { op: 'update'; id: string; patch: Partial<ConversationMessage> };

export class MemoryStores implements AnswerStores {
  readonly messages = new Map<string, ConversationMessage[]>();
  readonly writes: Write[] = [];
  readonly cache = new Map<string, Omit<CachedAnswer, 'createdAt'>>();
  /** Appends wait for this before they are written (a slow disk). */
  appendsWaitFor: Promise<void> = Promise.resolve();
  /** Thrown by every append (a full disk). */
  appendFailure: Error | null = null;
  /** As the real store does: one conversation's writes land in the order they were asked for. */
  #queue: Promise<unknown> = Promise.resolve();

  #inTurn(write: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(write, write);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  conversations = {
    appendMessage: (conversationId: string, message: ConversationMessage): Promise<void> =>
      this.#inTurn(async () => {
        await this.appendsWaitFor;
        if (this.appendFailure) throw this.appendFailure;
        this.writes.push({ op: 'append', id: message.id, message });
        this.messages.set(conversationId, [...(this.messages.get(conversationId) ?? []), message]);
      }),
    updateMessage: (conversationId: string, id: string, patch: Partial<ConversationMessage>): Promise<void> =>
      this.#inTurn(async () => {
        this.writes.push({ op: 'update', id, patch });
        const list = this.messages.get(conversationId) ?? [];
        if (!list.some((m) => m.id === id)) throw new Error(`no message ${id}`);
        this.messages.set(
          conversationId,
          list.map((m) => (m.id === id ? { ...m, ...patch } : m)),
        );
      }),
  };

  responses = {
    get: async (key: string): Promise<CachedAnswer | null> => {
      const hit = this.cache.get(key);
      return hit ? { ...hit, createdAt: 0 } : null;
    },
    put: async (key: string, answer: Omit<CachedAnswer, 'createdAt'>): Promise<void> => {
      this.cache.set(key, answer);
    },
  };

  stored(conversationId: string, id: string): ConversationMessage | undefined {
    return this.messages.get(conversationId)?.find((m) => m.id === id);
  }
}

/** The page's signals, kept as plain fields. */
export class RecordingView implements AnswerView {
  messages: ConversationMessage[] = [];
  readonly phases: Phase[] = [];
  readonly engines: EngineInfo[] = [];
  readonly notices: string[] = [];
  gpuLost = false;
  nothingStoredCount = 0;
  settledCount = 0;

  added(message: ConversationMessage): void {
    this.messages = [...this.messages, message];
  }
  changed(id: string, patch: Partial<ConversationMessage>): void {
    this.messages = this.messages.map((m) => (m.id === id ? { ...m, ...patch } : m));
  }
  phase(phase: Phase): void {
    this.phases.push(phase);
  }
  engine(info: EngineInfo): void {
    this.engines.push(info);
  }
  gpuFailed(notice: 'gpu-lost' | 'gpu-oom'): void {
    this.gpuLost = true;
    this.notices.push(notice);
  }
  nothingStored(): void {
    this.nothingStoredCount++;
  }
  async settled(): Promise<void> {
    this.settledCount++;
  }
}

export const SETTINGS: AnswerSettings = {
  systemPrompt: 'You are Hearth.',
  temperature: 0,
  maxTokens: 64,
  responseCache: true,
  source: 'https://models.test',
};

/** Everything wired as chat.ts wires the real things: the GPU model answers until the view says the
 *  GPU is lost, as the planned choice does. */
export function fakeDeps(overrides: Partial<AnswerDeps> = {}) {
  const runner = new FakeRunner();
  const stores = new MemoryStores();
  const view = new RecordingView();
  let settings = SETTINGS;
  let ids = 0;
  const choose = (): ModelPick => {
    const choice: LlmChoice = view.gpuLost
      ? { model: CPU_MODEL.id, engine: 'wllama', reason: 'gpu-lost' }
      : { model: GPU_MODEL.id, engine: 'webllm', reason: 'webgpu' };
    return { choice, model: view.gpuLost ? CPU_MODEL : GPU_MODEL };
  };
  const deps: AnswerDeps = {
    runner,
    stores: async () => stores,
    choose,
    settings: () => settings,
    view,
    newId: () => `answer-${++ids}`,
    saveEveryMs: 60_000, // no timer fires in a test: only the first words and the flush are written
    ...overrides,
  };
  return { deps, runner, stores, view, setSettings: (s: Partial<AnswerSettings>) => void (settings = { ...settings, ...s }) };
}

let clock = 0;
/** A stored conversation message. */
export const msg = (
  id: string,
  role: 'user' | 'assistant',
  content: string,
  status: ConversationMessage['status'] = 'complete',
): ConversationMessage => ({ id, role, content, createdAt: ++clock, status });
