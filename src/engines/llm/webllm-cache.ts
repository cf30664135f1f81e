// A CacheStorage whose every cache is the model store, for WebLLM in the llm worker (worker bundle).
//
// web-llm 0.2.86 (through tvmjs's ArtifactCache, cacheBackend 'cache') reads each file with
// caches.open(scope) -> cache.match(request), calls cache.add(request) on a miss (which would download
// into Cache Storage), and checks cache.keys() before loading weight shards. Pointing the worker's
// `caches` at this object makes the store the only copy: match answers from IndexedDB, add succeeds
// only for a file that is already stored and otherwise throws ModelNotStoredError, put never keeps
// anything, and delete is a no-op (deleting goes through the Models view).
import { ModelNotStoredError } from '../../core/errors';
import { parseFileUrl } from '../../core/model-url';
import type { ModelEntry } from '../../catalog/types';
import { revisionOf } from '../../store/model-status';
import type { ModelStore } from '../../store/model-store';
import { engineFileUrl, WEBLLM_CACHE_SCOPES } from './webllm-config';
import { overrideCaches } from '../shared/caches-override';

type RequestLike = RequestInfo | URL;

const urlOf = (request: RequestLike): string =>
  typeof request === 'string' ? request : request instanceof URL ? request.href : request.url;

const TYPES: Record<string, string> = { json: 'application/json', wasm: 'application/wasm' };
const contentType = (path: string): string => TYPES[path.split('.').pop() ?? ''] ?? 'application/octet-stream';

export class StoreCache {
  constructor(
    private readonly store: ModelStore,
    private readonly models: readonly ModelEntry[],
  ) {}

  async match(request: RequestLike): Promise<Response | undefined> {
    const where = parseFileUrl(urlOf(request));
    if (!where) return undefined;
    let blob: Blob;
    try {
      blob = await this.store.readFile(where.repo, where.path, where.revision);
    } catch (e) {
      if (e instanceof ModelNotStoredError) return undefined;
      throw e;
    }
    return new Response(blob, { headers: { 'Content-Type': contentType(where.path), 'Content-Length': String(blob.size) } });
  }

  /** Never fetches: the engine must not download or keep a copy of its own. */
  async add(request: RequestLike): Promise<void> {
    const url = urlOf(request);
    const where = parseFileUrl(url);
    if (!where || !(await this.store.hasFile(where.repo, where.path, where.revision))) {
      throw new ModelNotStoredError(where ? `${where.repo}/${where.path}` : url);
    }
  }

  async addAll(requests: RequestLike[]): Promise<void> {
    await Promise.all(requests.map((r) => this.add(r)));
  }

  /** Files enter the store only through a verified download or import. */
  async put(request: RequestLike): Promise<void> {
    await this.add(request);
  }

  /** The engine's URL of every stored file of the models this cache serves. */
  async keys(request?: RequestLike): Promise<Request[]> {
    const urls: string[] = [];
    for (const entry of this.models) {
      const model = await this.store.resolved(entry);
      for (const f of model.files) {
        if (await this.store.hasFile(model.repo, f.path, revisionOf(model))) urls.push(engineFileUrl(model, f.path));
      }
    }
    const wanted = request === undefined ? null : new URL(urlOf(request)).href;
    return urls.filter((u) => wanted === null || u === wanted).map((u) => new Request(u));
  }

  async delete(): Promise<boolean> {
    return false;
  }
}

/** One StoreCache behind every scope name. */
export class StoreCacheStorage {
  readonly cache: StoreCache;

  constructor(store: ModelStore, models: readonly ModelEntry[]) {
    this.cache = new StoreCache(store, models);
  }

  async open(_scope: string): Promise<StoreCache> {
    return this.cache;
  }
  async has(_scope: string): Promise<boolean> {
    return true;
  }
  async delete(_scope: string): Promise<boolean> {
    return false;
  }
  async keys(): Promise<string[]> {
    return [...WEBLLM_CACHE_SCOPES];
  }
  match(request: RequestLike): Promise<Response | undefined> {
    return this.cache.match(request);
  }
}

/** Points `caches` in this global scope at the store; returns the undo. */
export const installStoreCaches = (storage: StoreCacheStorage, scope: object = globalThis): (() => void) =>
  overrideCaches(storage, scope);
