// One answer, from the model's choice to its last stored word: load, fit the conversation to the
// context window, the response cache, streaming with throttled saves, one refit when the engine finds
// the prompt too long, and one second attempt on the CPU engine when the GPU fails. With the person's
// documents in use, the question's relevant passages are fetched first: none → the answer says the
// documents do not contain it, and no model runs; some → they are fitted beside the conversation
// inside a fence (core/knowledge/grounding) and stored with the answer as its sources. Page code that
// touches no DOM; its I/O comes in through answer-ports, so each branch is unit-tested in Node.
import type { AnswerStats, ChatMessage, ConversationMessage, GenerationSettings } from '../../core/chat-types';
import { defaultContextBudget, fitContext, scaledEstimate, tokenRatioFrom, type FittedContext } from '../../core/context-window';
import type { AnswerSource } from '../../core/knowledge/grounding';
import { ContextOverflowError, GpuDeviceLostError, OutOfMemoryError } from '../../core/errors';
import type { LlmChoice } from '../../core/engine-choice';
import { isCacheable, responseCacheKey } from '../../core/response-cache-key';
import type { ModelEntry } from '../../catalog/types';
import type { Completion, LlmLoadReport } from '../../engines/llm/llm-engine';
import type {
  AnswerDeps,
  AnswerListener,
  AnswerRequest,
  AnswerSettings,
  AnswerStores,
  AnswerTools,
  Grounding,
  ToolStepResult,
} from './answer-ports';
import { throttledSaver } from './throttled-saver';

/** The answer being written: where it is stored and what it says so far. */
interface Draft {
  stores: AnswerStores;
  conversationId: string;
  id: string;
  /** The conversation it answers (older answers that failed are not sent). */
  history: ChatMessage[];
  signal: AbortSignal;
  /** Stops the model (as Stop does). */
  stop: () => void;
  listener: AnswerListener | undefined;
  text: string;
  /** What the question found in the documents; null when they are not in use. */
  grounding: Grounding | null;
  /** The tools offered to the model, if any: the message then opens at the answer's first word. */
  tools: AnswerTools | null;
  /** The message is stored (or being stored); until then nothing of this answer is shown. */
  opening: Promise<void> | null;
  append: boolean;
}

export class AnswerPipeline {
  /** The answer in flight; Stop aborts it. */
  #controller: AbortController | null = null;
  /** Per model, how much finer its tokenizer counts than estimateTokens (learnt from overflows). */
  readonly #tokenRatios = new Map<string, number>();

  constructor(private readonly deps: AnswerDeps) {}

  stop(): void {
    this.#controller?.abort();
  }

  /** Writes one answer; resolves when it is settled (complete, stopped or failed) and stored. */
  async answer(request: AnswerRequest): Promise<void> {
    const { view } = this.deps;
    const stores = await this.deps.stores();
    const first = this.deps.choose();
    if (!first.model) return view.nothingStored();

    const controller = new AbortController();
    const draft: Draft = {
      stores,
      conversationId: request.conversationId,
      id: request.replace ?? this.#newId(),
      history: request.messages
        .filter((m) => m.id !== request.replace && m.status !== 'failed')
        .map(({ role, content }) => ({ role, content })),
      signal: controller.signal,
      stop: () => controller.abort(),
      listener: request.listener,
      text: '',
      grounding: null,
      tools: request.tools ?? null,
      opening: null,
      append: !request.replace,
    };
    // The answer's message is shown and queued for the store before the model is even loaded; with
    // tools offered it waits for the model's first word, since the model may answer with a tool call
    // instead. The model does not wait for that write: the store keeps one conversation's writes in
    // the order they were asked for, so the saves of the text land after it.
    if (!draft.tools) void this.#openNow(draft, draft.append).catch(() => undefined);
    this.#controller = controller;
    try {
      try {
        draft.grounding = await this.#retrieve(draft);
        if (draft.grounding?.passages.length === 0) return await this.#nothingFound(draft);
        await this.#attempt(draft, first.model, first.choice, request.skipCache ?? false);
      } catch (e) {
        if (!(e instanceof GpuDeviceLostError || e instanceof OutOfMemoryError)) throw e;
        // The conversation stays as it was; the same answer is written again on the CPU engine. Once:
        // whatever that attempt throws fails the answer.
        view.gpuFailed(e instanceof OutOfMemoryError ? 'gpu-oom' : 'gpu-lost');
        await this.deps.runner.unload().catch(() => undefined);
        if (draft.signal.aborted) return await this.#finish(draft, { content: draft.text, status: 'stopped' });
        const cpu = this.deps.choose();
        if (!cpu.model) {
          view.nothingStored();
          throw e;
        }
        if (draft.opening) await this.#openNow(draft, false);
        await this.#attempt(draft, cpu.model, cpu.choice, true);
      }
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      await this.#finish(draft, { content: draft.text, status: 'failed', error: error.message });
    } finally {
      if (this.#controller === controller) {
        this.#controller = null;
        view.phase('idle');
      }
    }
  }

