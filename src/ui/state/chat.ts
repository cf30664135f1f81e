// The Talk view's conversation and the one answer in flight. Every message is written to the
// encrypted store as it is sent (the question) and while it streams (the answer, a few times a
// second), so a closed tab or a crashed GPU loses at most the last fraction of a second; the model
// does not wait for those writes, which land in the order they were asked for.
import { computed, signal } from '@preact/signals';
import type { Conversation, ConversationMessage, ConversationSummary } from '../../core/chat-types';
import { chooseLlm, type LlmChoice } from '../../core/engine-choice';
import { llmClient } from '../../clients/llm-client';
import { catalogById } from '../../catalog/catalog';
import { effectiveModelSource } from '../../store/model-source';
import { AnswerPipeline } from '../answers/answer-pipeline';
import type { AnswerListener, AnswerRequest, EngineInfo, Phase } from '../answers/answer-ports';
import { fitDevice, initModels, readyModelIds, storedModels, visibleCatalog } from './models';
import { settings, settingsLoaded, updateSettings } from './settings';
import { countDocuments, draftUseDocuments, usesDocuments } from './use-documents';
import { chatStores } from './vault';
import { t } from '../i18n';

export type { AnswerListener, Phase } from '../answers/answer-ports';

export const conversationList = signal<ConversationSummary[]>([]);
export const damagedConversations = signal<number>(0);
export const current = signal<Conversation | null>(null);
export const phase = signal<Phase>('idle');
/** The model and engine of the last load, and why they were chosen. */
export const engineInfo = signal<EngineInfo | null>(null);
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
export const plannedChoice = computed<LlmChoice>(() =>
  chooseLlm({
    models: llmModels.value,
    stored: readyModelIds.value,
    // Until the device is detected, judge as if there were no GPU: the CPU engine runs everywhere.
    device: fitDevice.value ?? { webgpu: null, deviceMemoryGiB: null, storage: null },
    override: settings.value.llmOverride,
    lost: gpuLost.value,
  }),
);

/** The one answer pipeline of the page, over the llm worker, the encrypted stores and these signals. */
const answers = new AnswerPipeline({
  runner: llmClient,
  stores: chatStores,
  choose: () => {
    const choice = plannedChoice.value; // after a GPU failure gpuLost is set: a CPU model
    return { choice, model: choice.model ? catalogById(choice.model) : undefined };
  },
  settings: () => {
    const s = settings.value;
    const { systemPrompt, temperature, maxTokens, responseCache } = s;
    return { systemPrompt, temperature, maxTokens, responseCache, source: effectiveModelSource(s) };
  },
  view: {
    added: (message) => patchCurrent((c) => ({ ...c, messages: [...c.messages, message] })),
    changed: (id, patch) =>
      patchCurrent((c) => ({ ...c, messages: c.messages.map((m) => (m.id === id ? { ...m, ...patch } : m)) })),
    phase: (p) => void (phase.value = p),
    engine: (info) => void (engineInfo.value = info),
    gpuFailed: (kind) => {
      gpuLost.value = true;
      notice.value = kind;
    },
    nothingStored: () => void (chatError.value = 'nothing-stored'),
    settled: refreshList,
  },
  documents: {
    retrieve: async (conversationId, question) => {
      const conv = current.value?.id === conversationId ? current.value : null;
      if (!usesDocuments(conv)) return null;
      const { passagesFor, fitGrounded } = await import('./knowledge-answers');
      return { passages: await passagesFor(question), fit: fitGrounded };
    },
    nothingFound: () => t('talk.docs.nothing'),
  },
});

export async function initChat(): Promise<void> {
  await initModels().catch(() => undefined); // the Models view explains store errors
  await refreshList();
  await reopenLast();
  await countDocuments();
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
  draftUseDocuments.value = null;
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

/** Sends the person's words and streams the answer; resolves when the answer is settled. */
export async function send(text: string, listener?: AnswerListener): Promise<void> {
  const content = text.trim();
  if (!content || phase.value !== 'idle') return;
  chatError.value = null;
  const stores = await chatStores();
  const question: ConversationMessage = { id: newId(), role: 'user', content, createdAt: Date.now(), status: 'complete' };
  let conv = current.value;
  let stored: Promise<void>;
  // The question is shown and its write queued, and the answer starts without waiting for the disk:
  // the store lands one conversation's writes in the order they were asked for, so the answer's
  // draft and words are written after the question.
  if (!conv) {
    const useDocuments = draftUseDocuments.value ?? undefined;
    draftUseDocuments.value = null;
    ({ conversation: conv, stored } = stores.conversations.begin(stores.titleFrom(content), [question], useDocuments));
    current.value = conv;
    void rememberOpen(conv.id);
  } else {
    stored = stores.conversations.appendMessage(conv.id, question);
    patchCurrent((c) => ({ ...c, messages: [...c.messages, question] }));
  }
  // A refused write (the disk is full, the store closed) is said at once; the words stay on screen,
  // and the answer stops when its draft cannot be stored. What the answer itself throws is the caller's.
  const written = stored.then(refreshList, (e: unknown) => {
    chatError.value = t('talk.notStored', { reason: e instanceof Error ? e.message : String(e) });
  });
  await routeMessage(conv.id, content, listener).finally(() => written);
}

// Kept once loaded: import() of a chunk already there still resolves a task later, behind renders.
let toolsChunk: Promise<typeof import('./chat-tools')> | null = null;
const chatTools = () =>
  (toolsChunk ??= import('./chat-tools').catch((e: unknown) => {
    toolsChunk = null;
    throw e;
  }));

/** Every message goes to the tools first (a chunk fetched when the first message is sent): a
 *  command runs there, the rest reaches the model through ui/tools/model-turn. */
async function routeMessage(conversationId: string, text: string, listener?: AnswerListener): Promise<void> {
  const tools = await chatTools().catch(() => null);
  const routed = tools ? await tools.routeMessage(conversationId, text, listener, answerOpen) : false;
  if (!routed) await answerOpen({ listener }); // the tools chunk did not load: the model still answers
  await refreshList();
}

/** Writes the last answer again, without the response cache. */
export async function regenerate(): Promise<void> {
  const last = current.value?.messages.at(-1);
  if (phase.value !== 'idle' || last?.role !== 'assistant') return;
  await answerOpen({ replace: last.id, skipCache: true });
}

/** Answers the open conversation's last question (or writes its last answer again). */
export function answerOpen(opts: Pick<AnswerRequest, 'replace' | 'skipCache' | 'listener' | 'tools'>): Promise<void> {
  const conv = current.value;
  return conv ? answers.answer({ conversationId: conv.id, messages: conv.messages, ...opts }) : Promise.resolve();
}

/** "Use my documents" for the open conversation (or the next one to be created). */
export async function setUseDocuments(on: boolean): Promise<void> {
  const conv = current.value;
  if (!conv) return void (draftUseDocuments.value = on);
  await (await chatStores()).conversations.setUseDocuments(conv.id, on);
  patchCurrent((c) => ({ ...c, useDocuments: on }));
}

export function stop(): void {
  answers.stop();
}

export function patchCurrent(change: (c: Conversation) => Conversation): void {
  if (current.value) current.value = change(current.value);
}

const newId = (): string => crypto.randomUUID();
