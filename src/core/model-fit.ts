// Will this model run here? Pure: the page detects the device (platform/capabilities.ts) and passes a
// plain object, so every rule below is unit-tested without a browser.
//
// Browsers expose no VRAM or free-RAM figure. navigator.deviceMemory (Chromium; a capped power of two)
// stands in for both: integrated GPUs share system memory, and a tab that takes more than about
// three quarters of it gets killed. The adapter's buffer limits are hard: a weight shard larger
// than maxStorageBufferBindingSize cannot be bound at all.
import type { ModelEntry, ModelFile, ModelTask } from '../catalog/types';

export type FitVerdict = 'recommended' | 'fits' | 'too-big' | 'unsupported';

export type FitReason =
  | 'needs-webgpu' // unsupported: a GPU runtime and no adapter
  | 'needs-shader-f16' // unsupported: a q4f16 build and no shader-f16
  | 'gpu-buffer-too-small' // too-big: one buffer exceeds the adapter's limit
  | 'vram-too-large' // too-big
  | 'ram-too-large' // too-big
  | 'storage-too-small' // too-big: the download does not fit in the quota left
  | 'ios-tab-memory' // too-big: more than WebKit on iOS lets a tab have before it is killed
  | 'memory-tight' // fits, but would take much of the device's memory
  | 'storage-tight' // fits, but would nearly fill the quota
  | 'memory-unknown' // the browser hides memory: judged against a typical device
  | 'storage-unknown';

export interface FitResult {
  verdict: FitVerdict;
  reasons: FitReason[];
}

/** The parts of a catalog entry the rules read (any ModelEntry is one). Files and the WebLLM block
 *  are narrowed to the sizes summed, so a test describes a model in a line. */
export type FitModel = Pick<ModelEntry, 'id' | 'task' | 'runtime' | 'quantization' | 'randomWeights' | 'needs'> & {
  files: ReadonlyArray<Pick<ModelFile, 'bytes'>>;
  /** WebLLM entries list only their fixed files; the weight shards are in approxBytes. */
  webllm?: Pick<NonNullable<ModelEntry['webllm']>, 'approxBytes'>;
  /** Entries whose sizes the source states at download time. */
  approxBytes?: number;
};

/** Structurally a subset of platform/capabilities.ts's Capabilities (page code core cannot import). */
export interface FitDevice {
  webgpu: { maxBufferSize: number; maxStorageBufferBindingSize: number; shaderF16: boolean } | null;
  deviceMemoryGiB: number | null;
  mobile?: boolean | null;
  /** WebKit on iOS or iPadOS (every browser there): its tab limit applies whatever the memory. */
  iosWebKit?: boolean;
  storage: { usage: number; quota: number } | null;
}

export const GiB = 1024 ** 3;
/** Chromium long capped deviceMemory at 8 (newer builds report more): from here on a reading may
 *  hide more memory than it says. */
export const DEVICE_MEMORY_CAP_GIB = 8;
/** Assumed when the browser does not say (Firefox, Safari): a mid-range phone or laptop. */
export const UNKNOWN_MEMORY_GIB = 4;
/** What a WebKit tab on iOS is reported to get before it is killed: people report tabs dying around
 *  1.5 GB (WebKit bug 268816, cited in mlc-ai/web-llm#753); Apple documents no figure. */
export const IOS_TAB_MEMORY_BYTES = 1.5 * GiB;
const HARD_MEMORY_FRACTION = 0.75;
const COMFORT_MEMORY_FRACTION = 0.4;
const COMFORT_STORAGE_FRACTION = 0.8;

const GPU_RUNTIMES = new Set(['webllm']);
const needsF16 = (m: FitModel): boolean =>
  m.needs.shaderF16 === true || (GPU_RUNTIMES.has(m.runtime) && /f16/i.test(m.quantization));

/** Memory figures to judge against. A capped reading may hide twice as much or more, so the hard
 *  limit assumes double while the comfortable one keeps to what was reported. */
export function memoryBudget(device: Pick<FitDevice, 'deviceMemoryGiB' | 'iosWebKit'>): { hard: number; comfortable: number } {
  const reported = device.deviceMemoryGiB ?? UNKNOWN_MEMORY_GIB;
  const ceiling = reported >= DEVICE_MEMORY_CAP_GIB ? reported * 2 : reported;
  const budget = { hard: ceiling * GiB * HARD_MEMORY_FRACTION, comfortable: reported * GiB * COMFORT_MEMORY_FRACTION };
  if (!device.iosWebKit) return budget;
  return {
    hard: Math.min(budget.hard, IOS_TAB_MEMORY_BYTES),
    comfortable: Math.min(budget.comfortable, IOS_TAB_MEMORY_BYTES / 2),
  };
}

/** The whole download, including WebLLM shards the catalog does not list file by file. */
export const downloadBytes = (model: Pick<FitModel, 'files' | 'webllm' | 'approxBytes'>): number =>
  Math.max(
    model.files.reduce((sum, f) => sum + f.bytes, 0),
    model.webllm?.approxBytes ?? 0,
    model.approxBytes ?? 0,
  );

