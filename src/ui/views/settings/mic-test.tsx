// "Test microphone": what a person runs when the assistant does not hear them. It opens the
// microphone through the same path as listening (worklet -> speech worker), shows the level, the
// stretches of speech the VAD found and, when a Whisper model is stored, what it understood.
import { useEffect, useRef, useState } from 'preact/hooks';
import { meterPosition } from '../../../core/audio-level';
import { MicDeniedError, NoMicError } from '../../../core/errors';
import type { SpeechEvent } from '../../../core/speech-events';
import { speechClient } from '../../../clients/speech-client';
import { catalogById } from '../../../catalog/catalog';
import { startMic, type MicCapture } from '../../../platform/audio/mic-capture';
import { t } from '../../i18n';
import { initModels } from '../../state/models';
import { micOff } from '../../state/voice';
import { sttLanguage, voiceDevice, voicePicks } from '../../state/voice-picks';

interface Segment {
  id: number;
  startMs: number;
  endMs: number;
  text?: string;
  transcribing?: boolean;
  /** For the tests (data attributes): the VAD's speech-start on the audio clock, when the page heard
   *  of it, when Whisper took the segment and gave it back (page clock, ms), and the largest frame
   *  lag the VAD worker reported meanwhile. */
  speechMs?: number;
  heardAt?: number;
  transcribingAt?: number;
  transcriptAt?: number;
  lagWhileTranscribingMs?: number;
}

type Phase = 'idle' | 'starting' | 'running';

const seconds = (ms: number) => (ms / 1000).toFixed(1);

function problemText(e: unknown): string {
  if (e instanceof MicDeniedError) return t('voice.mic.denied');
  if (e instanceof NoMicError) return t('voice.mic.noMic', { detail: (e.cause as Error | undefined)?.name ?? e.message });
  return t('voice.mic.failed', { detail: e instanceof Error ? e.message : String(e) });
}

