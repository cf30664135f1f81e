// Who has the floor in a voice conversation. A pure reducer: the page feeds it what the microphone,
// the speech worker, the language model and the speaker report, and carries out the effects it
// returns. The states are the ones voice satellites show (Home Assistant's idle / listening /
// processing / responding), with processing split so a person can tell hearing from thinking.
import type { ListenMode } from './speech-events';

export type TurnState = 'idle' | 'listening' | 'transcribing' | 'thinking' | 'speaking';

export interface Turn {
  state: TurnState;
  /** The microphone is open (push-to-talk keeps it open too, so pressing is instant). */
  micOn: boolean;
  mode: ListenMode;
  /** Wake mode: the wake word was heard and the next utterance is for the assistant. */
  awake: boolean;
  /** Push mode: the button (or Space) is held. */
  held: boolean;
  bargeIn: boolean;
  /** The answer still streams from the model (it may already be speaking). */
  generating: boolean;
  /** The answer will be read aloud: sentences are waiting, being synthesized or playing. */
  voicing: boolean;
  /** Its audio has started playing (until then the person hears nothing: still "thinking"). */
  audible: boolean;
  /** The person is speaking now (between the VAD's speech-start and its end). */
  talking: boolean;
  /** Segments that ended while the floor was the person's: their transcripts are questions. The
   *  VAD runs ahead of Whisper, so the next utterance may begin before the last one's transcript. */
  toAnswer: readonly number[];
}

export type TurnEvent =
  | { type: 'mic-on'; mode: ListenMode; bargeIn: boolean }
  | { type: 'mic-off' }
  | { type: 'options'; mode?: ListenMode; bargeIn?: boolean }
  | { type: 'press' }
  | { type: 'release' }
  | { type: 'wake' }
  | { type: 'speech-start' }
  /** `id`: the segment, as the speech worker numbers it. */
  | { type: 'speech-end'; id: number }
  /** The worker took a finished utterance to Whisper (not every segment is: wake mode skips the
   *  wake word itself and anything said before it). */
  | { type: 'transcribing'; id: number }
  | { type: 'misfire' }
  | { type: 'transcript'; id: number; text: string }
  /** `spoken`: the answer will also be read aloud. */
  | { type: 'answer-started'; spoken: boolean }
  | { type: 'audio-started' }
  | { type: 'answer-finished' }
  | { type: 'audio-finished' }
  | { type: 'stop' }
  | { type: 'failed' };

export type TurnEffect =
  | { type: 'send'; text: string }
  /** Stop playback and abort generation now: the person took the floor. */
  | { type: 'interrupt' }
  | { type: 'close-mic' };

export const initialTurn: Turn = {
  state: 'idle',
  micOn: false,
  mode: 'push',
  awake: false,
  held: false,
  bargeIn: true,
  generating: false,
  voicing: false,
  audible: false,
  talking: false,
  toAnswer: [],
};

export interface Step {
  turn: Turn;
  effects: TurnEffect[];
}

/** Where the conversation rests when nobody is talking: listening for speech when hands-free. */
function resting(t: Turn): Turn {
  const listening = t.micOn && (t.mode === 'hands-free' || (t.mode === 'wake' && t.awake) || (t.mode === 'push' && t.held));
  return { ...t, state: listening ? 'listening' : 'idle' };
}

/** The state while an answer is under way. */
function answering(t: Turn): Turn {
  if (t.audible) return { ...t, state: 'speaking' };
  if (t.generating || t.voicing) return { ...t, state: 'thinking' };
  return resting(t);
}

const busy = (t: Turn) => t.generating || t.voicing;

/** The answer is over (finished, interrupted or failed): nothing is generated, voiced or heard. */
const answerOver = (t: Turn): Turn => ({ ...t, generating: false, voicing: false, audible: false });

/** Nobody holds the floor any more (Stop, a failure): the answer and any turn being taken end. */
const floorCleared = (t: Turn): Turn => ({ ...answerOver(t), held: false, awake: false, talking: false });

