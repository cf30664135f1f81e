// The one look at WebGPU, for the page (what this device can run) and the model workers (where a
// model loads). Code here runs in both: it reads only what Navigator and WorkerNavigator share.

/** Some drivers leave requestAdapter() pending for a long time: nothing may wait on it forever. */
export const ADAPTER_TIMEOUT_MS = 4000;

export interface WebGpuProbe {
  /** null: no navigator.gpu, no adapter offered (blocklisted GPU, headless, flag off), or no answer. */
  adapter: GPUAdapter | null;
  /** Why there is none, for the curious; not an error to show. */
  error?: string;
}

export async function probeWebGpu(timeoutMs = ADAPTER_TIMEOUT_MS): Promise<WebGpuProbe> {
  const gpu = (globalThis.navigator as (Navigator & { gpu?: GPU }) | undefined)?.gpu;
  if (!gpu) return { adapter: null, error: 'navigator.gpu is not available' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  try {
    const answer = await Promise.race([gpu.requestAdapter({ powerPreference: 'high-performance' }), timeout]);
    if (answer === 'timeout') return { adapter: null, error: `requestAdapter() gave no answer in ${timeoutMs} ms` };
    return answer ? { adapter: answer } : { adapter: null, error: 'No WebGPU adapter was offered' };
  } catch (e) {
    return { adapter: null, error: e instanceof Error ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
  }
}
