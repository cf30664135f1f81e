// Whisper speech-to-text with transformers.js, in the speech worker. The caller points transformers.js
// at the model store first (configureTransformers); this module only loads and runs the pipeline.
// transformers.js 4 has no language detection (without a language it assumes English), so 'auto'
// runs Whisper's own detection step: one decoder step after <|startoftranscript|>, the most likely
// language token wins, and that language is then forced for the transcription.
import { pipeline, Tensor, type AutomaticSpeechRecognitionPipeline } from '@huggingface/transformers';
import { SPEECH_RATE } from '../../core/speech-events';

export type SttDevice = 'webgpu' | 'wasm' | 'cpu';

export interface SttLoadOptions {
  /** Hub-layout id the store (or, in Node tests, env.localModelPath) serves. */
  repo: string;
  revision?: string;
  dtype: 'fp32' | 'fp16' | 'q8' | 'q4' | 'q4f16';
  device: SttDevice;
}

export interface Transcript {
  text: string;
  /** The language spoken: the one asked for, the detected one for 'auto', 'en' for .en models. */
  language: string | null;
  elapsedMs: number;
}

interface WhisperGenerationConfig {
  is_multilingual?: boolean;
  lang_to_id?: Record<string, number>;
  decoder_start_token_id?: number;
}

/** Whisper reads at most 30 s at once; longer push-to-talk turns are read in overlapping windows. */
const WINDOW_S = 30;

export class WhisperStt {
  private constructor(
    private readonly pipe: AutomaticSpeechRecognitionPipeline,
    readonly device: SttDevice,
  ) {}

  static async load({ repo, revision = 'main', dtype, device }: SttLoadOptions): Promise<WhisperStt> {
    const pipe = (await pipeline('automatic-speech-recognition', repo, {
      dtype,
      device,
      revision,
    })) as AutomaticSpeechRecognitionPipeline;
    return new WhisperStt(pipe, device);
  }

  get multilingual(): boolean {
    return this.#generation.is_multilingual === true;
  }

  get #generation(): WhisperGenerationConfig {
    return (this.pipe.model as unknown as { generation_config: WhisperGenerationConfig }).generation_config ?? {};
  }

  /** `language`: a Whisper language code ('en', 'de', …) or 'auto'. */
  async transcribe(audio16k: Float32Array, language: string): Promise<Transcript> {
    const started = performance.now();
    let lang: string | null = this.multilingual ? (language === 'auto' ? await this.detectLanguage(audio16k) : language) : 'en';
    const long = audio16k.length > WINDOW_S * SPEECH_RATE;
    const options = {
      ...(this.multilingual && lang ? { language: lang, task: 'transcribe' } : {}),
      ...(long ? { chunk_length_s: WINDOW_S, stride_length_s: 5 } : {}),
    };
    const out = await this.pipe(audio16k, options);
    const text = (Array.isArray(out) ? out.map((o) => o.text).join(' ') : out.text).trim();
    if (!this.multilingual) lang = 'en';
    return { text, language: lang, elapsedMs: Math.round(performance.now() - started) };
  }

  /** The language code Whisper finds most likely for the first 30 s of `audio16k`. */
  async detectLanguage(audio16k: Float32Array): Promise<string | null> {
    const { lang_to_id: langToId, decoder_start_token_id: sot } = this.#generation;
    if (!langToId || sot === undefined) return null;
    const processor = this.pipe.processor as unknown as (a: Float32Array) => Promise<{ input_features: Tensor }>;
    const { input_features } = await processor(audio16k.subarray(0, WINDOW_S * SPEECH_RATE));
    const model = this.pipe.model as unknown as (inputs: Record<string, Tensor>) => Promise<{ logits: Tensor }>;
    const { logits } = await model({
      input_features,
      decoder_input_ids: new Tensor('int64', BigInt64Array.from([BigInt(sot)]), [1, 1]),
    });
    const scores = logits.data as Float32Array; // [1, 1, vocab]
    let best: string | null = null;
    let bestScore = -Infinity;
    for (const [token, id] of Object.entries(langToId)) {
      if (scores[id]! > bestScore) {
        bestScore = scores[id]!;
        best = token.slice(2, -2); // "<|de|>" -> "de"
      }
    }
    return best;
  }

  dispose(): Promise<unknown> {
    return this.pipe.dispose();
  }
}
