// What WebLLM is told about a catalog model: one ModelRecord whose URLs name files in our model store.
//
// The URLs are names, not addresses. Every file WebLLM asks for is answered by the store-backed
// CacheStorage (webllm-cache.ts), so they live under a reserved origin that can never resolve
// (RFC 2606 '.invalid'): if the cache were ever missing, WebLLM's fetch would fail loudly instead of
// quietly downloading a second copy into Cache Storage. The model source is not used here at all,
// which also keeps web-llm's own shortcut away: it fetches any model_lib URL containing "localhost"
// directly, bypassing its cache, and a developer's mirror (or the test mirror) is often on localhost.
import type { AppConfig, ModelRecord } from '@mlc-ai/web-llm';
import { fileUrl } from '../../core/model-url';
import type { ModelEntry } from '../../catalog/types';
import { mlcLibPath } from '../../downloads/mlc-files';
import { revisionOf } from '../../store/model-status';
import { WrongModelError } from '../../core/errors';

export const STORE_URL_BASE = 'https://model-store.invalid';

/** web-llm scopes ('webllm/config', 'webllm/wasm', 'webllm/model'); all are served by one store. */
export const WEBLLM_CACHE_SCOPES = ['webllm/config', 'webllm/wasm', 'webllm/model'] as const;

type WebLlmModel = ModelEntry & { webllm: NonNullable<ModelEntry['webllm']> };

export function assertWebLlm(model: ModelEntry): asserts model is WebLlmModel {
  if (!model.webllm) throw new WrongModelError(model.name, 'a WebLLM (MLC) build');
}

/** The engine's name for a file of the model's repo (the lib too: the store keeps it there). */
export const engineFileUrl = (model: ModelEntry, path: string): string =>
  fileUrl(STORE_URL_BASE, model.repo, path, revisionOf(model));

/** ModelRecord.model: the repo base, ending in "/resolve/{rev}/" so web-llm keeps it as it is. */
export const engineModelUrl = (model: ModelEntry): string =>
  `${STORE_URL_BASE}/${model.repo}/resolve/${encodeURIComponent(revisionOf(model))}/`;

export function engineLibUrl(model: ModelEntry): string {
  assertWebLlm(model);
  return engineFileUrl(model, mlcLibPath(model.webllm.modelLib));
}

export interface WebLlmLoadConfig {
  /** Tokens; defaults to the build's context window and never exceeds it. */
  contextSize?: number;
}

export const contextSizeFor = (model: WebLlmModel, wanted?: number): number =>
  Math.max(256, Math.min(wanted ?? model.webllm.contextWindow, model.webllm.contextWindow));

export function webllmModelRecord(model: ModelEntry, opts: WebLlmLoadConfig = {}): ModelRecord {
  assertWebLlm(model);
  return {
    model: engineModelUrl(model),
    model_id: model.webllm.modelId,
    model_lib: engineLibUrl(model),
    overrides: { context_window_size: contextSizeFor(model, opts.contextSize) },
    low_resource_required: model.webllm.lowResource,
    ...(model.needs.vramBytes ? { vram_required_MB: Math.round(model.needs.vramBytes / 2 ** 20) } : {}),
    // q4f16 builds fail on adapters without shader-f16; web-llm then names the missing feature.
    ...(model.needs.shaderF16 ? { required_features: ['shader-f16'] } : {}),
  };
}

/** cacheBackend 'cache': the backend that reads the global `caches`, which the worker points at the store. */
export const webllmAppConfig = (model: ModelEntry, opts: WebLlmLoadConfig = {}): AppConfig => ({
  model_list: [webllmModelRecord(model, opts)],
  cacheBackend: 'cache',
});
