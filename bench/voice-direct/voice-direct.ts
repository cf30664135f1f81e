// Bench-only browser module (never part of the app): the voice libraries called straight from the page,
// without the app's model store, workers, comlink, turn-taking or Preact. bundle.ts builds it into the
// bench's copy of dist/, so the app's own server sends it, and the bench import()s it into the app page:
// same origin, isolation, CSP and self-hosted runtimes (wasm files passed in by their hashed names).
// Everything runs on the page's main thread: ONNX Runtime with the app's thread count (one here),
// wllama in its own worker as always.
import type { AutomaticSpeechRecognitionPipeline } from '@huggingface/transformers';
import type { Wllama } from '@wllama/wllama';
import type { KokoroTTS } from 'kokoro-js';
import { dropPromptJoin, plainPrompt, stopSequencesForPlain } from '../../src/core/prompt-format';
import { SentenceStream } from '../../src/core/sentence-stream';
import { speakableText } from '../../src/core/speakable-text';
import { resample } from '../../src/core/resample';
import { compileEspeak, espeakSpeak, type Pcm } from './espeak-direct';
import {
  configureTransformers,
  kokoroSpeak,
  loadKokoro,
  loadWhisper,
  transcribe,
  type OnnxRuntimeFiles,
} from './transformers-direct';
import { loadWllama, streamCompletion } from './wllama-stream';

export type DirectEngine = 'builtin' | 'kokoro';

export interface DirectLoadOptions {
  mirrorUrl: string;
  ort: OnnxRuntimeFiles;
  /** Absent: no built-in voice (the WER run needs only Whisper). */
  espeakWasmUrl?: string;
  whisper: { repo: string; dtype: 'fp32' | 'q8' };
  /** Absent: no Kokoro (the WER run needs only Whisper). */
  kokoro?: { repo: string; dtype: 'fp32' | 'q8'; voices: string[] };
  llm?: { wasmUrl: string; ggufUrl: string; contextSize: number };
}

export interface DirectLoaded {
  loadMs: number;
  onnxThreads: number;
  llmThreads: number | null;
}

export interface Synthesis {
  ms: number;
  audioMs: number;
  samples: number;
  rms: number;
}

export interface TurnRequest {
  audio16k: number[];
  /** For multilingual Whisper models; null for .en ones. */
  language: string | null;
  maxTokens: number;
  temperature: number;
  engine: DirectEngine;
  voice: string;
  speed: number;
  /** What the model is asked, when not this turn's own transcript: the app's transcript of the same
   *  utterance, so both paths write (and speak) the same answer. */
  question?: string;
}

/** performance.now() differences of one direct turn, from "the utterance is in hand". */
export interface TurnTiming {
  transcript: string;
  sttMs: number;
  /** Transcript to the first generated text. */
  llmMs: number;
  /** First text to the first sentence being complete (or the answer ending). */
  sentenceMs: number;
  /** Synthesis of that sentence to its first sample. */
  synthMs: number;
  /** End of speech to the first sample ready. */
  totalMs: number;
  firstSentence: string;
  firstSentenceAudioMs: number;
}

let asr: AutomaticSpeechRecognitionPipeline | null = null;
let kokoro: KokoroTTS | null = null;
let espeak: WebAssembly.Module | null = null;
let wllama: Wllama | null = null;

export async function load(opts: DirectLoadOptions): Promise<DirectLoaded> {
  const started = performance.now();
  const onnxThreads = configureTransformers(opts.mirrorUrl, opts.ort);
  asr = await loadWhisper(opts.whisper.repo, opts.whisper.dtype);
  if (opts.espeakWasmUrl) espeak = await compileEspeak(opts.espeakWasmUrl);
  if (opts.kokoro) kokoro = await loadKokoro(opts.mirrorUrl, opts.kokoro.repo, opts.kokoro.dtype, opts.kokoro.voices);
  let llmThreads: number | null = null;
  if (opts.llm) ({ wllama, threads: llmThreads } = await loadWllama(opts.llm.wasmUrl, opts.llm.ggufUrl, opts.llm.contextSize));
  return { loadMs: performance.now() - started, onnxThreads, llmThreads };
}

export async function stt(audio16k: number[], language: string | null): Promise<{ text: string; ms: number }> {
  if (!asr) throw new Error('voice-direct: load() first');
  const audio = Float32Array.from(audio16k);
  const started = performance.now();
  const text = await transcribe(asr, audio, language);
  return { text, ms: performance.now() - started };
}

