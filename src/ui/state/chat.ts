// The Talk view's conversation and the one answer in flight. Every message is written to the
// encrypted store before the model starts (the question) and while it streams (the answer, a few
// times a second), so a closed tab or a crashed GPU loses at most the last fraction of a second.
import { computed, signal } from '@preact/signals';
import type { AnswerStats, ChatMessage, Conversation, ConversationMessage, ConversationSummary } from '../../core/chat-types';
import { defaultContextBudget, fitContext, scaledEstimate, tokenRatioFrom } from '../../core/context-window';
import { contextOverflowOf } from '../../core/errors';
import { chooseLlm, type LlmChoice } from '../../core/engine-choice';
import { isCacheable, responseCacheKey } from '../../core/response-cache-key';
import { llmClient, type LlmLoadReport } from '../../clients/llm-client';
import { catalogById } from '../../catalog/catalog';
import type { ModelEntry } from '../../catalog/types';
import { effectiveModelSource } from '../../store/model-source';
import { fitDevice, initModels, readyModelIds, storedModels, visibleCatalog } from './models';
import { settings, settingsLoaded, updateSettings } from './settings';
import { chatStores } from './vault';

export type Phase = 'idle' | 'loading' | 'generating';

export const conversationList = signal<ConversationSummary[]>([]);
export const damagedConversations = signal<number>(0);
export const current = signal<Conversation | null>(null);
export const phase = signal<Phase>('idle');
/** The model and engine of the last load, and why they were chosen. */
export const engineInfo = signal<{ model: ModelEntry; report: LlmLoadReport; choice: LlmChoice } | null>(null);
/** Something went wrong that is not tied to one answer (store unreadable, nothing downloaded). */
export const chatError = signal<string | null>(null);
/** A change the person should know about, e.g. "the GPU stopped; answering on the CPU now". */
export const notice = signal<string | null>(null);
/** Set for the rest of the session once the GPU failed: WebLLM is not tried again until reload. */
export const gpuLost = signal(false);
export const titleFilter = signal('');

const llmModels = computed(() => visibleCatalog.value.filter((m) => m.task === 'llm'));
/** Stored language models the picker offers. */
export const storedLlms = storedModels('llm');

/** What would answer next, before anything loads (the picker shows it). */
export const plannedChoice = computed<LlmChoice>(() => chooseLlm({
  models: llmModels.value,
  stored: readyModelIds.value,
  // Until the device is detected, judge as if there were no GPU: the CPU engine runs everywhere.
  device: fitDevice.value ?? { webgpu: null, deviceMemoryGiB: null, storage: null },
  override: settings.value.llmOverride,
  lost: gpuLost.value,
}));

let controller: AbortController | null = null;
/** Per model, how much finer its tokenizer counts than estimateTokens (learnt from overflows). */
const tokenRatios = new Map<string, number>();

export async function initChat(): Promise<void> {
  await initModels().catch(() => undefined); // the Models view explains store errors
  await refreshList();
  await reopenLast();
}

/** After a reload Talk shows the conversation it had open, as a person left it. */
async function reopenLast(): Promise<void> {
  await settingsLoaded;
  const id = settings.value.lastConversationId;
  if (current.value || !id) return;
  if (!conversationList.value.some((c) => c.id === id)) return void rememberOpen(null); // deleted elsewhere
  await openConversation(id).catch(() => rememberOpen(null)); // unreadable: the list says it is damaged
}

/** Which conversation is open, kept in the settings (an id says nothing about what was said). */
function rememberOpen(id: string | null): Promise<void> {
  if (settings.value.lastConversationId === id) return Promise.resolve();
  return updateSettings({ lastConversationId: id }).catch(() => undefined);
}

export async function refreshList(): Promise<void> {
  const stores = await chatStores();
  const { conversations, damaged } = await stores.conversations.list();
  conversationList.value = conversations;
  damagedConversations.value = damaged;
}

export const filteredList = computed(() => {
  const q = titleFilter.value.trim().toLocaleLowerCase();
  return q ? conversationList.value.filter((c) => c.title.toLocaleLowerCase().includes(q)) : conversationList.value;
});

