/// <reference path="../engines/tts/espeak-ng-data.d.ts" />
// Self-hosted runtime binaries. Importing them with ?url makes Vite emit each under a content-hashed
// name that the service worker precaches, so the JS that references a wasm file and the file itself
// always come from the same build (no stale wasm beside new JS), and nothing loads from a CDN.
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import ortMjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import wllamaWasm from '@wllama/wllama/esm/wasm/wllama.wasm?url';
import { ESPEAK_CORE_WASM_URL, ESPEAK_DATA_DIR, ESPEAK_DICTIONARIES } from 'virtual:espeak-ng-data';

/** ONNX Runtime Web (used by transformers.js 4, which picks the asyncify build for WebGPU + wasm). */
export const ORT_WASM_PATHS = { wasm: ortWasm, mjs: ortMjs };

/** llama.cpp compiled to WebAssembly (@wllama/wllama 3). */
export const WLLAMA_WASM_PATHS = { default: wllamaWasm };

/** eSpeak-NG (the built-in voice): the package's wasm split at build time (build/espeak-ng-data.ts).
 *  The wasm keeps the UI languages' data; other languages' dictionaries are fetched on first use. */
export const ESPEAK_WASM_URL: string = ESPEAK_CORE_WASM_URL;
export { ESPEAK_DATA_DIR, ESPEAK_DICTIONARIES };

/** Every runtime binary the app ships, for the "ready offline" check in the UI. */
export const RUNTIME_FILES: ReadonlyArray<{ runtime: 'onnxruntime' | 'llama.cpp' | 'espeak-ng'; url: string }> = [
  { runtime: 'onnxruntime', url: ortWasm },
  { runtime: 'onnxruntime', url: ortMjs },
  { runtime: 'llama.cpp', url: wllamaWasm },
  { runtime: 'espeak-ng', url: ESPEAK_CORE_WASM_URL },
];
