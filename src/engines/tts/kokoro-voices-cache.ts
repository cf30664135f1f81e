// Kokoro voices from the model store, for kokoro-js in the tts worker (worker bundle).
//
// kokoro-js 1.2.1 reads a voice in browsers with caches.open('kokoro-voices') -> match(url), where
// url is its hard-coded https://huggingface.co/onnx-community/Kokoro-82M-v1.0-ONNX/resolve/main/
// voices/<name>.bin, and fetches that URL (then put()s it) only on a miss. This CacheStorage answers
// the match from the store, for the repo and revision of the Kokoro model loaded now (the test
// model included), and never keeps anything. The tts service checks the voice is stored before it
// asks kokoro-js, so the fetch after a miss is never reached.
import { ModelNotStoredError } from '../../core/errors';
import type { ModelEntry } from '../../catalog/types';
import { revisionOf } from '../../store/model-status';
import type { ModelStore } from '../../store/model-store';
import { overrideCaches } from '../shared/caches-override';

export const KOKORO_VOICES_SCOPE = 'kokoro-voices';

type RequestLike = RequestInfo | URL;
const urlOf = (request: RequestLike): string =>
  typeof request === 'string' ? request : request instanceof URL ? request.href : request.url;

/** The voice a kokoro-js voice URL names, e.g. "af_heart", or null for any other URL. */
export function voiceOfUrl(url: string): string | null {
  return /\/voices\/([a-z]{2}_\w+)\.bin(?:[?#].*)?$/.exec(url)?.[1] ?? null;
}

export const voiceFilePath = (voice: string): string => `voices/${voice}.bin`;

export class KokoroVoiceCache {
  constructor(
    private readonly store: ModelStore,
    private readonly model: () => ModelEntry | null,
  ) {}

  async match(request: RequestLike): Promise<Response | undefined> {
    const voice = voiceOfUrl(urlOf(request));
    const model = this.model();
    if (!voice || !model) return undefined;
    try {
      const blob = await this.store.readFile(model.repo, voiceFilePath(voice), revisionOf(model));
      return new Response(blob, { headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(blob.size) } });
    } catch (e) {
      if (e instanceof ModelNotStoredError) return undefined;
      throw e;
    }
  }

  /** Voices enter the store with their model's verified download, never from kokoro-js. */
  async put(): Promise<void> {}

  async delete(): Promise<boolean> {
    return false;
  }
}

/** The worker's `caches`: one store-backed cache for kokoro-js's scope, nothing else. */
export class KokoroVoiceCacheStorage {
  readonly cache: KokoroVoiceCache;

  constructor(store: ModelStore, model: () => ModelEntry | null) {
    this.cache = new KokoroVoiceCache(store, model);
  }

  async open(scope: string): Promise<KokoroVoiceCache> {
    if (scope !== KOKORO_VOICES_SCOPE) throw new DOMException(`No cache "${scope}" in the tts worker`, 'NotFoundError');
    return this.cache;
  }
  async has(scope: string): Promise<boolean> {
    return scope === KOKORO_VOICES_SCOPE;
  }
  async delete(): Promise<boolean> {
    return false;
  }
  async keys(): Promise<string[]> {
    return [KOKORO_VOICES_SCOPE];
  }
  match(request: RequestLike): Promise<Response | undefined> {
    return this.cache.match(request);
  }
}

/** Points `caches` in this global scope at the store; returns the undo. */
export const installKokoroVoiceCaches = (storage: KokoroVoiceCacheStorage, scope: object = globalThis): (() => void) =>
  overrideCaches(storage, scope);
