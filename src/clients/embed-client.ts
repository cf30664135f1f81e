// The UI's only door to the embed worker.
import type { KnowledgeService } from '../engines/embed/knowledge-service';
import type { ModelEntry } from '../catalog/types';
import { workerBridge } from './worker-bridge';

const bridge = workerBridge<KnowledgeService>(
  () => new Worker(new URL('../../workers/embed.ts', import.meta.url), { type: 'module', name: 'embed' }),
);

export const embedClient = {
  load: (model: ModelEntry, device: 'webgpu' | 'wasm' = 'wasm') => bridge.serial(() => bridge.remote().load(model, device)),
  embed: (texts: string[]) => bridge.serial(() => bridge.remote().embed(texts)),
};
