// How web-llm's failures become ours. web-llm names its errors (error.name) but does not export their
// classes, and it reports a lost GPU in two ways: while loading, reload() throws 'DeviceLostError'
// (its own message blames memory, the usual cause); later, its device.lost handler logs and unloads
// the model, so the answer in progress fails with whatever the GPU call threw and every later call
// throws 'ModelNotLoadedError'. We name both for the page: OutOfMemoryError, GpuDeviceLostError.
import { GpuDeviceLostError, OutOfMemoryError } from '../../core/errors';

const nameOf = (e: unknown): string =>
  typeof e === 'object' && e !== null && 'name' in e ? String((e as { name: unknown }).name) : '';
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

const OUT_OF_MEMORY = /out of memory|outofmemory|failed to allocate|allocation failed/i;

/** The error to throw for `e`; anything that is not a GPU failure passes unchanged. `modelGone`: the
 *  engine no longer holds the model (see isModelGone). */
export function engineFailure(e: unknown, phase: 'load' | 'answer', what: string, modelGone = false): unknown {
  const name = nameOf(e);
  if (name === 'GpuDeviceLostError' || name === 'OutOfMemoryError') return e;
  if ((phase === 'load' && name === 'DeviceLostError') || name === 'GPUOutOfMemoryError' || OUT_OF_MEMORY.test(messageOf(e))) {
    return new OutOfMemoryError(what, { cause: e });
  }
  if (name === 'DeviceLostError' || modelGone || (phase === 'answer' && name === 'ModelNotLoadedError')) {
    return new GpuDeviceLostError(messageOf(e), { cause: e });
  }
  return e;
}

/** True when web-llm has unloaded the model underneath us (it does so when the device is lost). */
export async function isModelGone(engine: { getMessage(): Promise<string> }): Promise<boolean> {
  try {
    await engine.getMessage();
    return false;
  } catch (e) {
    return nameOf(e) === 'ModelNotLoadedError';
  }
}