/** Bytes still to download: a partly stored model only needs the rest. */
export const remainingBytes = (model: FitModel, storedBytes = 0): number => Math.max(0, downloadBytes(model) - storedBytes);

const TOO_BIG: ReadonlySet<FitReason> = new Set([
  'gpu-buffer-too-small',
  'vram-too-large',
  'ram-too-large',
  'ios-tab-memory',
  'storage-too-small',
]);

export function fitModel(model: FitModel, device: FitDevice, storedBytes = 0): FitResult {
  const gpu = GPU_RUNTIMES.has(model.runtime);
  if (gpu && !device.webgpu) return { verdict: 'unsupported', reasons: ['needs-webgpu'] };
  if (gpu && device.webgpu && needsF16(model) && !device.webgpu.shaderF16) {
    return { verdict: 'unsupported', reasons: ['needs-shader-f16'] };
  }
  const reasons = [...memoryReasons(model, device), ...storageReasons(model, device, storedBytes)];
  return { verdict: reasons.some((r) => TOO_BIG.has(r)) ? 'too-big' : 'fits', reasons };
}

function memoryReasons(model: FitModel, device: FitDevice): FitReason[] {
  const reasons: FitReason[] = [];
  // The device's own memory first; iOS's tab limit is said apart, as it is a different remedy.
  const own = memoryBudget({ deviceMemoryGiB: device.deviceMemoryGiB });
  const budget = memoryBudget(device);
  if (device.webgpu && model.needs.maxBufferBytes !== undefined) {
    const limit = Math.min(device.webgpu.maxBufferSize, device.webgpu.maxStorageBufferBindingSize);
    if (model.needs.maxBufferBytes > limit) reasons.push('gpu-buffer-too-small');
  }
  // vramBytes only matters where the runtime puts weights on the GPU.
  const vram = GPU_RUNTIMES.has(model.runtime) ? (model.needs.vramBytes ?? 0) : 0;
  if (vram > own.hard) reasons.push('vram-too-large');
  if (model.needs.ramBytes > own.hard) reasons.push('ram-too-large');
  if (!reasons.length && Math.max(vram, model.needs.ramBytes) > budget.hard) reasons.push('ios-tab-memory');
  if (!reasons.length && Math.max(vram, model.needs.ramBytes) > budget.comfortable) reasons.push('memory-tight');
  if (device.deviceMemoryGiB === null) reasons.push('memory-unknown');
  return reasons;
}

function storageReasons(model: FitModel, device: FitDevice, storedBytes: number): FitReason[] {
  if (!device.storage) return ['storage-unknown'];
  const download = remainingBytes(model, storedBytes);
  const free = Math.max(0, device.storage.quota - device.storage.usage);
  if (download > free) return ['storage-too-small'];
  if (download > 0 && download > free * COMFORT_STORAGE_FRACTION) return ['storage-tight'];
  return [];
}

/** Fits with room to spare: nothing tight. */
export const comfortable = (fit: FitResult): boolean =>
  fit.verdict !== 'too-big' &&
  fit.verdict !== 'unsupported' &&
  !fit.reasons.includes('memory-tight') &&
  !fit.reasons.includes('storage-tight');

/** Phones and small-memory devices get the smallest model that works; bigger devices the biggest
 *  that fits comfortably (better answers, still responsive). */
export const prefersSmall = (device: Pick<FitDevice, 'deviceMemoryGiB' | 'mobile' | 'iosWebKit'>): boolean =>
  device.mobile === true || device.iosWebKit === true || (device.deviceMemoryGiB !== null && device.deviceMemoryGiB <= 4);

const weight = (m: FitModel): number => Math.max(m.needs.ramBytes, m.needs.vramBytes ?? 0);

export interface Recommendation {
  /** Every model's fit; the pick of each task carries verdict 'recommended'. */
  fits: Map<string, FitResult>;
  /** task -> id of the recommended model. */
  picks: Map<ModelTask, string>;
}

export function recommend(
  models: readonly FitModel[],
  device: FitDevice,
  storedBytes: ReadonlyMap<string, number> = new Map(),
): Recommendation {
  const fits = new Map(models.map((m) => [m.id, fitModel(m, device, storedBytes.get(m.id) ?? 0)] as const));
  const picks = new Map<ModelTask, string>();
  const small = prefersSmall(device);
  for (const task of new Set(models.map((m) => m.task))) {
    const ofTask = models.filter((m) => m.task === task);
    // Random-weight fixtures prove plumbing only: recommend one only when nothing real is listed.
    const real = ofTask.filter((m) => !m.randomWeights);
    const pool = real.length ? real : ofTask;
    const easy = pool.filter((m) => comfortable(fits.get(m.id)!));
    const candidates = easy.length ? easy : pool.filter((m) => fits.get(m.id)!.verdict === 'fits');
    if (!candidates.length) continue;
    const best = candidates.reduce((a, b) => ((small ? weight(b) < weight(a) : weight(b) > weight(a)) ? b : a));
    picks.set(task, best.id);
    fits.set(best.id, { ...fits.get(best.id)!, verdict: 'recommended' });
  }
  return { fits, picks };
}
