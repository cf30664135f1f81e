// One real inference per runtime for "Test on this device", through each model family's client.
import type { ModelEntry } from '../../models/catalog-types';
import { embedClient } from '../../clients/embed-client';
import { llmClient } from '../../clients/llm-client';
import { t } from '../i18n';
import { effectiveModelSource } from '../../platform/model-source';
import { settings } from '../state/settings';

/** What a check shows: a status line, and for a language model the text it wrote. */
export interface CheckResult {
  text: string;
  sample?: string;
}

// English on purpose: the CPU test models are English-only base models (TinyStories), so the
// check is a plain completion prompt, not a chat turn, and not translated.
const STORY_PROMPT = 'Once upon a time';
const STORY_TOKENS = 24;

/** Which stored models can be exercised from here (more runtimes join as their workers land). */
export const canCheck = (model: ModelEntry): boolean =>
  (model.runtime === 'transformers' && model.task === 'embed') || model.task === 'llm';

async function checkEmbed(model: ModelEntry): Promise<CheckResult> {
  const report = await embedClient.load(model);
  const { vectors, dims } = await embedClient.embed(['Turn on the kitchen lights']);
  const norm = Math.sqrt(vectors[0]!.reduce((s, v) => s + v * v, 0));
  return { text: t('check.embedOk', { dims, ms: report.loadMs, device: report.device, norm: norm.toFixed(3) }) };
}

async function checkLlm(model: ModelEntry, onSample: (sample: string) => void): Promise<CheckResult> {
  const report = await llmClient.load(model, { source: effectiveModelSource(settings.value) });
  let sample = STORY_PROMPT;
  onSample(sample);
  const out = await llmClient.continueText(STORY_PROMPT, {
    maxTokens: STORY_TOKENS,
    temperature: 0, // the same story every time, so a person (and a test) can compare runs
    onToken: (piece) => onSample((sample += piece)),
  });
  return {
    sample: STORY_PROMPT + out.text,
    text: t('check.llmOk', { tps: out.tokensPerSecond ?? 0, ttft: out.ttftMs ?? '?', ms: report.loadMs, threads: report.threads }),
  };
}

export function runCheck(model: ModelEntry, onSample: (sample: string) => void): Promise<CheckResult> {
  return model.task === 'llm' ? checkLlm(model, onSample) : checkEmbed(model);
}
