// What every typed worker client shares (squoosh's worker-bridge): the worker starts on first use
// and then stays alive (reloading weights is slow), and calls run one at a time.
import { transferHandlers, wrap, type Remote } from 'comlink';
import { installNamedErrorTransfer } from '../core/error-wire';

export interface WorkerBridge<T> {
  /** The worker's service, started on first use. */
  remote(): Remote<T>;
  /** Runs `task` after every call queued before it, whether those succeeded or failed. */
  serial<R>(task: () => Promise<R>): Promise<R>;
}

export function workerBridge<T>(start: () => Worker): WorkerBridge<T> {
  // A worker's named errors arrive as their own classes (instanceof, typed fields), not bare Errors.
  installNamedErrorTransfer(transferHandlers);
  let remote: Remote<T> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    remote: () => (remote ??= wrap<T>(start())),
    serial<R>(task: () => Promise<R>): Promise<R> {
      const run = queue.then(task, task);
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
