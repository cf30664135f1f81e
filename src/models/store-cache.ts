// Bridges transformers.js to the model store: its "custom cache" is asked for every model file by
// hub URL, and answers from the verified chunks in IndexedDB. put() stores nothing, so weights exist
// once (in the store) and never a second time in Cache Storage.
import { parseFileUrl } from '../core/model-url';
import { ModelNotStoredError } from '../core/errors';
import type { ModelStore } from './store';

export interface CacheLike {
  match(request: string | Request): Promise<Response | undefined>;
  put(request: string | Request, response: Response): Promise<void>;
}

export function storeBackedCache(store: ModelStore): CacheLike {
  return {
    async match(request) {
      const where = parseFileUrl(typeof request === 'string' ? request : request.url);
      if (!where) return undefined;
      try {
        const blob = await store.readFile(where.repo, where.path, where.revision);
        return new Response(blob, { headers: { 'Content-Length': String(blob.size) } });
      } catch (e) {
        if (e instanceof ModelNotStoredError) return undefined;
        throw e;
      }
    },
    async put() {
      // Weights only enter the store through the verified downloader or importer.
    },
  };
}
