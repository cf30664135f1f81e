// Whisper and Kokoro through their libraries alone (bench-only browser code): transformers.js'
// automatic-speech-recognition pipeline and kokoro-js' KokoroTTS, both on the app's transformers.js v4
// and its self-hosted ONNX Runtime files, reading the model files straight from the mirror.
import { env, pipeline, type AutomaticSpeechRecognitionPipeline } from '@huggingface/transformers';
import type { KokoroTTS } from 'kokoro-js';

export interface OnnxRuntimeFiles {
  /** The app's content-hashed ort-wasm-simd-threaded.asyncify.{wasm,mjs} URLs. */
  wasm: string;
  mjs: string;
}

/** Where kokoro-js 1.2.1 looks a voice up in Cache Storage "kokoro-voices" before it would fetch it. */
const kokoroVoiceKey = (voice: string) =>
  `https://huggingface.co/onnx-community/Kokoro-82M-v1.0-ONNX/resolve/main/voices/${voice}.bin`;

/** ONNX Runtime's wasm threads, by the app's own rule (src/engines/shared/transformers-env.ts). */
export const onnxThreads = (): number =>
  crossOriginIsolated ? Math.max(1, Math.min(4, (navigator.hardwareConcurrency || 2) - 1)) : 1;

export function configureTransformers(mirrorUrl: string, ort: OnnxRuntimeFiles): number {
  env.allowLocalModels = false;
  env.allowRemoteModels = true;
  env.remoteHost = `${mirrorUrl.replace(/\/+$/, '')}/`;
  env.remotePathTemplate = '{model}/resolve/{revision}/';
  // Nothing cached by the library: each load reads the mirror, and the app's caches stay as they are.
  env.useBrowserCache = false;
  env.useWasmCache = false;
  const onnx = env.backends.onnx as { wasm?: { wasmPaths?: unknown; numThreads?: number } };
  if (!onnx.wasm) throw new Error('transformers.js has no wasm backend settings');
  onnx.wasm.wasmPaths = { ...ort };
  onnx.wasm.numThreads = onnxThreads();
  return onnx.wasm.numThreads;
}

export async function loadWhisper(repo: string, dtype: 'fp32' | 'q8'): Promise<AutomaticSpeechRecognitionPipeline> {
  return (await pipeline('automatic-speech-recognition', repo, { dtype, device: 'wasm' })) as AutomaticSpeechRecognitionPipeline;
}

/** One transcription; `language` only for multilingual models (as the app passes it). */
export async function transcribe(
  asr: AutomaticSpeechRecognitionPipeline,
  audio16k: Float32Array,
  language: string | null,
): Promise<string> {
  const out = await asr(audio16k, language ? { language, task: 'transcribe' } : {});
  return (Array.isArray(out) ? out.map((o) => o.text).join(' ') : out.text).trim();
}

export async function loadKokoro(mirrorUrl: string, repo: string, dtype: 'fp32' | 'q8', voices: string[]): Promise<KokoroTTS> {
  const cache = await caches.open('kokoro-voices');
  for (const voice of voices) {
    const res = await fetch(`${mirrorUrl}/${repo}/resolve/main/voices/${voice}.bin`);
    if (!res.ok) throw new Error(`voice ${voice}: the mirror answered HTTP ${res.status}`);
    await cache.put(kokoroVoiceKey(voice), res);
  }
  const { KokoroTTS } = await import('kokoro-js');
  return KokoroTTS.from_pretrained(repo, { dtype, device: 'wasm' });
}

export async function kokoroSpeak(
  tts: KokoroTTS,
  text: string,
  voice: string,
  speed: number,
): Promise<{ samples: Float32Array; sampleRate: number }> {
  const audio = await tts.generate(text, { voice: voice as keyof KokoroTTS['voices'], speed });
  // RawAudio may hold one array per channel; Kokoro writes mono.
  const samples = Array.isArray(audio.audio) ? audio.audio[0] : audio.audio;
  if (!samples) throw new Error('kokoro-js returned no audio');
  return { samples, sampleRate: audio.sampling_rate };
}
