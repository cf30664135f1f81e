// Where a transformers.js or ONNX model runs: WebGPU when it was asked for and an adapter answers,
// else WebAssembly; and when the GPU load (or its warm-up) fails, WebAssembly after all, with the
// reason kept for the report. A GPU without the features a build needs still has a CPU.
import { probeWebGpu, type WebGpuProbe } from '../../shared/webgpu';
import type { ComputeDevice } from './model-holder';

export interface OnDevice<T> {
  value: T;
  device: ComputeDevice;
  gpuError?: string;
}

export async function loadOnDevice<T>(
  asked: ComputeDevice,
  load: (device: ComputeDevice) => Promise<T>,
  probe: () => Promise<WebGpuProbe> = probeWebGpu,
): Promise<OnDevice<T>> {
  if (asked !== 'webgpu' || !(await probe()).adapter) return { value: await load('wasm'), device: 'wasm' };
  try {
    return { value: await load('webgpu'), device: 'webgpu' };
  } catch (e) {
    return { value: await load('wasm'), device: 'wasm', gpuError: e instanceof Error ? e.message : String(e) };
  }
}
