// Bridges transformers.js to the model store: it is given this fetch, and every hub-layout URL it
// asks for ({host}/{org}/{repo}/resolve/{rev}/{file}) is answered from the verified chunks in
// IndexedDB, or with a 404 when the file is not stored. It never reaches the network for a model
// file, and weights exist once (in the store), never again in Cache Storage.
import { parseFileUrl } from '../../core/model-url';
import { ModelNotStoredError } from '../../core/errors';
import type { ModelStore } from '../../store/model-store';

type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

const urlOf = (input: RequestInfo | URL): string =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;

export function storeFetch(store: ModelStore, passThrough: Fetch = (i, o) => fetch(i, o)): Fetch {
  return async (input, init) => {
    const where = parseFileUrl(urlOf(input));
    // Not a model file (e.g. the app's own wasm): the CSP decides where it may come from.
    if (!where) return passThrough(input, init);
    try {
      const blob = await store.readFile(where.repo, where.path, where.revision);
      return new Response(blob, { status: 200, headers: { 'Content-Length': String(blob.size) } });
    } catch (e) {
      if (!(e instanceof ModelNotStoredError)) throw e;
      return new Response(null, { status: 404, statusText: 'Not in the model store' });
    }
  };
}
