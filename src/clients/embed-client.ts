// The UI's only door to the embed worker. The worker starts on first use and stays alive
// (reloading weights is slow); calls queue one at a time.
import { wrap, type Remote } from 'comlink';
import type { EmbedService } from '../models/embed-service';
import type { ModelEntry } from '../models/catalog-types';

let remote: Remote<EmbedService> | null = null;
let queue: Promise<unknown> = Promise.resolve();

function worker(): Remote<EmbedService> {
  remote ??= wrap<EmbedService>(new Worker(new URL('../../workers/embed.ts', import.meta.url), { type: 'module', name: 'embed' }));
  return remote;
}

function serial<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

export const embedClient = {
  load: (model: ModelEntry, device: 'webgpu' | 'wasm' = 'wasm') => serial(() => worker().load(model, device)),
  embed: (texts: string[]) => serial(() => worker().embed(texts)),
};