export function turnStep(t: Turn, e: TurnEvent): Step {
  const none = (turn: Turn): Step => ({ turn, effects: [] });
  switch (e.type) {
    case 'mic-on':
      return none(
        busy(t)
          ? answering({ ...t, micOn: true, mode: e.mode, bargeIn: e.bargeIn, awake: false })
          : resting({ ...t, micOn: true, mode: e.mode, bargeIn: e.bargeIn, awake: false }),
      );
    case 'mic-off': {
      const closed = { ...t, micOn: false, held: false, awake: false, talking: false, toAnswer: [] };
      const effects: TurnEffect[] = [{ type: 'close-mic' }];
      // Turning the microphone off mid-utterance drops the utterance, not the answer in flight.
      return { turn: busy(t) ? answering(closed) : resting(closed), effects };
    }
    case 'options': {
      const next = { ...t, mode: e.mode ?? t.mode, bargeIn: e.bargeIn ?? t.bargeIn, awake: false };
      return none(busy(next) ? answering(next) : t.state === 'transcribing' ? next : resting(next));
    }
    case 'press': {
      if (!t.micOn || t.mode !== 'push') return none(t);
      // Pressing during an answer is the clearest barge-in there is: always honoured.
      const effects: TurnEffect[] = busy(t) ? [{ type: 'interrupt' }] : [];
      return { turn: { ...answerOver(t), held: true, state: 'listening' }, effects };
    }
    case 'release':
      if (!t.held) return none(t);
      return none({ ...t, held: false, state: 'transcribing' });
    case 'wake':
      if (!t.micOn || t.mode !== 'wake') return none(t);
      if (busy(t)) {
        return t.bargeIn
          ? {
              turn: { ...answerOver(t), awake: true, state: 'listening' },
              effects: [{ type: 'interrupt' }],
            }
          : none(t);
      }
      return none({ ...t, awake: true, state: 'listening' });
    case 'speech-start': {
      if (!t.micOn) return none(t);
      if (t.mode === 'push') return none(t); // only the button opens a push-to-talk turn
      if (t.mode === 'wake' && !t.awake) return none(t);
      if (busy(t)) {
        if (!t.bargeIn) return none(t);
        return {
          turn: { ...answerOver(t), talking: true, state: 'listening' },
          effects: [{ type: 'interrupt' }],
        };
      }
      return none({ ...t, talking: true, state: 'listening' });
    }
    case 'speech-end': {
      // Only 'transcribing' says the utterance is being worked on; an ended segment may be skipped.
      const ended = { ...t, talking: false };
      const floorWasTheirs = t.talking || t.state === 'listening' || t.state === 'transcribing';
      if (!t.micOn || !floorWasTheirs) return none(ended);
      const heard = { ...ended, toAnswer: [...t.toAnswer, e.id] };
      if (!busy(t)) return none(heard);
      // Begun before the answer, ended during it: the person talked over the answer after all.
      if (t.bargeIn && t.mode !== 'push') {
        return {
          turn: { ...answerOver(heard), state: 'listening' },
          effects: [{ type: 'interrupt' }],
        };
      }
      return none(answering(ended));
    }
    case 'transcribing':
      if (t.state !== 'listening' || t.held || t.talking || !t.toAnswer.includes(e.id)) return none(t);
      return none({ ...t, state: 'transcribing' });
    case 'misfire': {
      const ended = { ...t, talking: false };
      // A held push-to-talk span with no speech in it ends as a misfire too.
      if (t.state === 'transcribing' && t.mode === 'push') return none(resting(ended));
      return none(t.state === 'listening' && !t.held && !busy(t) ? resting(ended) : ended);
    }
    case 'transcript': {
      // Segments end and are transcribed in order: the ones up to this one are done with.
      const rest = { ...t, toAnswer: t.toAnswer.filter((id) => id > e.id) };
      if (!t.toAnswer.includes(e.id)) return none(rest); // said while the assistant was answering
      const text = e.text.trim();
      // Wake mode goes back to waiting for the wake word after one request.
      const after = { ...rest, awake: false };
      if (!text) return none(t.state === 'transcribing' ? resting(after) : after);
      return { turn: { ...after, generating: true, state: 'thinking' }, effects: [{ type: 'send', text }] };
    }
    case 'answer-started': {
      const next = { ...t, generating: true, voicing: e.spoken, audible: false };
      return none(t.state === 'listening' || t.state === 'transcribing' ? next : answering(next));
    }
    case 'audio-started':
      if (!t.voicing || t.state === 'listening' || t.state === 'transcribing') return none(t);
      return none({ ...t, audible: true, state: 'speaking' });
    case 'answer-finished': {
      const next = { ...t, generating: false };
      return none(t.state === 'listening' || t.state === 'transcribing' ? next : answering(next));
    }
    case 'audio-finished': {
      const next = { ...t, voicing: false, audible: false };
      return none(t.state === 'listening' || t.state === 'transcribing' ? next : answering(next));
    }
    case 'stop': {
      const effects: TurnEffect[] = busy(t) ? [{ type: 'interrupt' }] : [];
      return {
        turn: resting({ ...floorCleared(t), toAnswer: [] }),
        effects,
      };
    }
    case 'failed':
      return none(resting(floorCleared(t)));
  }
}
