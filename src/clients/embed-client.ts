// The UI's only door to the embed worker.
import { proxy } from 'comlink';
import type { IndexProgress, KnowledgeService, PassageForIndex } from '../engines/embed/knowledge-service';
import type { ModelEntry } from '../catalog/types';
import { workerBridge } from './worker-bridge';

const bridge = workerBridge<KnowledgeService>(
  () => new Worker(new URL('../../workers/embed.ts', import.meta.url), { type: 'module', name: 'embed' }),
);

export const embedClient = {
  load: (model: ModelEntry, device: 'webgpu' | 'wasm' = 'wasm') => bridge.serial(() => bridge.remote().load(model, device)),
  embed: (texts: string[]) => bridge.serial(() => bridge.remote().embed(texts)),
  index: (passages: PassageForIndex[], onProgress?: (p: IndexProgress) => void) =>
    bridge.serial(() => bridge.remote().index(passages, onProgress && proxy(onProgress))),
  /** Not queued: it must reach the worker while index() runs. */
  stopIndexing: () => bridge.remote().stop(),
  search: (query: string, limit?: number) => bridge.serial(() => bridge.remote().search(query, limit)),
  removeDocument: (docId: string) => bridge.serial(() => bridge.remote().removeDocument(docId)),
};
