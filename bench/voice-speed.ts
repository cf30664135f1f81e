// The voice round trip through the app against the raw libraries, in one run and one page: the app in
// hands-free mode hearing an utterance through Chromium's fake microphone (VAD -> Whisper -> stories260K
// -> the answer voice, each in its worker), and voice-direct calling transformers.js, kokoro-js,
// espeak-ng and wllama itself. After one discarded warm-up each, app and direct turns alternate A B,
// B A, … so drift of the machine lands on both. Random-weight Whisper and Kokoro make the words and
// sounds meaningless, but the work (30 s Whisper window, decoder steps, one Kokoro "syllable" per
// token) is real, so the ratios show what the app's plumbing costs. The direct path transcribes the
// clip itself (timed) but asks the model the app's transcript, as the app asks a base model (no
// persona): a random Whisper hears the VAD's cut of the clip and the clip itself as different words,
// a real one would not, and different prompts gave different first sentences to wait for and speak.
import path from 'node:path';
import type { ModelEntry } from '../src/catalog/types';
import { audioDir } from '../test/support/paths';
import { downloadViaUi } from './app-driver';
import { median, summarise, type Summary } from './stats';
import { appTurn, configureAppVoice, type AppTurn } from './voice-app-turn';
import { appAsset } from './direct-bundle';
import type { DirectEngine, TurnTiming } from './voice-direct/voice-direct';
import { directSentences, directTts, directTurn, loadVoiceDirect, unloadVoiceDirect } from './voice-direct-driver';
import { micClip } from './voice-mic';
import { withSession } from './session';
import { makeTempDir } from './temp-dirs';
import { modelUrls, type Servers } from './servers';
import { say } from './ui-text';
import { measureSttSameAudio, type SttSameAudio } from './voice-stt-check';

export const UTTERANCE = 'LDC93S1.wav';
const SPEECH_RATE = 16_000;
const MAX_TOKENS = 32;
const TEMPERATURE = 0;
const LANGUAGE = 'en';
const LLM_CONTEXT = 2048; // LlmCpuService's DEFAULT_CPU_CONTEXT

export interface VoiceModels {
  vad: ModelEntry;
  whisper: ModelEntry;
  llm: ModelEntry;
  kokoro: ModelEntry;
}

interface EngineSpec {
  engine: DirectEngine;
  /** The Speech engine option in Settings. */
  label: string;
  /** The voice both paths use: the app's default setting (af_heart), which the built-in engine maps to en-us. */
  voice: string;
}

export interface DirectTurn extends TurnTiming {
  /** The utterance padded with silence to the app's segment length, so Whisper reads as much audio. */
  audioMs: number;
  sttRtf: number;
  /** Every sentence of the app's answer of the same pair, synthesized by the same engine. */
  ttsRtf: number;
  ttsSentences: number;
}

export interface VoicePair {
  pair: number;
  appFirst: boolean;
  /** null when the app side could not run (see VoiceEngineResult.appError). */
  app: AppTurn | null;
  direct: DirectTurn;
}

export interface StageShares {
  stt: number;
  llm: number;
  tts: number;
}

export interface PathSummary {
  sttRtf: Summary;
  ttsRtf: Summary;
  totalMs: Summary;
  stagesMs: { stt: Summary; llm: Summary; tts: Summary };
  /** Each stage's median over the sum of the three medians. */
  shares: StageShares;
}

export interface VoiceEngineResult {
  engine: DirectEngine;
  label: string;
  voice: string;
  /** Why the app side was not measured (the direct side still was); null when it was. */
  appError: string | null;
  app: PathSummary | null;
  direct: PathSummary & { sentenceMs: Summary; synthMs: Summary };
  /** median(app) / median(direct): 1 = the app costs nothing; above 1 = slower through the app. */
  ratio: { sttRtf: number; ttsRtf: number; totalMs: number } | null;
  /** What the app adds, median of the pairs' differences (ms). */
  addedMs: { stt: number; llm: number; tts: number; total: number } | null;
  samples: VoicePair[];
}

export interface VoiceResult {
  utterance: string;
  utteranceMs: number;
  models: { vad: string; whisper: string; llm: string; kokoro: string };
  answer: { maxTokens: number; temperature: number; language: string };
  onnxThreads: number;
  llmThreads: number | null;
  directLoadMs: number;
  runs: number;
  engines: VoiceEngineResult[];
  /** Whisper alone on the same audio (the Whisper check against the direct pipeline). */
  sttSameAudio: SttSameAudio | { error: string };
}

