// The voice controls above the composer: the microphone (hold to talk, or listen hands-free / for
// the wake word), what the assistant is doing, how loud the microphone hears the room, and what it
// understood. Problems are explained here; typing keeps working whatever happens to the microphone.
import { useEffect } from 'preact/hooks';
import { t } from '../../../i18n';
import { hrefFor } from '../../../state/route';
import { settings } from '../../../state/settings';
import { clock, micLevel, micOff, micOn, press, release, turn, voiceProblem, voiceStarting } from '../../../state/voice';
import { turnFigures } from '../../../../core/turn-timings';
import { needsModels, voiceProblemText, voiceStateText } from './voice-words';

/** Space held anywhere but a text field is push-to-talk, like a walkie-talkie. */
function usePushToTalkKey(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const typing = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(el.tagName));
    };
    const down = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || e.repeat || typing(e)) return;
      e.preventDefault();
      void press();
    };
    const up = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || typing(e)) return;
      e.preventDefault();
      void release();
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, [active]);
}

export function VoiceBar() {
  const s = settings.value;
  const tn = turn.value;
  const push = s.listenMode === 'push';
  usePushToTalkKey(push);
  const problem = voiceProblem.value;

  return (
    <section class="voice-bar" aria-label={t('voice.bar')} data-voice-state={tn.state}>
      <div class="voice-controls">
        {push ? (
          // Never disabled while the microphone opens: a disabled button would swallow the release.
          <button
            type="button"
            class={`mic-button${tn.held ? ' held' : ''}`}
            aria-pressed={tn.held}
            aria-busy={voiceStarting.value}
            // Touch, pen and mouse alike: the capture keeps the release with the button even when
            // the finger slides off it; a cancelled or lost pointer (the system took the touch
            // for a gesture, the page was hidden) releases too. A long press must not select the
            // label or open the context menu or callout (see also .mic-button in the CSS).
            onPointerDown={(e) => {
              if (e.button !== 0) return;
              e.preventDefault();
              e.currentTarget.setPointerCapture(e.pointerId);
              void press();
            }}
            onPointerUp={() => void release()}
            onPointerCancel={() => void release()}
            onLostPointerCapture={() => void release()}
            onContextMenu={(e) => e.preventDefault()}
            onKeyDown={(e) => {
              if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) {
                e.preventDefault();
                void press();
              }
            }}
            onKeyUp={(e) => {
              if (e.key === ' ' || e.key === 'Enter') {
                e.preventDefault();
                void release();
              }
            }}
          >
            <MicIcon />
            {t('voice.hold')}
          </button>
        ) : (
          <button
            type="button"
            class={`mic-button${tn.micOn ? ' held' : ''}`}
            aria-pressed={tn.micOn}
            disabled={voiceStarting.value}
            onClick={() => (tn.micOn ? micOff() : void micOn())}
          >
            <MicIcon />
            {tn.micOn ? t('voice.stopListening') : t(s.listenMode === 'wake' ? 'voice.startWake' : 'voice.startListening')}
          </button>
        )}
        <p class={`voice-state state-${tn.state}`} role="status">
          {voiceStateText(tn, voiceStarting.value)}
        </p>
        {tn.micOn && (
          <meter
            class="mic-level"
            min={0}
            max={1}
            low={0.05}
            high={0.8}
            optimum={0.3}
            value={micLevel.value}
            aria-label={t('voice.level')}
          />
        )}
      </div>
      {clock.value.heard && <p class="voice-heard">{t('voice.heard', { text: clock.value.heard })}</p>}
      {clock.value.ignored && <p class="hint voice-ignored">{t('voice.ignored', { text: clock.value.ignored })}</p>}
      {problem && (
        <p class="error" role="alert">
          {voiceProblemText(problem)}
          {needsModels(problem.problem) && (
            <>
              {' '}
              <a href={hrefFor('models')}>{t('voice.goModels')}</a>
            </>
          )}
        </p>
      )}
      <TurnTimingsLine />
    </section>
  );
}

function MicIcon() {
  return (
    <svg class="mic-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zm-7 9a7 7 0 0 0 14 0M12 19v3"
        fill="none"
        stroke="currentColor"
        stroke-width="1.8"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  );
}

function TurnTimingsLine() {
  const tm = clock.value.turn;
  const f = turnFigures(tm);
  if (f.sttMs === null && f.interruptMs === null) return null;
  // The raw numbers ride along as data attributes for the voice benchmark and the tests.
  return (
    <p
      class="hint voice-timings"
      data-stt-ms={f.sttMs ?? undefined}
      data-llm-ms={f.llmMs ?? undefined}
      data-tts-ms={f.ttsMs ?? undefined}
      data-total-ms={f.totalMs ?? undefined}
      data-interrupt-ms={f.interruptMs ?? undefined}
      data-utterance-ms={tm.utteranceMs ?? undefined}
      data-stt-rtf={f.sttRtf ?? undefined}
      data-tts-rtf={f.ttsRtf ?? undefined}
    >
      {[
        f.sttMs !== null && t('voice.timing.heard', { ms: f.sttMs }),
        f.llmMs !== null && t('voice.timing.firstWords', { ms: f.llmMs }),
        f.ttsMs !== null && t('voice.timing.firstAudio', { ms: f.ttsMs }),
        f.totalMs !== null && t('voice.timing.total', { ms: f.totalMs }),
        f.interruptMs !== null && t('voice.timing.interrupt', { ms: f.interruptMs }),
        f.sttRtf !== null && t('voice.timing.sttRtf', { rtf: f.sttRtf }),
        f.ttsRtf !== null && t('voice.timing.ttsRtf', { rtf: f.ttsRtf }),
      ]
        .filter(Boolean)
        .join(' · ')}
    </p>
  );
}
