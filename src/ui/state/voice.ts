// The voice loop on the page: microphone → speech worker (VAD, wake word, Whisper) → the chat →
// the answer read aloud sentence by sentence. Who has the floor is decided by the pure reducer in
// core/turn-taking; this module only wires devices and workers to it and carries out its effects.
// What the view reads is in the signals below; what only the loop needs (the open microphone, the
// answer being spoken) lives in the one VoiceLoop, so the module keeps no loose mutable state.
import { effect, signal } from '@preact/signals';
import { MicDeniedError } from '../../core/errors';
import { BUILTIN_VOICE } from '../../core/voice-choice';
import { initialTurn, turnStep, type Step, type Turn, type TurnEffect, type TurnEvent } from '../../core/turn-taking';
import { clockStep, initialVoiceClock, type ClockEvent, type VoiceClock } from '../../core/turn-timings';
import type { ListenOptions, SpeechEvent } from '../../core/speech-events';
import type { VoiceAfterResume } from '../../core/resume-report';
import { speechClient } from '../../clients/speech-client';
import { ttsClient } from '../../clients/tts-client';
import { catalogById } from '../../catalog/catalog';
import type { ModelEntry } from '../../catalog/types';
import type { Settings } from '../../store/settings';
import { startMic, type MicCapture } from '../../platform/audio/mic-capture';
import { Speaker } from '../../platform/audio/speaker';
import { SpokenAnswer } from '../../platform/audio/spoken-answer';
import { initModels } from './models';
import { sttLanguage, voiceDevice, voicePicks } from './voice-picks';
import { send, stop as stopAnswer } from './chat';
import { pendingReply, REPLY_WINDOW_MS, voiceHooks } from '../tools/pending-reply';
import { settings } from './settings';

export const turn = signal<Turn>(initialTurn);
/** Microphone level, 0..1 (RMS), while it is open. */
export const micLevel = signal(0);
/** What went wrong with voice, as a message key the view explains; typing keeps working. */
export type VoiceProblem =
  'mic-denied' | 'no-mic' | 'no-vad' | 'no-stt' | 'no-wake' | 'load-failed' | 'speak-failed' | 'listen-failed';
export const voiceProblem = signal<{ problem: VoiceProblem; detail?: string } | null>(null);
/** Microphone and models are being prepared. */
export const voiceStarting = signal(false);

/** The last question sent by voice, speech heard but not sent, and the turn's timings (shown under
 *  the voice bar, read by the bench from its data attributes). */
export const clock = signal<VoiceClock>(initialVoiceClock);
const tick = (event: ClockEvent): void => {
  clock.value = clockStep(clock.value, event);
};

const byId = (id: string | null): ModelEntry | undefined => (id ? catalogById(id) : undefined);

function listenOptions(): ListenOptions {
  const s = settings.value;
  return { mode: s.listenMode, language: sttLanguage.value, transcribe: true };
}

function fail(problem: VoiceProblem, cause?: unknown): void {
  voiceProblem.value = {
    problem,
    detail: cause instanceof Error ? cause.message : cause === undefined ? undefined : String(cause),
  };
}

/** The page's one voice loop: the devices and the answer in flight that the signals above describe. */
class VoiceLoop {
  #capture: MicCapture | null = null;
  #speaker: Speaker | null = null;
  /** The answer being read aloud, and the turn whose figures its audio counts for. */
  #spoken: SpokenAnswer | null = null;
  #spokenTurn = 0;
  /** The answer in flight; a new question waits for an interrupted one to settle. */
  #answering: Promise<void> = Promise.resolve();
  /** The button (or Space) is down; a release while the microphone is still opening cancels the press. */
  #pressing = false;
  /** The voice settings last seen, so other settings writes change nothing here. */
  #lastOptions = '';
  /** The last close of the microphone, so a reopen waits for the worker to stop listening. */
  #closing: Promise<void> = Promise.resolve();

  /** Counts down while a question asked aloud waits for its answer (see #awaitReply). */
  #replyWindow: ReturnType<typeof setTimeout> | undefined;

  dispatch(event: TurnEvent): void {
    this.#apply(turnStep(turn.value, event));
  }