export async function openConversation(id: string): Promise<void> {
  if (phase.value !== 'idle') return;
  const stores = await chatStores();
  let conv = await stores.conversations.get(id);
  // An answer still marked 'streaming' was cut off by a closed tab or a crash: keep what it said.
  for (const m of conv.messages.filter((m) => m.status === 'streaming')) {
    await stores.conversations.updateMessage(id, m.id, { status: 'stopped' });
    conv = { ...conv, messages: conv.messages.map((x) => (x.id === m.id ? { ...x, status: 'stopped' as const } : x)) };
  }
  current.value = conv;
  await rememberOpen(id);
}

export function newConversation(): void {
  if (phase.value !== 'idle') return;
  current.value = null;
  void rememberOpen(null);
}

export async function renameConversation(id: string, title: string): Promise<void> {
  const stores = await chatStores();
  await stores.conversations.rename(id, title);
  if (current.value?.id === id) current.value = { ...current.value, title };
  await refreshList();
}

export async function deleteConversation(id: string): Promise<void> {
  const stores = await chatStores();
  await stores.conversations.remove(id);
  if (current.value?.id === id) current.value = null;
  if (settings.value.lastConversationId === id) await rememberOpen(null);
  await refreshList();
}

/** Follows one answer as it streams (the voice loop reads it aloud). */
export interface AnswerListener {
  /** The whole answer so far, each time it grows (once, whole, for a cached answer). */
  onText(text: string): void;
}

/** Sends the person's words and streams the answer; resolves when the answer is settled. */
export async function send(text: string, listener?: AnswerListener): Promise<void> {
  const content = text.trim();
  if (!content || phase.value !== 'idle') return;
  chatError.value = null;
  const stores = await chatStores();
  let conv = current.value;
  if (!conv) {
    conv = await stores.conversations.create(stores.titleFrom(content));
    current.value = conv;
    void rememberOpen(conv.id);
  }
  const question: ConversationMessage = { id: newId(), role: 'user', content, createdAt: Date.now(), status: 'complete' };
  await stores.conversations.appendMessage(conv.id, question);
  patchCurrent((c) => ({ ...c, messages: [...c.messages, question] }));
  await refreshList();
  await answer({ listener });
}

/** Writes the last answer again, without the response cache. */
export async function regenerate(): Promise<void> {
  const last = current.value?.messages.at(-1);
  if (phase.value !== 'idle' || last?.role !== 'assistant') return;
  await answer({ replace: last.id, skipCache: true });
}

export function stop(): void {
  controller?.abort();
}

interface AnswerOptions {
  replace?: string;
  skipCache?: boolean;
  /** Set on the retry after a lost GPU, so a second failure does not loop. */
  afterFailure?: boolean;
  listener?: AnswerListener;
}