export function MicTest() {
  const [phase, setPhase] = useState<Phase>('idle');
  const [level, setLevel] = useState(0);
  /** The VAD worker's latest frame lag (ms), for the tests: a backlog from before listening shows here. */
  const [frameLag, setFrameLag] = useState<number | undefined>(undefined);
  const [segments, setSegments] = useState<Segment[]>([]);
  const [notes, setNotes] = useState<string[]>([]);
  const [problem, setProblem] = useState('');
  const [processing, setProcessing] = useState<MicCapture['processing'] | null>(null);
  const mic = useRef<MicCapture | null>(null);
  const speechStart = useRef<{ speechMs: number; heardAt: number } | null>(null);

  const stop = async () => {
    const capture = mic.current;
    mic.current = null;
    setPhase('idle');
    setLevel(0);
    await capture?.stop();
    await speechClient.stopListening();
  };
  useEffect(() => () => void stop(), []);

  const onEvent = (e: SpeechEvent) => {
    const patch = (id: number, change: Partial<Segment>) =>
      setSegments((list) => list.map((s) => (s.id === id ? { ...s, ...change } : s)));
    const now = performance.now();
    if (e.type === 'level') setLevel(meterPosition(e.rms));
    else if (e.type === 'lag') {
      setFrameLag(e.maxMs);
      setSegments((list) =>
        list.map((s) =>
          s.transcribing ? { ...s, lagWhileTranscribingMs: Math.max(s.lagWhileTranscribingMs ?? 0, e.maxMs) } : s,
        ),
      );
    } else if (e.type === 'speech-start') speechStart.current = { speechMs: e.atMs, heardAt: now };
    else if (e.type === 'speech-end')
      setSegments((list) => [...list, { id: e.id, startMs: e.startMs, endMs: e.endMs, ...speechStart.current }]);
    else if (e.type === 'transcribing') patch(e.id, { transcribing: true, transcribingAt: now, lagWhileTranscribingMs: 0 });
    else if (e.type === 'transcript') patch(e.id, { transcribing: false, text: e.text, transcriptAt: now });
    else if (e.type === 'error') setProblem(t('voice.mic.problem', { detail: e.message }));
  };

  const start = async () => {
    setPhase('starting');
    setProblem('');
    setSegments([]);
    try {
      await initModels();
      const picks = voicePicks.value;
      const model = (id: string | null) => (id ? catalogById(id) : undefined);
      const vad = model(picks.vad);
      const stt = model(picks.stt);
      setNotes([...(vad ? [] : [t('voice.mic.noVad')]), ...(vad && !stt ? [t('voice.mic.noStt')] : [])]);
      // The microphone first: a refusal should be said at once, not after loading models.
      micOff(); // one listener at a time: Talk's hands-free listening stops while this test runs
      const capture = await startMic();
      mic.current = capture;
      setProcessing(capture.processing);
      if (vad) await speechClient.loadVad(vad);
      if (vad && stt) await speechClient.loadStt(stt, voiceDevice.value);
      if (mic.current !== capture) return; // stopped while loading
      // Without a VAD only the level can be shown: 'push' mode (never pressed) listens without one.
      const mode = vad ? 'hands-free' : 'push';
      await speechClient.listen(capture.port, { mode, language: sttLanguage.value, transcribe: !!stt }, onEvent);
      capture.begin();
      setPhase('running');
    } catch (e) {
      setProblem(problemText(e));
      await stop();
    }
  };

  return (
    <div class="mic-test" role="group" aria-labelledby="mic-test-title" data-frame-lag-ms={frameLag}>
      <h3 id="mic-test-title">{t('voice.mic.title')}</h3>
      <p class="hint">{t('voice.mic.help')}</p>
      <div class="row">
        {phase === 'idle' ? (
          <button type="button" onClick={() => void start()}>
            {t('voice.mic.start')}
          </button>
        ) : (
          <button type="button" onClick={() => void stop()}>
            {t('voice.mic.stop')}
          </button>
        )}
        <span role="status">
          {phase === 'starting' ? t('voice.mic.starting') : phase === 'running' ? t('voice.mic.running') : ''}
        </span>
      </div>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {notes.map((n) => (
        <p class="hint" key={n}>
          {n}
        </p>
      ))}
      {phase === 'running' && processing && (
        <p class="hint">
          {t('voice.mic.processing', {
            echo: t(processing.echoCancellation ? 'voice.mic.on' : 'voice.mic.off'),
            noise: t(processing.noiseSuppression ? 'voice.mic.on' : 'voice.mic.off'),
          })}
        </p>
      )}
      {phase === 'running' && (
        <>
          <label for="mic-test-level">{t('voice.mic.level')}</label>
          <meter id="mic-test-level" min={0} max={1} low={0.25} high={0.9} optimum={0.6} value={level} />
        </>
      )}
      {(phase === 'running' || segments.length > 0) && <h4 id="mic-test-segments">{t('voice.mic.segments')}</h4>}
      {phase === 'running' && segments.length === 0 && <p class="hint">{t('voice.mic.none')}</p>}
      {segments.length > 0 && (
        <ol class="mic-segments" aria-labelledby="mic-test-segments" aria-live="polite">
          {segments.map((s) => (
            <li
              key={s.id}
              data-start-ms={s.startMs}
              data-end-ms={s.endMs}
              data-speech-ms={s.speechMs}
              data-heard-at={s.heardAt}
              data-transcribing-at={s.transcribingAt}
              data-transcript-at={s.transcriptAt}
              data-lag-while-transcribing-ms={s.lagWhileTranscribingMs}
            >
              {t('voice.mic.segment', { start: seconds(s.startMs), end: seconds(s.endMs) })}
              {s.transcribing && <> — {t('voice.mic.transcribing')}</>}
              {s.text !== undefined && (
                <>
                  {' '}
                  — <span class="transcript">{s.text ? t('voice.mic.heard', { text: s.text }) : t('voice.mic.nothing')}</span>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
