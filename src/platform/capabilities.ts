// What this device can run: WebGPU adapter and limits, memory, cores, storage, for the Models view
// and the engine choice (page); core/model-fit.ts judges the result. The adapter comes from the one
// probe the model workers use too (src/shared/webgpu.ts, with its timeout).
import { probeWebGpu } from '../shared/webgpu';
import { isIosWebKit } from '../core/install-offer';

export interface WebGpuInfo {
  adapterInfo: { vendor: string; architecture: string; description: string };
  /** Largest GPU buffer the adapter can allocate, in bytes. */
  maxBufferSize: number;
  /** Largest storage buffer one shader binding can see; LLM weight shards must fit in it. */
  maxStorageBufferBindingSize: number;
  shaderF16: boolean;
}

export interface Capabilities {
  /** null: no WebGPU at all, or navigator.gpu exists but offers no adapter (blocklisted GPU,
   *  headless browser, disabled flag). Either way only the CPU (wasm) runtimes can run. */
  webgpu: WebGpuInfo | null;
  /** Why webgpu is null, for the curious; not shown as an error. */
  webgpuError?: string;
  /** navigator.deviceMemory: Chromium only, rounded to a power of two and capped (8 in older versions). */
  deviceMemoryGiB: number | null;
  cores: number | null;
  /** Needed for the multi-threaded wasm runtimes (SharedArrayBuffer). */
  crossOriginIsolated: boolean;
  /** userAgentData.mobile: Chromium only; a hint for "prefer small models". */
  mobile: boolean | null;
  storage: { usage: number; quota: number } | null;
  persisted: boolean | null;
  /** WebKit on iOS or iPadOS (every browser there): no deviceMemory, a fixed tab memory limit. */
  iosWebKit: boolean;
}

// Not in the TypeScript libs: both are Chromium-only.
interface NavigatorHints {
  deviceMemory?: number;
  userAgentData?: { mobile?: boolean };
}

export async function detectCapabilities(): Promise<Capabilities> {
  const nav = navigator as Navigator & NavigatorHints;
  const [gpu, storage, persisted] = await Promise.all([detectWebGpu(), estimateStorage(), isPersisted()]);
  const caps: Capabilities = {
    webgpu: gpu.info,
    deviceMemoryGiB: typeof nav.deviceMemory === 'number' ? nav.deviceMemory : null,
    cores: typeof nav.hardwareConcurrency === 'number' ? nav.hardwareConcurrency : null,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    mobile: typeof nav.userAgentData?.mobile === 'boolean' ? nav.userAgentData.mobile : null,
    storage,
    persisted,
    iosWebKit: isIosWebKit(navigator.userAgent, navigator.maxTouchPoints ?? 0),
  };
  if (gpu.error) caps.webgpuError = gpu.error;
  return caps;
}

async function detectWebGpu(): Promise<{ info: WebGpuInfo | null; error?: string }> {
  const { adapter, error } = await probeWebGpu();
  if (!adapter) return { info: null, ...(error ? { error } : {}) };
  try {
    return {
      info: {
        adapterInfo: await adapterInfo(adapter),
        maxBufferSize: adapter.limits.maxBufferSize,
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
        shaderF16: adapter.features.has('shader-f16'),
      },
    };
  } catch (e) {
    return { info: null, error: e instanceof Error ? e.message : String(e) };
  }
}

async function adapterInfo(adapter: GPUAdapter): Promise<WebGpuInfo['adapterInfo']> {
  // adapter.info arrived in Chrome 127; older versions only had requestAdapterInfo().
  const legacy = adapter as GPUAdapter & { requestAdapterInfo?: () => Promise<GPUAdapterInfo> };
  const info = adapter.info ?? (await legacy.requestAdapterInfo?.());
  return { vendor: info?.vendor ?? '', architecture: info?.architecture ?? '', description: info?.description ?? '' };
}

async function estimateStorage(): Promise<Capabilities['storage']> {
  try {
    const est = await navigator.storage?.estimate();
    return est && typeof est.quota === 'number' ? { usage: est.usage ?? 0, quota: est.quota } : null;
  } catch {
    return null;
  }
}

async function isPersisted(): Promise<boolean | null> {
  try {
    return navigator.storage?.persisted ? await navigator.storage.persisted() : null;
  } catch {
    return null;
  }
}
