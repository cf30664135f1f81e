// Where Whisper runs. A real GPU is faster than the CPU for its encoder; a software adapter
// (SwiftShader, what a browser offers when the GPU is blocklisted or absent) is several times
// slower than WebAssembly, so "automatic" takes WebGPU only for hardware. The person can force either.

export type SpeechDeviceSetting = 'auto' | 'webgpu' | 'wasm';

export interface AdapterInfo {
  vendor: string;
  architecture: string;
  description: string;
}

export const isSoftwareAdapter = (info: AdapterInfo): boolean =>
  /swiftshader|llvmpipe|software|basic render/i.test(`${info.vendor} ${info.architecture} ${info.description}`);

/** `adapter`: the WebGPU adapter's info, or null when there is none. */
export function speechDevice(setting: SpeechDeviceSetting, adapter: AdapterInfo | null): 'webgpu' | 'wasm' {
  if (!adapter || setting === 'wasm') return 'wasm';
  if (setting === 'webgpu') return 'webgpu';
  return isSoftwareAdapter(adapter) ? 'wasm' : 'webgpu';
}