  /** A question about a tool call was asked aloud: the next utterance answers it. If no speech starts
   *  within the window, or the turn ends with no words, nothing runs (cancelled, never a yes). */
  #awaitReply(): void {
    clearTimeout(this.#replyWindow);
    if (!pendingReply.value?.aloud) return;
    this.#replyWindow = setTimeout(() => this.#noReply(), REPLY_WINDOW_MS);
  }

  #noReply(): void {
    clearTimeout(this.#replyWindow);
    if (pendingReply.value?.aloud) void import('./chat-tools').then((m) => m.cancelToolQuestion());
  }

  /** Says a sentence outside a spoken turn (a question about a typed command while the microphone
   *  is open), then waits for the spoken reply if it asked something. */
  async sayAloud(text: string): Promise<void> {
    const answer = await this.#startSpeaking(clock.value.turnId);
    this.dispatch({ type: 'answer-started', spoken: true });
    answer.update(text);
    answer.finish();
    this.dispatch({ type: 'answer-finished' });
    await answer.done.catch(() => undefined);
    if (this.#spoken === answer) {
      this.#spoken = null;
      this.dispatch({ type: 'audio-finished' });
    }
    this.#awaitReply();
  }

  #apply(step: Step): void {
    turn.value = step.turn;
    for (const asked of step.effects) this.#run(asked);
  }

  #run(effect: TurnEffect): void {
    switch (effect.type) {
      case 'send':
        void this.#speakAnswerTo(effect.text);
        break;
      case 'interrupt':
        this.#interrupt();
        break;
      case 'close-mic':
        this.#closing = this.#closeMic().catch(() => undefined);
        break;
    }
  }

  /** Opens the microphone and loads what listening needs. */
  async micOn(): Promise<void> {
    if (turn.value.micOn || voiceStarting.value) return;
    voiceProblem.value = null;
    voiceStarting.value = true;
    let opened: MicCapture | null = null;
    try {
      await initModels();
      const picks = voicePicks.value;
      const vad = byId(picks.vad);
      const stt = byId(picks.stt);
      if (!vad) return fail('no-vad');
      if (!stt) return fail('no-stt');
      const wake = settings.value.listenMode === 'wake' ? byId(picks.wake) : undefined;
      if (settings.value.listenMode === 'wake' && !wake) return fail('no-wake');
      // The microphone before the models: a refusal is said at once, not after seconds of loading.
      try {
        opened = await startMic();
      } catch (e) {
        return fail(e instanceof MicDeniedError ? 'mic-denied' : 'no-mic', e);
      }
      try {
        await speechClient.loadVad(vad);
        await speechClient.loadStt(stt, voiceDevice.value);
        await speechClient.loadWake(wake ?? null);
      } catch (e) {
        return fail('load-failed', e);
      }
      try {
        await speechClient.listen(opened.port, listenOptions(), this.#onSpeechEvent);
        opened.begin();
      } catch (e) {
        return fail('listen-failed', e);
      }
      this.#capture = opened;
      const capture = opened;
      capture.onLost(() => this.#micLost(capture));
      opened = null;
      const s = settings.value;
      this.dispatch({ type: 'mic-on', mode: s.listenMode, bargeIn: s.bargeIn });
    } finally {
      await opened?.stop().catch(() => undefined); // not listening after all: let the microphone go
      voiceStarting.value = false;
    }
  }

  /** The microphone went away while listening: say so and close; whoever wants listening back (the
   *  person, or the kiosk's keeper) opens it again. */
  #micLost(capture: MicCapture): void {
    if (this.#capture !== capture) return;
    fail('no-mic', 'the microphone was disconnected');
    this.micOff();
  }

  micOff(): void {
    this.#noReply();
    if (turn.value.micOn) this.dispatch({ type: 'mic-off' });
  }

  async #closeMic(): Promise<void> {
    const open = this.#capture;
    this.#capture = null;
    micLevel.value = 0;
    await speechClient.stopListening().catch(() => undefined);
    await open?.stop();
  }

  /** Push-to-talk: the button (or Space) went down or up. Opens the microphone on first use. */
  async press(): Promise<void> {
    this.#pressing = true;
    if (!turn.value.micOn) await this.micOn();
    if (!this.#pressing || !turn.value.micOn || turn.value.mode !== 'push') return;
    this.dispatch({ type: 'press' });
    await speechClient.pushToTalk(true);
  }

  async release(): Promise<void> {
    this.#pressing = false;
    if (!turn.value.held) return;
    this.dispatch({ type: 'release' });
    await speechClient.pushToTalk(false);
  }

  /** The page is back after the phone suspended it: a press cut by it is released, a microphone
   *  the system closed is opened again (hands-free and wake word) or left for the next press. */
  async recover(): Promise<{ voice: VoiceAfterResume; releasedHold: boolean }> {
    const releasedHold = this.#pressing || turn.value.held;
    if (releasedHold) await this.release();
    if (!turn.value.micOn) return { voice: 'off', releasedHold };
    if (await this.#capture?.wake()) return { voice: 'listening', releasedHold };
    const mode = turn.value.mode;
    this.micOff(); // the reducer closes what is left of the capture
    if (mode === 'push') return { voice: 'closed', releasedHold };
    await this.#closing;
    await this.micOn();
    return { voice: turn.value.micOn ? 'reopened' : 'failed', releasedHold };
  }

  /** Settings can change anywhere (the Voice card, another tab's write): follow them while listening. */
  followSettings(s: Settings): void {
    const options = JSON.stringify([s.listenMode, s.sttLanguage, s.bargeIn, s.wakeModel, s.sttModel, s.speechDevice]);
    if (options === this.#lastOptions) return;
    this.#lastOptions = options;
    if (turn.peek().micOn) void this.#applyVoiceSettings().catch((e: unknown) => fail('load-failed', e));
  }

  /** The settings changed while listening: the worker and the reducer follow. */
  async #applyVoiceSettings(): Promise<void> {
    const s = settings.value;
    const stt = byId(voicePicks.value.stt);
    if (stt) await speechClient.loadStt(stt, voiceDevice.value);
    if (s.listenMode === 'wake') {
      const wake = byId(voicePicks.value.wake);
      if (!wake) return fail('no-wake');
      await speechClient.loadWake(wake);
    }
    await speechClient.configure(listenOptions());
    this.dispatch({ type: 'options', mode: s.listenMode, bargeIn: s.bargeIn });
  }

  // An arrow: the speech client calls it detached (through the worker).
  #onSpeechEvent = (e: SpeechEvent): void => {
    switch (e.type) {
      case 'level':
        micLevel.value = Math.min(1, e.rms * 4);
        return;
      case 'speech-start': {
        clearTimeout(this.#replyWindow); // the reply has begun: its transcript decides
        const step = turnStep(turn.value, { type: 'speech-start' });
        if (step.effects.some((x) => x.type === 'interrupt')) tick({ type: 'interrupt-heard', at: performance.now() });
        this.#apply(step);
        return;
      }
      case 'speech-end':
        tick({ type: 'speech-end', at: performance.now() });
        this.dispatch({ type: 'speech-end', id: e.id });
        return;
      case 'misfire':
        this.dispatch({ type: 'misfire' });
        this.#noReply(); // a turn with no speech in it answers a question asked aloud with silence
        return;
      case 'wake':
        this.dispatch({ type: 'wake' });
        return;
      case 'transcribing':
        tick({ type: 'transcribing' });
        this.dispatch({ type: 'transcribing', id: e.id });
        return;
      case 'transcript': {
        // Only a question that is sent starts a turn; the clock learns which before the answer starts.
        const step = turnStep(turn.value, { type: 'transcript', id: e.id, text: e.text });
        const sent = step.effects.some((x) => x.type === 'send');
        if (!sent && !e.text.trim() && turn.value.toAnswer.includes(e.id)) this.#noReply();
        tick({ type: 'transcript', at: performance.now(), text: e.text, audioMs: e.audioMs, workMs: e.elapsedMs, sent });
        this.#apply(step);
        return;
      }
      case 'error':
        voiceProblem.value = { problem: 'listen-failed', detail: e.message };
        this.dispatch({ type: 'failed' });
        return;
    }
  };

  #interrupt(): void {
    this.#spoken?.cancel(); // silent at once
    this.#spoken = null;
    stopAnswer();
    // Done when the model has really stopped: the interrupted answer's send() has returned.
    const heardAt = clock.value.turn.interruptHeardAt;
    if (heardAt === undefined) return;
    void this.#answering.then(() => tick({ type: 'interrupt-done', at: performance.now(), heardAt }));
  }

  /** Sends what was heard and reads the answer aloud while it is still being written. */
  async #speakAnswerTo(text: string): Promise<void> {
    const previous = this.#answering;
    let settle!: () => void;
    this.#answering = new Promise<void>((resolve) => (settle = resolve));
    try {
      const turnId = clock.value.turnId; // this answer's figures belong to the question just sent
      await previous; // an interrupted answer must settle before the chat takes a new question
      const s = settings.value;
      const answer = s.speakAnswers ? await this.#startSpeaking(turnId) : null;
      this.dispatch({ type: 'answer-started', spoken: answer !== null });
      await send(text, {
        onText: (soFar) => {
          tick({ type: 'first-text', at: performance.now(), turnId });
          answer?.update(soFar);
        },
      });
      this.dispatch({ type: 'answer-finished' });
      if (answer) {
        answer.finish();
        await answer.done.catch((e: unknown) => {
          if (this.#spoken === answer) voiceProblem.value = { problem: 'speak-failed', detail: String(e) };
        });
      }
      if (this.#spoken === answer || !answer) this.dispatch({ type: 'audio-finished' });
      if (this.#spoken === answer) this.#spoken = null;
      this.#awaitReply();
    } catch (e) {
      voiceProblem.value = { problem: 'speak-failed', detail: e instanceof Error ? e.message : String(e) };
      this.dispatch({ type: 'failed' });
    } finally {
      settle();
    }
  }

  #theSpeaker(): Speaker {
    if (this.#speaker) return this.#speaker;
    const created = new Speaker();
    created.onEvent((e) => {
      if (e.type !== 'first-audio' || !this.#spoken) return;
      tick({ type: 'first-audio', at: e.at, turnId: this.#spokenTurn });
      this.dispatch({ type: 'audio-started' });
    });
    return (this.#speaker = created);
  }

  async #startSpeaking(turnId: number): Promise<SpokenAnswer> {
    const speaker = this.#theSpeaker();
    const s = settings.value;
    let engine = voicePicks.value.tts;
    const model = byId(engine);
    if (model) {
      try {
        await ttsClient.loadKokoro(model, voiceDevice.value);
      } catch (e) {
        // The answer is still read aloud, by the voice that needs no download.
        voiceProblem.value = { problem: 'speak-failed', detail: e instanceof Error ? e.message : String(e) };
        engine = BUILTIN_VOICE;
      }
    }
    const answer = new SpokenAnswer({
      speak: async (sentence: string) => {
        const audio = await ttsClient.speak({ text: sentence, engine, voice: s.ttsVoice, speed: s.ttsSpeed });
        tick({ type: 'synthesized', workMs: audio.elapsedMs, audioMs: (audio.samples.length / audio.sampleRate) * 1000, turnId });
        return audio;
      },
      speaker,
      locale: navigator.language,
    });
    this.#spoken = answer;
    this.#spokenTurn = turnId;
    return answer;
  }

  /** The Stop button: silences the voice and stops the answer, whoever asked it. */
  stopAll(): void {
    this.#noReply();
    this.dispatch({ type: 'stop' });
    this.#spoken?.cancel();
    this.#spoken = null;
    stopAnswer();
  }
}

const loop = new VoiceLoop();
effect(() => loop.followSettings(settings.value));

export const dispatch = (event: TurnEvent): void => loop.dispatch(event);
export const micOn = (): Promise<void> => loop.micOn();
export const micOff = (): void => loop.micOff();
export const press = (): Promise<void> => loop.press();
export const release = (): Promise<void> => loop.release();
export const stopAll = (): void => loop.stopAll();

voiceHooks.value = { listening: () => turn.peek().micOn, say: (text) => loop.sayAloud(text) };
export const recover = (): ReturnType<VoiceLoop['recover']> => loop.recover();
