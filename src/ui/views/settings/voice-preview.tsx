// The voice answers are spoken in: engine (the built-in eSpeak voice or a stored TTS model), voice,
// speed, and a sample played through the real tts worker and Speaker, so what a person hears here
// is what they will hear in Talk. The figures of the last sample sit in data-* attributes for the
// browser tests (played length, peak output level).
import { useEffect, useRef, useState } from 'preact/hooks';
import { ttsClient } from '../../../clients/tts-client';
import { ModelNotStoredError } from '../../../core/errors';
import type { ModelEntry } from '../../../catalog/types';
import { BUILTIN_ENGINE, BUILTIN_VOICES, kokoroVoices, type TtsVoice } from '../../../catalog/tts-voices';
import { Speaker } from '../../../platform/audio/speaker';
import { locale, t } from '../../i18n';
import { capabilities, initModels, storedModels } from '../../state/models';
import { settings, updateSettings } from '../../state/settings';

// Said in the voice's own language where we have a line for it.
const SAMPLES: Record<string, string> = {
  en: 'Hello! This is how I will sound when I answer you.',
  zh: '你好！我回答你的时候，听起来就是这样。',
  de: 'Hallo! So klinge ich, wenn ich dir antworte.',
  fr: 'Bonjour ! Voici ma voix quand je te réponds.',
  es: '¡Hola! Así sonaré cuando te responda.',
};
const sampleFor = (language: string): string => SAMPLES[language.split('-')[0]!] ?? SAMPLES.en!;

type PreviewState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'speaking' }
  | { kind: 'done'; run: number; seconds: number; peak: number; synthMs: number; sampleRate: number }
  | { kind: 'error'; run: number; message: string };

function explain(e: unknown): string {
  if (e instanceof Error && e.name === ModelNotStoredError.name) return t('voice.tts.error.notStored');
  if (e instanceof Error && e.name === 'NotAllowedError') return t('voice.tts.error.blocked');
  return t('voice.tts.error.failed', { reason: e instanceof Error ? e.message : String(e) });
}

function voiceLabel(v: TtsVoice): string {
  const language = new Intl.DisplayNames([locale.value], { type: 'language' }).of(v.language) ?? v.language;
  return v.name ? `${v.name} (${language})` : language;
}

const storedTts = storedModels('tts');

export function VoicePreview() {
  const s = settings.value;
  const speaker = useRef<Speaker | null>(null);
  const [state, setState] = useState<PreviewState>({ kind: 'idle' });
  const [text, setText] = useState('');
  const runs = useRef(0);
  useEffect(() => {
    void initModels().catch(() => undefined); // the store's failure is shown in Models
    return () => void speaker.current?.close();
  }, []);

  const models = storedTts.value;
  const model: ModelEntry | undefined = models.find((m) => m.id === s.ttsEngine);
  const engine = model ? model.id : BUILTIN_ENGINE;
  const voices = model ? kokoroVoices(model) : BUILTIN_VOICES;
  const voice = voices.find((v) => v.id === s.ttsVoice) ?? voices[0]!;
  const busy = state.kind === 'loading' || state.kind === 'speaking';

  const chooseEngine = (id: string) => {
    const next = models.find((m) => m.id === id);
    void updateSettings({
      ttsEngine: next ? next.id : BUILTIN_ENGINE,
      ttsVoice: (next ? kokoroVoices(next) : BUILTIN_VOICES)[0]!.id,
    });
  };

  const play = async () => {
    const run = ++runs.current;
    setState({ kind: 'loading' });
    try {
      const out = (speaker.current ??= new Speaker());
      // A click is the gesture browsers want before audio may start.
      await out.context.resume();
      if (model) await ttsClient.loadKokoro(model, capabilities.value?.webgpu ? 'webgpu' : 'wasm');
      const audio = await ttsClient.speak({
        text: text.trim() || sampleFor(voice.language),
        engine,
        voice: voice.id,
        speed: s.ttsSpeed,
      });
      setState({ kind: 'speaking' });
      let peak = 0;
      let polling = true;
      const poll = () => {
        peak = Math.max(peak, out.level());
        if (polling) requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
      const before = out.playedSeconds;
      await out.enqueue(audio);
      polling = false;
      setState({
        kind: 'done',
        run,
        seconds: out.playedSeconds - before,
        peak,
        synthMs: audio.elapsedMs,
        sampleRate: audio.sampleRate,
      });
    } catch (e) {
      setState({ kind: 'error', run, message: explain(e) });
    }
  };

  return (
    <div class="voice-preview" aria-labelledby="tts-title">
      <h3 id="tts-title">{t('voice.tts.title')}</h3>
      <p class="hint">{t('voice.tts.help')}</p>
      <div class="form-grid">
        <label for="tts-engine">{t('voice.tts.engine')}</label>
        <select id="tts-engine" value={engine} onChange={(e) => chooseEngine(e.currentTarget.value)}>
          <option value={BUILTIN_ENGINE}>{t('voice.tts.builtin')}</option>
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
        <label for="tts-voice">{t('voice.tts.voice')}</label>
        <select id="tts-voice" value={voice.id} onChange={(e) => void updateSettings({ ttsVoice: e.currentTarget.value })}>
          {voices.map((v) => (
            <option key={v.id} value={v.id}>
              {voiceLabel(v)}
            </option>
          ))}
        </select>
        <label for="tts-speed">{t('voice.tts.speed')}</label>
        <span class="row">
          <input
            id="tts-speed"
            type="range"
            min="0.5"
            max="2"
            step="0.1"
            value={s.ttsSpeed}
            onChange={(e) => void updateSettings({ ttsSpeed: Number(e.currentTarget.value) })}
          />
          <output for="tts-speed">{t('voice.tts.speedValue', { speed: s.ttsSpeed.toFixed(1) })}</output>
        </span>
        <label for="tts-sample">{t('voice.tts.sampleText')}</label>
        <input
          id="tts-sample"
          type="text"
          value={text}
          placeholder={sampleFor(voice.language)}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </div>
      {engine === BUILTIN_ENGINE && models.length === 0 && <p class="hint">{t('voice.tts.moreVoices')}</p>}
      <div class="row">
        <button type="button" onClick={() => void play()} disabled={busy}>
          {t('voice.tts.play')}
        </button>
        <PreviewStatus state={state} />
      </div>
    </div>
  );
}

function PreviewStatus({ state }: { state: PreviewState }) {
  switch (state.kind) {
    case 'idle':
      return null;
    case 'loading':
      return (
        <span role="status" class="tts-status" data-state="loading">
          {t('voice.tts.loading')}
        </span>
      );
    case 'speaking':
      return (
        <span role="status" class="tts-status" data-state="speaking">
          {t('voice.tts.speaking')}
        </span>
      );
    case 'done':
      return (
        <span
          role="status"
          class="tts-status ok"
          data-state="done"
          data-run={state.run}
          data-played-seconds={state.seconds.toFixed(3)}
          data-peak-level={state.peak.toFixed(4)}
          data-sample-rate={state.sampleRate}
          data-synth-ms={state.synthMs}
        >
          {t('voice.tts.done', { seconds: state.seconds.toFixed(1), ms: state.synthMs })}
        </span>
      );
    case 'error':
      return (
        <p role="alert" class="error tts-status" data-state="error" data-run={state.run}>
          {state.message}
        </p>
      );
  }
}
