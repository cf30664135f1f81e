// One writer per stored file. Two models can share a repo file (and the manager runs two models
// at once), and a person may start the same download in two tabs: interleaved writers would mix
// chunks and hash states. Web Locks cover every tab and worker of the origin; the in-memory queue
// is for contexts without them (Node tests, very old browsers), where it covers this context.

const queues = new Map<string, Promise<void>>();

export async function withFileLock<T>(name: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const lockName = `hearth-model-file:${name}`;
  if (typeof navigator !== 'undefined' && 'locks' in navigator) {
    return navigator.locks.request(lockName, signal ? { signal } : {}, fn);
  }
  const previous = queues.get(lockName) ?? Promise.resolve();
  const result = previous.then(() => {
    signal?.throwIfAborted(); // paused while waiting its turn
    return fn();
  });
  const tail = result.then(
    () => {},
    () => {},
  );
  queues.set(lockName, tail);
  try {
    return await result;
  } finally {
    if (queues.get(lockName) === tail) queues.delete(lockName);
  }
}
