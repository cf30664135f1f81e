// The full file list of a WebLLM (MLC) build. The catalog names only the fixed files; the weight
// shards are listed in the repo's tensor-cache.json, and the model library (.wasm) is published
// outside the hub. Resolved once, when the download starts, and kept in the model's store record.
//
// The library is stored under the model's own repo at a path of ours (MLC_LIB_DIR), so the engine
// asks for it by its store URL (webllm-config.ts gives WebLLM that URL as model_lib, and the
// store-backed cache answers it); it is downloaded from where MLC publishes it, or from the mirror's
// copy laid out like a hub repo.
import { DEFAULT_MODEL_SOURCE, fileUrl } from '../core/model-url';
import { isAbort, ModelFormatError, ModelSourceError, NetworkError } from '../core/errors';
import type { ModelEntry, ModelFile } from '../catalog/types';
import { md5Of } from '../store/webllm-md5';

export const MLC_LIB_DIR = 'webllm-lib';
/** The prebuilt libraries web-llm 0.2.86 is compatible with (its modelVersion). */
export const MLC_LIB_VERSION = 'v0_2_86/base';
export const MLC_LIB_REPO = 'mlc-ai/binary-mlc-llm-libs';
export const MLC_LIB_ORIGIN = 'https://raw.githubusercontent.com';

export const mlcLibPath = (lib: string): string => `${MLC_LIB_DIR}/${lib}`;

/** Where the library is downloaded from: MLC's GitHub with the default source, else the mirror. */
export function mlcLibDownloadUrl(source: string, lib: string): string {
  const path = `web-llm-models/${MLC_LIB_VERSION}/${lib}`;
  return source === DEFAULT_MODEL_SOURCE ? `${MLC_LIB_ORIGIN}/${MLC_LIB_REPO}/main/${path}` : fileUrl(source, MLC_LIB_REPO, path);
}

interface TensorCache {
  records: Array<{ dataPath: string; nbytes: number; md5sum?: unknown }>;
}

/** Shards named by tensor-cache.json, in its order. Throws on anything that is not one. */
export function shardsFromTensorCache(json: unknown): ModelFile[] {
  const records = (json as Partial<TensorCache> | null)?.records;
  if (!Array.isArray(records) || records.length === 0) throw new ModelFormatError('tensor-cache.json', 'lists no weight shards');
  return records.map((r) => {
    if (typeof r?.dataPath !== 'string' || !/^[\w.-]+(\/[\w.-]+)*$/.test(r.dataPath) || r.dataPath.includes('..')) {
      throw new ModelFormatError('tensor-cache.json', `names an unsafe shard path: ${String(r?.dataPath)}`);
    }
    if (!Number.isSafeInteger(r.nbytes) || r.nbytes <= 0)
      throw new ModelFormatError('tensor-cache.json', `gives ${r.dataPath} no size`);
    const md5 = md5Of(r.md5sum);
    return { path: r.dataPath, bytes: r.nbytes, sha256: null, ...(md5 ? { md5 } : {}) };
  });
}

/** Every file of a WebLLM build, with sizes: fixed files and the library by HEAD, shards from the
 *  tensor cache. Hashes come from the server's pinned LFS hash where it gives one (downloader). */
export async function resolveMlcFiles(
  model: ModelEntry,
  source: string,
  fetchFn: typeof fetch = fetch,
  signal?: AbortSignal,
): Promise<ModelFile[]> {
  if (!model.webllm) return model.files;
  const revision = model.revision ?? 'main';
  const fixed = await Promise.all(
    model.files.map(async (f) => ({ ...f, bytes: await sizeOf(fileUrl(source, model.repo, f.path, revision), fetchFn, signal) })),
  );
  const cacheUrl = fileUrl(source, model.repo, 'tensor-cache.json', revision);
  const shards = shardsFromTensorCache(await (await get(cacheUrl, fetchFn, signal)).json());
  const libUrl = mlcLibDownloadUrl(source, model.webllm.modelLib);
  const lib: ModelFile = { path: mlcLibPath(model.webllm.modelLib), bytes: await sizeOf(libUrl, fetchFn, signal), sha256: null };
  return [...fixed, ...shards, lib];
}

/** The entry's files with the sizes the catalog leaves at 0 asked of the source (HEAD). */
export async function resolveFileSizes(
  model: ModelEntry,
  source: string,
  fetchFn: typeof fetch = fetch,
  signal?: AbortSignal,
): Promise<ModelFile[]> {
  const revision = model.revision ?? 'main';
  return Promise.all(
    model.files.map(async (f) =>
      f.bytes > 0 ? f : { ...f, bytes: await sizeOf(fileUrl(source, model.repo, f.path, revision), fetchFn, signal) },
    ),
  );
}

async function sizeOf(url: string, fetchFn: typeof fetch, signal?: AbortSignal): Promise<number> {
  const response = await call(url, 'HEAD', fetchFn, signal);
  // The hub answers LFS files with a redirect whose final response carries the size; X-Linked-Size
  // is the hub's own header where a proxy hides Content-Length.
  const size = Number(response.headers.get('x-linked-size') ?? response.headers.get('content-length'));
  if (!Number.isSafeInteger(size) || size <= 0) throw new ModelSourceError(url, response.status, 'no file size');
  return size;
}

const get = (url: string, fetchFn: typeof fetch, signal?: AbortSignal) => call(url, 'GET', fetchFn, signal);

async function call(url: string, method: 'GET' | 'HEAD', fetchFn: typeof fetch, signal?: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    response = await fetchFn(url, { method, signal, cache: 'no-store' });
  } catch (e) {
    if (isAbort(e)) throw e;
    throw new NetworkError(url, e);
  }
  if (!response.ok) throw new ModelSourceError(url, response.status);
  return response;
}