async function answer(opts: AnswerOptions = {}): Promise<void> {
  const conv = current.value;
  if (!conv) return;
  const stores = await chatStores();
  const s = settings.value;
  const choice = plannedChoice.value;
  const model = choice.model ? catalogById(choice.model) : undefined;
  if (!model) {
    chatError.value = 'nothing-stored';
    return;
  }

  // The answer's message exists (and is stored) before the model is even loaded.
  const history = conv.messages.filter((m) => m.id !== opts.replace && m.status !== 'failed');
  const id = opts.replace ?? newId();
  const draft: ConversationMessage = { id, role: 'assistant', content: '', createdAt: Date.now(), status: 'streaming' };
  if (opts.replace) await stores.conversations.updateMessage(conv.id, id, { content: '', status: 'streaming', stats: undefined, error: undefined });
  else await stores.conversations.appendMessage(conv.id, draft);
  setMessage(id, draft, !opts.replace);

  controller = new AbortController();
  const signal = controller.signal;
  const saver = throttledSaver((content) => stores.conversations.updateMessage(conv.id, id, { content }));
  try {
    phase.value = 'loading';
    const report = await llmClient.load(model, { source: effectiveModelSource(s) });
    engineInfo.value = { model, report, choice };
    const fit = () => {
      const fitted = fitContext({
        system: s.systemPrompt.trim(),
        history: history.map(({ role, content }): ChatMessage => ({ role, content })),
        budgetTokens: defaultContextBudget(report.contextSize),
        reserveForAnswer: s.maxTokens,
        countTokens: scaledEstimate(tokenRatios.get(model.id) ?? 1),
      });
      // The answer may not run past the window: the fit may have left less room than the setting asks.
      const generation = { temperature: s.temperature, maxTokens: Math.max(1, Math.min(s.maxTokens, fitted.answerTokens)) };
      return { fitted, generation };
    };
    let { fitted, generation } = fit();
    let cacheKey = s.responseCache && !opts.skipCache && isCacheable(generation)
      ? await responseCacheKey({ modelId: model.id, messages: fitted.messages, settings: generation }) : null;
    const hit = cacheKey ? await stores.responses.get(cacheKey) : null;
    if (hit) {
      const stats: AnswerStats = { ...hit.stats, cached: true };
      opts.listener?.onText(hit.text);
      await finish(conv.id, id, { content: hit.text, status: 'complete', stats });
      return;
    }

    phase.value = 'generating';
    let text = '';
    const run = () => llmClient.generate(fitted.messages, {
      ...generation,
      signal,
      onToken: (piece) => {
        if (signal.aborted) return; // late pieces after Stop do not change what was kept
        text += piece;
        setMessage(id, { content: text });
        saver.push(text);
        opts.listener?.onText(text);
      },
    });
    let out;
    try {
      out = await run();
    } catch (e) {
      // This model's tokenizer counts finer than the estimate: learn by how much, fit again, once.
      const overflow = contextOverflowOf(e);
      if (!overflow) throw e;
      tokenRatios.set(model.id, tokenRatioFrom(overflow.promptTokens, fitted.usedTokens) * (tokenRatios.get(model.id) ?? 1));
      ({ fitted, generation } = fit());
      cacheKey = null; // the key named the prompt that did not fit
      out = await run();
    }
    await saver.flush();
    const stats: AnswerStats = { modelId: model.id, engine: report.engine, tokens: out.tokens, ttftMs: out.ttftMs, tokensPerSecond: out.tokensPerSecond };
    const status = out.aborted ? 'stopped' : 'complete';
    await finish(conv.id, id, { content: out.text, status, stats });
    if (cacheKey && status === 'complete' && out.text) await stores.responses.put(cacheKey, { text: out.text, stats });
  } catch (e) {
    await saver.flush();
    const error = e instanceof Error ? e : new Error(String(e));
    const partial = current.value?.messages.find((m) => m.id === id)?.content ?? '';
    if (isGpuFailure(error) && !opts.afterFailure) {
      // The conversation stays as it was; the same answer is written again on the CPU engine.
      gpuLost.value = true;
      notice.value = error.name === 'OutOfMemoryError' ? 'gpu-oom' : 'gpu-lost';
      await llmClient.unload().catch(() => undefined);
      phase.value = 'idle'; // the answer stays 'streaming' (its partial text saved) until the retry writes it
      await answer({ replace: id, skipCache: true, afterFailure: true, listener: opts.listener });
      return;
    }
    await finish(conv.id, id, { content: partial, status: 'failed', error: error.message });
  } finally {
    if (controller?.signal === signal) {
      controller = null;
      phase.value = 'idle';
    }
  }
}

const isGpuFailure = (e: Error): boolean => e.name === 'GpuDeviceLostError' || e.name === 'OutOfMemoryError';

async function finish(convId: string, id: string, patch: Partial<ConversationMessage>): Promise<void> {
  setMessage(id, patch);
  await (await chatStores()).conversations.updateMessage(convId, id, patch);
  await refreshList();
}

function setMessage(id: string, patch: Partial<ConversationMessage>, append = false): void {
  patchCurrent((c) => append
    ? { ...c, messages: [...c.messages, patch as ConversationMessage] }
    : { ...c, messages: c.messages.map((m) => (m.id === id ? { ...m, ...patch } : m)) });
}

function patchCurrent(change: (c: Conversation) => Conversation): void {
  if (current.value) current.value = change(current.value);
}

/** Saves the streaming text at most every SAVE_MS; writes are chained so the last one lands last. */
const SAVE_MS = 250;
function throttledSaver(save: (content: string) => Promise<unknown>) {
  let pending: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  let first = true;
  const write = () => {
    timer = null;
    if (pending === null) return;
    const content = pending;
    pending = null;
    chain = chain.then(() => save(content)).catch(() => undefined);
  };
  return {
    push(content: string) {
      pending = content;
      if (first) {
        first = false; // the first words are saved at once: a tab closed early still keeps them
        write();
      } else timer ??= setTimeout(write, SAVE_MS);
    },
    async flush() {
      if (timer) clearTimeout(timer);
      write();
      await chain;
    },
  };
}

const newId = (): string => crypto.randomUUID();
