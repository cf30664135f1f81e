// The UI's only door to the embed worker.
import { proxy, transferHandlers, wrap } from 'comlink';
import type { IndexProgress, KnowledgeService, PassageForIndex } from '../engines/embed/knowledge-service';
import type { ModelEntry } from '../catalog/types';
import { installNamedErrorTransfer } from '../core/error-wire';
import { workerBridge } from './worker-bridge';

// Two literal `new Worker(new URL(…))` calls: the bundler finds workers by that exact shape.
const bridge = workerBridge<KnowledgeService>(
  () => new Worker(new URL('../../workers/embed.ts', import.meta.url), { type: 'module', name: 'embed' }),
);
const startCheckWorker = () =>
  new Worker(new URL('../../workers/embed.ts', import.meta.url), { type: 'module', name: 'embed-check' });

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

/**
 * Loads `model` in a worker of its own, embeds `texts` and ends that worker. The Models view's check
 * uses it: in the Knowledge worker, loading another model would throw away the index built with the
 * chosen one (another model's vectors mean nothing next to its own).
 */
export async function embedOnce(
  model: ModelEntry,
  texts: string[],
  device: 'webgpu' | 'wasm' = 'wasm',
): Promise<{ report: Awaited<ReturnType<KnowledgeService['load']>>; vectors: Float32Array[]; dims: number }> {
  installNamedErrorTransfer(transferHandlers);
  const worker = startCheckWorker();
  try {
    const remote = wrap<KnowledgeService>(worker);
    const report = await remote.load(model, device);
    const { vectors, dims } = await remote.embed(texts);
    return { report, vectors, dims };
  } finally {
    worker.terminate();
  }
}
