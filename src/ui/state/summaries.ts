// "Summarize" on a document: map-reduce over its passages (core/knowledge/summary-plan) with the
// language model Talk would use, in the llm worker, within a small window. One summary at a time,
// with progress and Stop; the summary is sealed with the document (knowledge store) when it is done.
// When the engine finds a prompt longer than estimated (a model whose tokenizer cuts finer, such as
// the 512-word TinyStories one), the plan is made again with that model's ratio, twice at most.
import { signal } from '@preact/signals';
import { catalogById } from '../../catalog/catalog';
import { llmClient } from '../../clients/llm-client';
import type { ChatMessage } from '../../core/chat-types';
import {
  defaultContextBudget,
  MESSAGE_OVERHEAD_TOKENS,
  PROMPT_OVERHEAD_TOKENS,
  scaledEstimate,
  tokenRatioFrom,
} from '../../core/context-window';
import { ContextOverflowError } from '../../core/errors';
import { fencedText, mapReduce, stepRoom, SUMMARY_INSTRUCTIONS, SUMMARY_TOKENS } from '../../core/knowledge/summary-plan';
import type { DocumentInfo } from '../../platform/knowledge-store';
import { effectiveModelSource } from '../../store/model-source';
import { t } from '../i18n';
import { plannedChoice } from './chat';
import { refreshDocuments } from './knowledge';
import { settings } from './settings';
import { chatStores } from './vault';

export interface SummaryJob {
  docId: string;
  name: string;
  state: 'running' | 'done' | 'stopped' | 'failed';
  done: number;
  total: number;
  error?: string;
}

export const summaryJob = signal<SummaryJob | null>(null);
let controller: AbortController | null = null;

const REFITS = 2;

export async function summarizeDocument(doc: Pick<DocumentInfo, 'id' | 'name'>): Promise<void> {
  if (summaryJob.value?.state === 'running') return;
  const stop = (controller = new AbortController());
  const { signal } = stop;
  const update = (patch: Partial<SummaryJob>) => {
    if (summaryJob.value?.docId === doc.id) summaryJob.value = { ...summaryJob.value, ...patch };
  };
  summaryJob.value = { docId: doc.id, name: doc.name, state: 'running', done: 0, total: 0 };
  try {
    const model = plannedChoice.value.model ? catalogById(plannedChoice.value.model) : undefined;
    if (!model) throw new Error(t('knowledge.summary.noModel'));
    const report = await llmClient.load(model, { source: effectiveModelSource(settings.value) });
    const budget = defaultContextBudget(report.contextSize);
    const store = (await chatStores()).knowledge;
    const passages = (await store.passages(doc.id)).map((p) => p.text);
    let ratio = 1;
    for (let refit = 0; ; refit++) {
      const countTokens = scaledEstimate(ratio);
      let estimated = 0;
      try {
        const summary = await mapReduce({
          passages,
          room: stepRoom(budget, countTokens, doc.name),
          countTokens,
          signal,
          onProgress: ({ done, total }) => update({ done, total }),
          summarize: async (text, step) => {
            const messages: ChatMessage[] = [
              { role: 'system', content: SUMMARY_INSTRUCTIONS[step] },
              { role: 'user', content: fencedText(doc.name, text) },
            ];
            estimated =
              PROMPT_OVERHEAD_TOKENS + messages.reduce((n, m) => n + countTokens(m.content) + MESSAGE_OVERHEAD_TOKENS, 0);
            const out = await llmClient.generate(messages, { temperature: 0, maxTokens: SUMMARY_TOKENS, signal });
            signal.throwIfAborted();
            return out.text;
          },
        });
        await store.setSummary(doc.id, summary);
        update({ state: 'done' });
        break;
      } catch (e) {
        if (!(e instanceof ContextOverflowError) || refit >= REFITS || signal.aborted) throw e;
        ratio *= tokenRatioFrom(e.promptTokens, estimated);
      }
    }
    await refreshDocuments();
  } catch (e) {
    if (signal.aborted) update({ state: 'stopped' });
    else update({ state: 'failed', error: e instanceof Error ? e.message : String(e) });
  } finally {
    if (controller === stop) controller = null;
  }
}

export function stopSummary(): void {
  controller?.abort(new DOMException('The summary was stopped', 'AbortError'));
}
