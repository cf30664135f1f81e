// The voice part and the Whisper WER part as plain-text tables (for table.ts).
import type { Outcome } from './report';
import type { Summary } from './stats';
import type { PathSummary, VoiceEngineResult, VoiceResult } from './voice-speed';
import type { WerResult } from './voice-wer';

type Row = string[];
type Table = (headers: string[], rows: Row[]) => string;

const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const spread = (s: Summary, digits = 0) => `${fixed(s.median, digits)} (${fixed(s.min, digits)}-${fixed(s.max, digits)})`;
const pct = (share: number) => `${fixed(share * 100, 0)}%`;
const isError = <T extends object>(o: Outcome<T>): o is { error: string } => 'error' in o;

export function voiceHeading(voice: Outcome<VoiceResult>): string {
  const what = '5. Voice: a hands-free turn through the app (fake microphone) vs the libraries called directly, same page';
  if (isError(voice)) return what;
  return (
    `${what}\n   ("${voice.utterance}" ${fixed(voice.utteranceMs, 0)} ms; ${voice.models.whisper}, ${voice.models.llm} ` +
    `(${voice.answer.maxTokens} tokens max, temperature ${voice.answer.temperature}), ${voice.models.kokoro} or the built-in voice; ` +
    `ONNX Runtime ${voice.onnxThreads} thread(s), llama.cpp ${voice.llmThreads ?? '?'}; ${voice.runs} turns each, alternating)`
  );
}

function engineRows(e: VoiceEngineResult): Row[] {
  const row = (name: string, p: PathSummary): Row => [
    name,
    spread(p.sttRtf, 3),
    spread(p.ttsRtf, 3),
    spread(p.totalMs),
    `${fixed(p.stagesMs.stt.median, 0)} / ${fixed(p.stagesMs.llm.median, 0)} / ${fixed(p.stagesMs.tts.median, 0)}`,
    `${pct(p.shares.stt)} / ${pct(p.shares.llm)} / ${pct(p.shares.tts)}`,
  ];
  const direct = row(`${e.label}: libraries directly`, e.direct);
  if (!e.app || !e.ratio || !e.addedMs) return [direct, [`${e.label}: app`, 'not measured', '', '', '', '']];
  const signed = (ms: number) => `${ms >= 0 ? '+' : ''}${fixed(ms, 0)}`;
  return [
    direct,
    row(`${e.label}: app`, e.app),
    [
      `${e.label}: app/direct`,
      fixed(e.ratio.sttRtf, 2),
      fixed(e.ratio.ttsRtf, 2),
      fixed(e.ratio.totalMs, 2),
      `${signed(e.addedMs.stt)} / ${signed(e.addedMs.llm)} / ${signed(e.addedMs.tts)}`,
      '',
    ],
  ];
}

export function voiceTable(voice: Outcome<VoiceResult>, table: Table): string {
  if (isError(voice)) return `not measured: ${voice.error}`;
  const transcripts = [
    ...new Set(voice.engines.flatMap((e) => e.samples.flatMap((s) => [s.app?.transcript, s.direct.transcript]))),
  ].filter((t) => t !== undefined);
  const appErrors = voice.engines.filter((e) => e.appError).map((e) => `App side not measured (${e.label}): ${e.appError}`);
  return (
    table(
      ['Path', 'STT RTF', 'TTS RTF', 'end of speech -> audio ms', 'stages ms (STT / LLM / TTS)', 'shares'],
      voice.engines.flatMap(engineRows),
    ) +
    '\n' +
    [
      'RTF = work time / audio time (lower is faster). Ratios app/direct of the medians: 1 = the app costs nothing, above 1 = slower.',
      "Stages. App (its voice bar's timing line): STT = end of speech (as its VAD decides) to the transcript on the page; LLM = to the " +
        "first answer text; TTS = to the first audio playing. Direct: Whisper on the utterance (padded with silence to the app's segment " +
        "length); wllama, asked the app's transcript as the app asks a base model, until the first text; then until the first " +
        'sentence is complete plus its synthesis, to the first sample ready ' +
        `(medians ${voice.engines.map((e) => `${e.engine}: ${fixed(e.direct.sentenceMs.median, 0)} + ${fixed(e.direct.synthMs.median, 0)} ms`).join(', ')}).`,
      "TTS RTF: the app's worker synthesis over audio for the whole answer; direct: every sentence of that same answer, one by one.",
      'Random weights (Whisper, Kokoro): the words and sounds mean nothing, so these numbers say nothing about quality; the work is ' +
        "real (a 30 s Whisper window, decoder steps, one Kokoro syllable per token), so the ratios do measure the app's plumbing.",
      `Transcripts heard: ${transcripts.map((t) => `"${t}"`).join(', ')}. Direct loads (not timed in the ratios): ${fixed(voice.directLoadMs, 0)} ms.`,
      ...appErrors,
      sttSameAudioLine(voice),
    ].join('\n')
  );
}

function sttSameAudioLine({ sttSameAudio: s }: VoiceResult): string {
  const what = "Whisper alone, same audio (the Whisper card's check, timed in the speech worker, vs the pipeline on the page)";
  if (!s) return `${what}: not measured.`;
  if ('error' in s) return `${what}: not measured (${s.error}).`;
  return (
    `${what}, ${fixed(s.audioMs, 0)} ms of built-in speech, ${s.samples.length} pairs: app ${spread(s.app)} ms, direct ` +
    `${spread(s.direct)} ms, app/direct ${fixed(s.ratio, 2)} (app adds ${fixed(s.addedMs, 0)} ms); ` +
    (s.sameTranscripts ? 'the same words heard on both sides.' : 'the words heard differ: the audio was not the same!')
  );
}

export function werTable(wer: Outcome<WerResult>, table: Table): string {
  if (isError(wer)) return `not measured: ${wer.error}`;
  const passed = wer.passedOver.length ? `\nPassed over: ${wer.passedOver.join('; ')}` : '';
  if (wer.skipped) return `${wer.skipped}${passed}`;
  return (
    wer.models
      .map(
        (m) =>
          `${m.repo} (${m.dtype}${m.multilingual ? ', language en' : ''}): WER ${fixed(m.wer * 100, 1)}%, ` +
          `RTF ${fixed(m.rtf, 3)}\n` +
          table(
            ['Clip', 'WER', 'Words', 'Heard'],
            m.clips.map((c) => [c.file, `${fixed(c.wer * 100, 1)}%`, String(c.errors.referenceWords), c.hypothesis]),
          ),
      )
      .join('\n\n') +
    `\nWER: word-level edit distance over the reference words, pooled over clips; case and punctuation ignored, numbers not ` +
    `spelled out. Path: ${wer.path}.${passed}`
  );
}