const padTo = (audio: Float32Array, ms: number): Float32Array => {
  const total = Math.max(audio.length, Math.round((ms / 1000) * SPEECH_RATE));
  const out = new Float32Array(total);
  out.set(audio, Math.floor((total - audio.length) / 2));
  return out;
};

/** `appAnswer`: the app's last answer, whose sentences the direct TTS RTF is taken over (without one:
 *  the direct turn's own first sentence). */
async function directRun(
  page: Parameters<typeof directTurn>[0],
  spec: EngineSpec,
  audio: Float32Array,
  utteranceMs: number,
  appAnswer: string | null,
  appTranscript: string | null,
): Promise<DirectTurn> {
  const padded = padTo(audio, utteranceMs);
  const turn = await directTurn(page, {
    audio16k: [...padded],
    language: LANGUAGE,
    maxTokens: MAX_TOKENS,
    temperature: TEMPERATURE,
    engine: spec.engine,
    voice: spec.voice,
    speed: 1,
    ...(appTranscript === null ? {} : { question: appTranscript }),
  });
  const sentences = appAnswer === null ? [turn.firstSentence] : await directSentences(page, appAnswer);
  let ms = 0;
  let audioMs = 0;
  for (const sentence of sentences) {
    const spoken = await directTts(page, spec.engine, sentence, spec.voice);
    ms += spoken.ms;
    audioMs += spoken.audioMs;
  }
  const paddedMs = (padded.length / SPEECH_RATE) * 1000;
  return { ...turn, audioMs: paddedMs, sttRtf: turn.sttMs / paddedMs, ttsRtf: ms / audioMs, ttsSentences: sentences.length };
}

function summarisePath(
  stt: number[],
  llm: number[],
  tts: number[],
  total: number[],
  sttRtf: number[],
  ttsRtf: number[],
): PathSummary {
  const stagesMs = { stt: summarise(stt), llm: summarise(llm), tts: summarise(tts) };
  const sum = stagesMs.stt.median + stagesMs.llm.median + stagesMs.tts.median;
  return {
    sttRtf: summarise(sttRtf),
    ttsRtf: summarise(ttsRtf),
    totalMs: summarise(total),
    stagesMs,
    shares: { stt: stagesMs.stt.median / sum, llm: stagesMs.llm.median / sum, tts: stagesMs.tts.median / sum },
  };
}

function summariseEngine(spec: EngineSpec, samples: VoicePair[], appError: string | null): VoiceEngineResult {
  const d = samples.map((s) => s.direct);
  const direct = summarisePath(
    d.map((t) => t.sttMs),
    d.map((t) => t.llmMs),
    d.map((t) => t.sentenceMs + t.synthMs),
    d.map((t) => t.totalMs),
    d.map((t) => t.sttRtf),
    d.map((t) => t.ttsRtf),
  );
  const result: VoiceEngineResult = {
    engine: spec.engine,
    label: spec.label,
    voice: spec.voice,
    appError,
    app: null,
    direct: { ...direct, sentenceMs: summarise(d.map((t) => t.sentenceMs)), synthMs: summarise(d.map((t) => t.synthMs)) },
    ratio: null,
    addedMs: null,
    samples,
  };
  const paired = samples.filter((s): s is VoicePair & { app: AppTurn } => s.app !== null);
  if (appError || !paired.length) return result;
  const a = paired.map((s) => s.app);
  const app = summarisePath(
    a.map((t) => t.sttMs),
    a.map((t) => t.llmMs),
    a.map((t) => t.ttsMs),
    a.map((t) => t.totalMs),
    a.map((t) => t.sttRtf),
    a.map((t) => t.ttsRtf),
  );
  const added = (f: (p: (typeof paired)[number]) => number) => median(paired.map(f));
  return {
    ...result,
    app,
    ratio: {
      sttRtf: app.sttRtf.median / direct.sttRtf.median,
      ttsRtf: app.ttsRtf.median / direct.ttsRtf.median,
      totalMs: app.totalMs.median / direct.totalMs.median,
    },
    addedMs: {
      stt: added((p) => p.app.sttMs - p.direct.sttMs),
      llm: added((p) => p.app.llmMs - p.direct.llmMs),
      tts: added((p) => p.app.ttsMs - p.direct.sentenceMs - p.direct.synthMs),
      total: added((p) => p.app.totalMs - p.direct.totalMs),
    },
  };
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0]!;

