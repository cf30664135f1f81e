// Libraries that keep files in Cache Storage (web-llm's weights, kokoro-js's voices) are pointed at
// the model store by giving their worker a `caches` of our own. The worker's real CacheStorage is an
// accessor on its prototype, so an own property shadows it and deleting that property brings it back.

/** Makes `caches` in `scope` the given storage; returns the undo. */
export function overrideCaches(storage: object, scope: object = globalThis): () => void {
  const previous = Object.getOwnPropertyDescriptor(scope, 'caches');
  Object.defineProperty(scope, 'caches', { value: storage, configurable: true, writable: true });
  return () => {
    if (previous) Object.defineProperty(scope, 'caches', previous);
    else delete (scope as { caches?: unknown }).caches;
  };
}