  /** An empty streaming message: appended, or in place of the one it replaces. */
  #openNow(draft: Draft, append: boolean): Promise<void> {
    draft.text = '';
    return this.#opened(draft, this.#open(draft, append, ''));
  }

  /** The message of an answer that opens late (tools offered), once. */
  #openLate(draft: Draft): Promise<void> {
    return draft.opening ?? this.#opened(draft, this.#open(draft, draft.append, draft.text));
  }

  /** An answer that cannot be stored is not written on: the model stops, the failure is the answer's. */
  #opened(draft: Draft, opening: Promise<void>): Promise<void> {
    draft.opening = opening;
    opening.catch(() => draft.stop());
    return opening;
  }

  async #open(draft: Draft, append: boolean, content: string): Promise<void> {
    const message: ConversationMessage = {
      id: draft.id,
      role: 'assistant',
      content,
      createdAt: Date.now(),
      status: 'streaming',
    };
    const { conversations } = draft.stores;
    if (append) {
      this.deps.view.added(message);
      await conversations.appendMessage(draft.conversationId, message);
    } else {
      const cleared = {
        content: '',
        status: 'streaming',
        stats: undefined,
        error: undefined,
        sources: undefined,
        noSources: undefined,
      } as const;
      this.deps.view.changed(draft.id, cleared);
      await conversations.updateMessage(draft.conversationId, draft.id, cleared);
    }
  }

  /** Load, fit, the cache, the model; throws what the engine threw (a GPU failure included). */
  async #attempt(draft: Draft, model: ModelEntry, choice: LlmChoice, skipCache: boolean): Promise<void> {
    const { runner, view } = this.deps;
    const s = this.deps.settings();
    view.phase('loading');
    const report = await runner.load(model, { source: s.source });
    view.engine({ model, report, choice });
    const persona = draft.tools ? `${s.systemPrompt.trim()}\n\n${draft.tools.instructions}`.trim() : s.systemPrompt;
    const fit = () =>
      fitAnswer(
        draft.history,
        draft.grounding,
        { ...s, systemPrompt: persona },
        report.contextSize,
        this.#tokenRatios.get(model.id) ?? 1,
      );
    let { fitted, generation, sources } = fit();
    await this.#showSources(draft, sources);
    // A tool turn is never cached: its answer depends on the clock, the devices and what ran.
    let cacheKey =
      s.responseCache && !skipCache && !draft.tools && isCacheable(generation)
        ? await responseCacheKey({ modelId: model.id, messages: fitted.messages, settings: generation })
        : null;
    const hit = cacheKey ? await draft.stores.responses.get(cacheKey) : null;
    if (hit) {
      draft.listener?.onText(hit.text);
      return this.#finish(draft, { content: hit.text, status: 'complete', stats: { ...hit.stats, cached: true } });
    }

    view.phase('generating');
    const saver = throttledSaver(
      (content) => draft.stores.conversations.updateMessage(draft.conversationId, draft.id, { content }),
      this.deps.saveEveryMs,
    );
    const tools = draft.tools;
    let toolText: string | null = null;
    const run = async (): Promise<Completion> => {
      if (!tools) return this.#generate(draft, fitted.messages, generation, (text) => saver.push(text));
      const result = await this.#runTools(draft, tools, fitted.messages, generation, report, (text) => saver.push(text));
      toolText = result.text;
      return result.completion;
    };
    let out: Completion;
    try {
      try {
        out = await run();
      } catch (e) {
        if (!(e instanceof ContextOverflowError)) throw e;
        // This model's tokenizer counts finer than the estimate: learn by how much, fit again, once.
        const ratio = tokenRatioFrom(e.promptTokens, fitted.usedTokens) * (this.#tokenRatios.get(model.id) ?? 1);
        this.#tokenRatios.set(model.id, ratio);
        ({ fitted, generation, sources } = fit());
        await this.#showSources(draft, sources);
        cacheKey = null; // the key named the prompt that did not fit
        out = await run();
      }
    } finally {
      await saver.flush(); // the last text lands before the settled message (or the failure)
    }
    const stats: AnswerStats = {
      modelId: model.id,
      engine: report.engine,
      tokens: out.tokens,
      ttftMs: out.ttftMs,
      tokensPerSecond: out.tokensPerSecond,
    };
    const status = out.aborted ? 'stopped' : 'complete';
    if (tools && toolText === null && !draft.opening) return this.deps.view.settled(); // a tool message only
    await this.#finish(draft, { content: tools ? (toolText ?? draft.text) : out.text, status, stats });
    if (cacheKey && status === 'complete' && out.text) await draft.stores.responses.put(cacheKey, { text: out.text, stats });
  }

  #generate(
    draft: Draft,
    messages: ChatMessage[],
    generation: GenerationSettings,
    save: (text: string) => void,
  ): Promise<Completion> {
    draft.text = '';
    return this.deps.runner.generate(messages, {
      ...generation,
      signal: draft.signal,
      onToken: (piece) => {
        if (draft.signal.aborted) return; // late pieces after Stop do not change what was kept
        draft.text += piece;
        this.deps.view.changed(draft.id, { content: draft.text });
        save(draft.text);
        draft.listener?.onText(draft.text);
      },
    });
  }

  /** One tool turn (model-tool-turn.ts): the answer's text arrives decoded, through show(). */
  #runTools(
    draft: Draft,
    tools: AnswerTools,
    messages: ChatMessage[],
    generation: GenerationSettings,
    report: LlmLoadReport,
    save: (text: string) => void,
  ): Promise<ToolStepResult> {
    draft.text = '';
    return tools.run({
      messages,
      report,
      generate: (turn, opts) => this.deps.runner.generate(turn, { ...generation, ...opts, signal: draft.signal }),
      show: (text) => {
        if (draft.signal.aborted) return;
        draft.text = text;
        draft.listener?.onText(text);
        if (!draft.opening) return void this.#openLate(draft);
        // Changes while the message is still being stored are shown once it is.
        void draft.opening.then(() => {
          this.deps.view.changed(draft.id, { content: draft.text });
          save(draft.text);
        });
      },
    });
  }

  /** The question's passages, or null when this conversation does not use the documents. */
  async #retrieve(draft: Draft): Promise<Grounding | null> {
    const documents = this.deps.documents;
    const question = draft.history.findLast((m) => m.role === 'user');
    if (!documents || !question) return null;
    return documents.retrieve(draft.conversationId, question.content);
  }

  /** Said by the app, not the model: a tiny model asked to admit it knows nothing tends to invent. */
  async #nothingFound(draft: Draft): Promise<void> {
    const text = this.deps.documents!.nothingFound();
    draft.listener?.onText(text);
    await this.#finish(draft, { content: text, status: 'complete', noSources: true });
  }

  /** The passages the model is given are stored with the answer as soon as they are chosen. */
  async #showSources(draft: Draft, sources: AnswerSource[] | null): Promise<void> {
    if (!sources) return;
    this.deps.view.changed(draft.id, { sources });
    await draft.stores.conversations.updateMessage(draft.conversationId, draft.id, { sources });
  }

  async #finish(draft: Draft, patch: Partial<ConversationMessage>): Promise<void> {
    const opening = this.#openLate(draft); // a tool turn that fails before its first word still says so
    this.deps.view.changed(draft.id, patch);
    await opening;
    await draft.stores.conversations.updateMessage(draft.conversationId, draft.id, patch);
    await this.deps.view.settled();
  }

  #newId(): string {
    return this.deps.newId?.() ?? crypto.randomUUID();
  }
}

/** The conversation fitted to the window (with the passages, when documents are in use), and an
 *  answer that may not run past it (the fit may have left less room than the setting asks). */
function fitAnswer(
  history: readonly ChatMessage[],
  grounding: Grounding | null,
  s: AnswerSettings,
  contextSize: number,
  ratio: number,
): { fitted: FittedContext; generation: GenerationSettings; sources: AnswerSource[] | null } {
  const input = {
    history,
    budgetTokens: defaultContextBudget(contextSize),
    reserveForAnswer: s.maxTokens,
    countTokens: scaledEstimate(ratio),
  };
  const grounded = grounding ? grounding.fit({ ...input, persona: s.systemPrompt, passages: grounding.passages }) : null;
  const fitted = grounded?.fitted ?? fitContext({ ...input, system: s.systemPrompt.trim() });
  return {
    fitted,
    generation: { temperature: s.temperature, maxTokens: Math.max(1, Math.min(s.maxTokens, fitted.answerTokens)) },
    sources: grounded?.sources ?? null,
  };
}
