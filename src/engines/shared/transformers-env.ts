// One place that points transformers.js at our own origin and our own store: wasm from the app
// shell, model files from IndexedDB, never the hub at run time.
import { env } from '@huggingface/transformers';
import { ORT_WASM_PATHS } from '../../catalog/runtime-assets';
import { storeFetch } from './store-fetch';
import type { ModelStore } from '../../store/model-store';
import { WrongModelError } from '../../core/errors';

let configured = false;

export function configureTransformers(store: ModelStore): typeof env {
  if (configured) return env;
  // "Remote" files are fetched through storeFetch, which answers from IndexedDB and never goes out.
  env.allowRemoteModels = true;
  env.allowLocalModels = false;
  env.fetch = storeFetch(store);
  env.useBrowserCache = false;
  env.useCustomCache = false;
  // Its wasm cache would copy the runtime into Cache Storage and import the glue from a blob: URL
  // (blocked by our CSP); the service worker already keeps these files offline.
  env.useWasmCache = false;
  const onnx = env.backends.onnx as { wasm?: { wasmPaths?: unknown; numThreads?: number } };
  if (onnx.wasm) {
    onnx.wasm.wasmPaths = { ...ORT_WASM_PATHS };
    // Threads need cross-origin isolation (SharedArrayBuffer); leave one core for the UI.
    onnx.wasm.numThreads = self.crossOriginIsolated ? Math.max(1, Math.min(4, (navigator.hardwareConcurrency || 2) - 1)) : 1;
  }
  configured = true;
  return env;
}

/** transformers.js dtype for a catalog quantization label. */
export function dtypeFor(quantization: string): 'fp32' | 'fp16' | 'q8' | 'q4' | 'q4f16' {
  const q = quantization.toLowerCase();
  if (q === 'fp32' || q === 'fp16' || q === 'q4' || q === 'q4f16') return q;
  if (q === 'q8' || q === 'int8' || q === 'uint8') return 'q8';
  throw new WrongModelError(`a build quantized as "${quantization}"`, 'a quantization transformers.js can run');
}
