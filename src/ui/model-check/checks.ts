// One real inference per runtime for "Test on this device", through each model family's client.
import type { ModelEntry } from '../../catalog/types';
import { embedOnce } from '../../clients/embed-client';
import { llmClient } from '../../clients/llm-client';
import { speechClient } from '../../clients/speech-client';
import { ttsClient } from '../../clients/tts-client';
import { resample } from '../../core/resample';
import { SPEECH_RATE } from '../../core/speech-events';
import { BUILTIN_VOICE } from '../../core/voice-choice';
import { kokoroVoices } from '../../catalog/tts-voices';
import { voiceDevice } from '../state/voice-picks';
import { t } from '../i18n';
import { effectiveModelSource } from '../../store/model-source';
import { settings } from '../state/settings';
import { CheckFailedError } from '../../core/errors';

/** What a check shows: a status line, and for a language model the text it wrote. */
export interface CheckResult {
  text: string;
  sample?: string;
}

// English on purpose: the CPU test models are English-only base models (TinyStories), so the
// check is a plain completion prompt, not a chat turn, and not translated.
const STORY_PROMPT = 'Once upon a time';
const STORY_TOKENS = 24;

/** Which stored models can be exercised from here (more runtimes join as their workers land). */
export const canCheck = (model: ModelEntry): boolean =>
  (model.runtime === 'transformers' && model.task === 'embed') ||
  model.task === 'llm' ||
  model.task === 'stt' ||
  model.task === 'vad' ||
  model.task === 'tts';

// The speech checks need speech without a microphone: the built-in eSpeak-NG voice (in the app
// shell) says this sentence, and the model under test hears it.
const SPOKEN_SAMPLE = 'Turn on the kitchen lights, please.';

async function spokenSample16k(): Promise<Float32Array> {
  const spoken = await ttsClient.speak({ text: SPOKEN_SAMPLE, engine: BUILTIN_VOICE, voice: 'en-us', speed: 1 });
  return resample(spoken.samples, spoken.sampleRate, SPEECH_RATE);
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);

async function checkStt(model: ModelEntry): Promise<CheckResult> {
  const audio = await spokenSample16k();
  const report = await speechClient.loadStt(model, voiceDevice.value);
  const audioMs = (audio.length / SPEECH_RATE) * 1000;
  const heard = await speechClient.transcribe(audio, 'en');
  return {
    sample: heard.text,
    text:
      t('check.sttOk', {
        ms: heard.elapsedMs,
        audio: seconds(audioMs),
        rtf: (heard.elapsedMs / audioMs).toFixed(2),
        device: report.device === 'webgpu' ? 'WebGPU' : 'WebAssembly',
        load: report.loadMs,
      }) + (report.gpuError ? ` ${t('check.gpuFallback', { reason: report.gpuError })}` : ''),
  };
}

async function checkVad(model: ModelEntry): Promise<CheckResult> {
  const speech = await spokenSample16k();
  // Half a second of silence on each side: the speech found should sit between them.
  const pad = SPEECH_RATE / 2;
  const audio = new Float32Array(speech.length + 2 * pad);
  audio.set(speech, pad);
  await speechClient.loadVad(model);
  const found = await speechClient.findSpeech(audio);
  if (found.length === 0) throw new CheckFailedError(t('check.vadNothing'));
  return {
    text: t('check.vadOk', {
      spans: found.map((f) => `${seconds(f.startMs)}–${seconds(f.endMs)} s`).join(', '),
      from: seconds(500),
      to: seconds(500 + (speech.length / SPEECH_RATE) * 1000),
    }),
  };
}

async function checkTts(model: ModelEntry): Promise<CheckResult> {
  const voice = kokoroVoices(model)[0]?.id ?? '';
  const report = await ttsClient.loadKokoro(model, voiceDevice.value);
  const spoken = await ttsClient.speak({ text: SPOKEN_SAMPLE, engine: model.id, voice, speed: 1 });
  const audioMs = (spoken.samples.length / spoken.sampleRate) * 1000;
  return {
    sample: SPOKEN_SAMPLE,
    text:
      t('check.ttsOk', {
        audio: seconds(audioMs),
        ms: spoken.elapsedMs,
        rtf: (spoken.elapsedMs / audioMs).toFixed(2),
        voice,
        device: report.device === 'webgpu' ? 'WebGPU' : 'WebAssembly',
      }) + (report.gpuError ? ` ${t('check.gpuFallback', { reason: report.gpuError })}` : ''),
  };
}

async function checkEmbed(model: ModelEntry): Promise<CheckResult> {
  const { report, vectors, dims } = await embedOnce(model, ['Turn on the kitchen lights']);
  const norm = Math.sqrt(vectors[0]!.reduce((s, v) => s + v * v, 0));
  return { text: t('check.embedOk', { dims, ms: report.loadMs, device: report.device, norm: norm.toFixed(3) }) };
}

async function checkLlm(model: ModelEntry, onSample: (sample: string) => void): Promise<CheckResult> {
  const report = await llmClient.load(model, { source: effectiveModelSource(settings.value) });
  let sample = STORY_PROMPT;
  onSample(sample);
  const out = await llmClient.continueText(STORY_PROMPT, {
    maxTokens: STORY_TOKENS,
    temperature: 0, // the same story every time, so a person (and a test) can compare runs
    onToken: (piece) => onSample((sample += piece)),
  });
  return {
    sample: STORY_PROMPT + out.text,
    text: t('check.llmOk', {
      tps: out.tokensPerSecond ?? 0,
      ttft: out.ttftMs ?? '?',
      ms: report.loadMs,
      threads: report.threads,
    }),
  };
}

export function runCheck(model: ModelEntry, onSample: (sample: string) => void): Promise<CheckResult> {
  switch (model.task) {
    case 'llm':
      return checkLlm(model, onSample);
    case 'stt':
      return checkStt(model);
    case 'vad':
      return checkVad(model);
    case 'tts':
      return checkTts(model);
    default:
      return checkEmbed(model);
  }
}
