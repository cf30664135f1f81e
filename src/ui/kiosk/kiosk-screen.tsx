// The kiosk's ambient screen, read from across a kitchen: a large clock and date, what the assistant
// is doing, the last answer in large type, running timers and the home's devices. There is no
// navigation; the one way out is "Leave kiosk mode", which asks for the PIN.
import { signal } from '@preact/signals';
import { useEffect, useId, useState } from 'preact/hooks';
import type { ConversationMessage } from '../../core/chat-types';
import { locale } from '../i18n';
import { Modal } from '../modal';
import { useNow } from '../hooks/use-now';
import { current, initChat, newConversation, phase } from '../state/chat';
import { tidyUp } from '../../core/kiosk/ambient-tidy';
import { dismissFired, firedTimers } from '../tools/timer-service';
import { homeEntities } from '../state/home-devices';
import { leaveKiosk, listenRetrying, screenWake, startKioskSession } from '../state/kiosk';
import { settings } from '../state/settings';
import { startVault, vaultState } from '../state/vault';
import { turn, voiceProblem, voiceStarting } from '../state/voice';
import { LazyTimers, LazyToolCard, resumeTimers } from '../views/talk/tool-card-door';
import { UnlockForm } from '../views/talk/unlock-form';
import { Composer } from '../views/talk/composer';
import { loadVoice } from '../views/talk/voice-door';
import type { ComponentChildren } from 'preact';
import { voiceProblemText, voiceStateText } from '../views/talk/voice-bar/voice-words';
import { EntityRow } from '../views/devices/entity-row';
import { pinRefusal, tk, type KioskKey } from './kiosk-strings';
import '../views/devices/devices.css';
import './kiosk.css';

/** The conversations are open: listening may start (what is heard is sent to one of them). */
const chatOpen = signal(false);
/** Answers of conversations this screen has already ended (core/kiosk/ambient-tidy.ts): with the open
 *  one's, the session's count, which the soak bench reads. */
const answeredBefore = signal(0);
const answersIn = (messages: readonly ConversationMessage[]): number => messages.filter((m) => m.role === 'assistant').length;
const MAX_TILES = 12;

/** `backLine`: the shell's line about the return from the background, handed in by the door (a lazy
 *  chunk importing it from the main bundle made the bundler split Preact out of the entry). */
export function KioskScreen({ backLine }: { backLine: ComponentChildren }) {
  const vault = vaultState.value;
  useEffect(() => {
    void startVault();
    void loadVoice().catch(() => undefined);
    let stop: (() => void) | null = null;
    let gone = false;
    void startKioskSession(() => vaultState.value.state === 'ready' && chatOpen.value).then((s) => (gone ? s() : (stop = s)));
    return () => {
      gone = true;
      stop?.();
    };
  }, []);
  useEffect(() => {
    if (vault.state !== 'ready') return;
    void initChat().then(() => {
      chatOpen.value = true;
      resumeTimers();
    });
  }, [vault.state]);

  // Nobody tidies a kiosk: old conversations end and rung timers leave the screen by themselves.
  useEffect(() => {
    const id = setInterval(() => {
      const messages = current.peek()?.messages ?? [];
      const todo = tidyUp({
        now: Date.now(),
        idle: phase.peek() === 'idle' && turn.peek().state !== 'speaking',
        lastMessageAt: messages.at(-1)?.createdAt ?? null,
        answersInConversation: answersIn(messages),
        fired: firedTimers.peek(),
      });
      if (todo.newConversation) {
        answeredBefore.value += answersIn(messages);
        newConversation();
      }
      for (const timer of todo.dismiss) dismissFired(timer);
    }, 5_000);
    return () => clearInterval(id);
  }, []);

  const wake = screenWake.value;
  return (
    <div
      class="kiosk"
      data-wake-lock={wake?.state ?? 'off'}
      data-wake-granted={wake?.granted ?? 0}
      // Fullscreen is granted only in a gesture: the first touch after a reload takes it back.
      onPointerDown={() => {
        if (!document.fullscreenElement) void document.documentElement.requestFullscreen?.().catch(() => undefined);
      }}
    >
      <main id="main" class="kiosk-main">
        <h1 class="visually-hidden">{tk('kiosk.title')}</h1>
        {backLine}
        <Clock />
        <VoiceLine />
        {vault.state === 'locked' ? <UnlockForm /> : <LastAnswer />}
        {/* A noisy kitchen, or a question better not said aloud: typing works here too. */}
        <div class="kiosk-composer">
          <Composer disabled={vault.state !== 'ready'} />
        </div>
        <div class="kiosk-timers">
          <LazyTimers />
        </div>
        <DeviceTiles />
        <footer class="kiosk-footer">
          <ScreenLine />
          <LeaveButton />
        </footer>
      </main>
    </div>
  );
}