/** The Whisper check's audio made as the app makes it (the built-in voice, then the app's resampler
 *  to 16 kHz), then transcribed: Whisper on the very audio the app's check hears. */
export async function sttSpoken(
  sentence: string,
  voice: string,
  language: string | null,
): Promise<{ text: string; ms: number; audioMs: number }> {
  if (!asr) throw new Error('voice-direct: load() first');
  const spoken = await synthesize('builtin', sentence, voice, 1);
  const audio = resample(spoken.samples, spoken.sampleRate, 16_000);
  const started = performance.now();
  const text = await transcribe(asr, audio, language);
  return { text, ms: performance.now() - started, audioMs: (audio.length / 16_000) * 1000 };
}

async function synthesize(engine: DirectEngine, text: string, voice: string, speed: number): Promise<Pcm> {
  if (engine === 'kokoro') {
    if (!kokoro) throw new Error('voice-direct: loaded without Kokoro');
    return kokoroSpeak(kokoro, text, voice, speed);
  }
  if (!espeak) throw new Error('voice-direct: loaded without the built-in voice');
  return espeakSpeak(espeak, text, voice, speed);
}

const rmsOf = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / Math.max(1, x.length));

export async function tts(engine: DirectEngine, text: string, voice: string, speed = 1): Promise<Synthesis> {
  const started = performance.now();
  const { samples, sampleRate } = await synthesize(engine, text, voice, speed);
  const ms = performance.now() - started;
  return { ms, audioMs: (samples.length / sampleRate) * 1000, samples: samples.length, rms: rmsOf(samples) };
}

/** The sentences the app would speak, in order, for an answer's text: its own markdown reduction and
 *  splitter, applied as SpokenAnswer applies them (to the whole text so far). */
export function sentencesOf(answer: string): string[] {
  const stream = new SentenceStream();
  return [...stream.update(speakableText(answer)), ...stream.finish()];
}

/** Utterance → Whisper → stories260K until its first sentence is complete → that sentence synthesized. */
export async function turn(req: TurnRequest): Promise<TurnTiming> {
  if (!asr || !wllama) throw new Error('voice-direct: load() with an llm first');
  const audio = Float32Array.from(req.audio16k);
  const t0 = performance.now();
  const transcript = await transcribe(asr, audio, req.language);
  const t1 = performance.now();
  let firstTextAt: number | null = null;
  let firstSentence = '';
  const sentences = new SentenceStream();
  // As the app asks a base model (engines/llm/llm-router.ts): the question alone, no persona, and
  // the answer's text counted from its first character of its own (not the prompt's leftovers).
  const prompt = plainPrompt([{ role: 'user', content: req.question ?? transcript }]);
  const answer = await streamCompletion(
    wllama,
    { prompt, maxTokens: req.maxTokens, temperature: req.temperature, stop: stopSequencesForPlain() },
    (text) => {
      const own = dropPromptJoin(text);
      if (!own) return false;
      firstTextAt ??= performance.now();
      firstSentence = sentences.update(speakableText(own))[0] ?? '';
      return firstSentence !== '';
    },
  );
  if (firstTextAt === null) throw new Error(`the model wrote nothing after "${transcript}"`);
  // An answer shorter than one finished sentence is spoken whole, as the app does at the end.
  if (!firstSentence) firstSentence = sentencesOf(answer)[0] ?? '';
  if (!firstSentence) throw new Error(`nothing speakable in the answer "${answer}"`);
  const t2 = performance.now();
  const { samples, sampleRate } = await synthesize(req.engine, firstSentence, req.voice, req.speed);
  const t3 = performance.now();
  return {
    transcript,
    sttMs: t1 - t0,
    llmMs: firstTextAt - t1,
    sentenceMs: t2 - firstTextAt,
    synthMs: t3 - t2,
    totalMs: t3 - t0,
    firstSentence,
    firstSentenceAudioMs: (samples.length / sampleRate) * 1000,
  };
}

export async function unload(): Promise<void> {
  const loaded = wllama;
  wllama = null;
  await Promise.allSettled([loaded?.exit(), asr?.dispose(), kokoro?.model.dispose()]);
  asr = null;
  kokoro = null;
  espeak = null;
}