export async function measureVoice(
  servers: Servers,
  models: VoiceModels,
  runs: number,
  log: (line: string) => void,
): Promise<VoiceResult> {
  const tmp = makeTempDir('hearth-bench-mic-');
  try {
    const clip = micClip(tmp.dir, path.join(audioDir, UTTERANCE));
    return await withSession(
      servers,
      async ({ page, openModels }) => {
        for (const model of [models.vad, models.whisper, models.llm, models.kokoro]) await downloadViaUi(page, model);
        const [ggufUrl] = modelUrls(servers.mirror.url, models.llm);
        const loaded = await loadVoiceDirect(page, {
          mirrorUrl: servers.mirror.url,
          ort: {
            wasm: appAsset(servers.appDir, /^ort-wasm-simd-threaded\.asyncify-.*\.wasm$/),
            mjs: appAsset(servers.appDir, /^ort-wasm-simd-threaded\.asyncify-.*\.mjs$/),
          },
          espeakWasmUrl: appAsset(servers.appDir, /^espeak-ng-.*\.wasm$/),
          whisper: { repo: models.whisper.repo, dtype: 'q8' },
          kokoro: { repo: models.kokoro.repo, dtype: 'fp32', voices: ['af_heart'] },
          llm: { wasmUrl: appAsset(servers.appDir, /^wllama-[\w-]+\.wasm$/), ggufUrl: ggufUrl!, contextSize: LLM_CONTEXT },
        });
        try {
          const specs: EngineSpec[] = [
            { engine: 'builtin', label: say('voice.tts.builtin'), voice: 'en-us' },
            { engine: 'kokoro', label: models.kokoro.name, voice: 'af_heart' },
          ];
          const engines: VoiceEngineResult[] = [];
          // Both sides run in this page: each turn starts with the page's heap collected, so neither
          // pays for the garbage the other left (Whisper's tensors on the direct side).
          const cdp = await page.context().newCDPSession(page);
          const collected = () => cdp.send('HeapProfiler.collectGarbage');
          for (const spec of specs) {
            log(`voice round trip, app vs libraries directly: ${spec.label}`);
            // Without the app side (the voice bar missing or failing) the direct side is still measured and
            // reported, against the clip itself and its own first sentence.
            let appError: string | null = null;
            let last: { utteranceMs: number; answer: string; transcript: string } | null = null;
            const app = async (): Promise<AppTurn | null> => {
              if (appError) return null;
              try {
                await collected();
                const turn = await appTurn(page);
                last = turn;
                return turn;
              } catch (e) {
                appError = message(e);
                log(`voice: the app side failed (${spec.label}): ${appError}`);
                return null;
              }
            };
            const direct = async () => {
              await collected();
              return directRun(
                page,
                spec,
                clip.utterance16k,
                last?.utteranceMs ?? 0,
                last?.answer ?? null,
                last?.transcript ?? null,
              );
            };
            try {
              await configureAppVoice(page, {
                engineLabel: spec.label,
                language: LANGUAGE,
                maxTokens: MAX_TOKENS,
                temperature: TEMPERATURE,
              });
            } catch (e) {
              appError = `Settings: ${message(e)}`;
            }
            await app(); // warm-up: loads the speech, llm and tts workers' models
            await direct();
            const samples: VoicePair[] = [];
            for (let pair = 1; pair <= runs; pair++) {
              const appFirst = pair % 2 === 1;
              const first = appFirst ? await app() : await direct();
              const second = appFirst ? await direct() : await app();
              samples.push({
                pair,
                appFirst,
                app: (appFirst ? first : second) as AppTurn | null,
                direct: (appFirst ? second : first) as DirectTurn,
              });
            }
            engines.push(summariseEngine(spec, samples, appError));
          }
          log('Whisper on the same audio, app (its check) vs the pipeline directly');
          const multilingual = models.whisper.languages.includes('multilingual');
          const sttSameAudio = await measureSttSameAudio(
            page,
            models.whisper,
            multilingual ? LANGUAGE : null,
            runs * 3,
            openModels,
          ).catch((e: unknown) => ({ error: message(e) }));
          return {
            utterance: UTTERANCE,
            utteranceMs: (clip.utterance16k.length / SPEECH_RATE) * 1000,
            models: { vad: models.vad.name, whisper: models.whisper.name, llm: models.llm.name, kokoro: models.kokoro.name },
            answer: { maxTokens: MAX_TOKENS, temperature: TEMPERATURE, language: LANGUAGE },
            onnxThreads: loaded.onnxThreads,
            llmThreads: loaded.llmThreads,
            directLoadMs: loaded.loadMs,
            runs,
            engines,
            sttSameAudio,
          };
        } finally {
          await unloadVoiceDirect(page);
        }
      },
      { micWav: clip.file },
    );
  } finally {
    tmp.remove();
  }
}