function Clock() {
  const now = useNow(true);
  const date = new Date(now);
  const lang = locale.value;
  const time = date.toLocaleTimeString(lang, { hour: 'numeric', minute: '2-digit' });
  const day = date.toLocaleDateString(lang, { weekday: 'long', month: 'long', day: 'numeric' });
  // datetime to the minute: what the screen shows, so a test can wait for it to change.
  const minute = new Date(Math.floor(now / 60_000) * 60_000).toISOString();
  return (
    <p class="kiosk-clock">
      <time dateTime={minute}>{time}</time>
      <span class="kiosk-date">{day}</span>
    </p>
  );
}

function VoiceLine() {
  const problem = voiceProblem.value;
  return (
    <div class="kiosk-voice" data-voice-state={turn.value.state} data-mic-on={turn.value.micOn}>
      <p class={`kiosk-voice-state state-${turn.value.state}`} role="status">
        {voiceStateText(turn.value, voiceStarting.value)}
      </p>
      {problem && (
        <p class="error" role="alert">
          {voiceProblemText(problem)}
        </p>
      )}
      {listenRetrying.value && <p class="hint">{tk('kiosk.listen.retrying')}</p>}
    </div>
  );
}

const lastAnswerOf = (messages: readonly ConversationMessage[]): ConversationMessage | undefined =>
  messages.findLast((m) => m.role === 'assistant' && (m.content.trim() !== '' || m.tool));

function LastAnswer() {
  const id = useId();
  const messages = current.value?.messages ?? [];
  const last = lastAnswerOf(messages);
  // A tool call waiting for Yes/No or a device pick shows its card, so a tap can answer it too.
  const waiting = last?.tool && (last.tool.status === 'needs-confirmation' || last.tool.status === 'choose-device');
  return (
    <section
      class="kiosk-answer"
      aria-labelledby={`${id}-title`}
      // How many answers this screen has shown: the soak bench counts turns by it.
      data-answers={answeredBefore.value + answersIn(messages)}
    >
      <h2 id={`${id}-title`} class="visually-hidden">
        {tk('kiosk.lastAnswer')}
      </h2>
      {waiting ? (
        <LazyToolCard message={last} />
      ) : (
        <p class="kiosk-answer-text" aria-live="polite">
          {last?.content || tk('kiosk.noAnswer')}
        </p>
      )}
    </section>
  );
}

function DeviceTiles() {
  const id = useId();
  const entities = homeEntities.value;
  if (entities.length === 0) return null;
  return (
    <section class="kiosk-devices" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{tk('kiosk.devices')}</h2>
      <ul class="kiosk-tiles">
        {entities.slice(0, MAX_TILES).map((e) => (
          <li key={e.id} class="kiosk-tile">
            <EntityRow entity={e} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function ScreenLine() {
  const wake = screenWake.value;
  if (!wake) return null;
  const key = `kiosk.screen.${wake.state}` as KioskKey;
  return <p class={wake.state === 'refused' ? 'error' : 'hint'}>{tk(key, { detail: wake.detail ?? '' })}</p>;
}

function LeaveButton() {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" class="small kiosk-leave" onClick={() => setAsking(true)}>
        {tk('kiosk.leave')}
      </button>
      {asking && <LeaveDialog onStay={() => setAsking(false)} />}
    </>
  );
}

function LeaveDialog({ onStay }: { onStay: () => void }) {
  const id = useId();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const hasPin = settings.value.kioskPin !== null;
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setRefusal(null);
    try {
      const result = await leaveKiosk(pin);
      if (result.ok) return;
      setPin('');
      setRefusal(pinRefusal(result.waitMs));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-help`} onDismiss={onStay}>
      <form onSubmit={(e) => void submit(e)}>
        <h2 id={`${id}-title`}>{tk('kiosk.leave.title')}</h2>
        <p id={`${id}-help`}>{hasPin ? tk('kiosk.leave.help') : tk('kiosk.leave.noPin')}</p>
        {hasPin && (
          <>
            <label for={`${id}-pin`}>{tk('kiosk.pin.label')}</label>
            <input
              id={`${id}-pin`}
              type="password"
              inputMode="numeric"
              autoComplete="off"
              autoFocus
              value={pin}
              aria-invalid={refusal !== null}
              aria-describedby={`${id}-refusal`}
              onInput={(e) => setPin(e.currentTarget.value)}
            />
          </>
        )}
        <p id={`${id}-refusal`} class="error" role="alert">
          {busy ? tk('kiosk.pin.checking') : (refusal ?? '')}
        </p>
        <div class="row dialog-actions">
          <button type="button" onClick={onStay}>
            {tk('kiosk.pin.cancel')}
          </button>
          <button type="submit" class="primary" disabled={busy || (hasPin && !pin)}>
            {tk('kiosk.pin.submit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
