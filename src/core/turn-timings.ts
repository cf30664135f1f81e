// The timings of a voice turn, kept apart from what else the microphone hears. A turn begins when
// an utterance is sent as a question; speech heard while the assistant answers (barge-in off) or
// that is not sent for any other reason never touches the turn's figures, and an answer's first
// words and sound count only for the turn that asked for them. Times are page-clock milliseconds.

/** The utterance Whisper is working on: it becomes a turn only if it is sent. */
interface Utterance {
  speechEndAt?: number;
}

export interface TurnTimings {
  /** The end of the question's speech (the VAD's decision) … */
  speechEndAt?: number;
  /** … its transcript … */
  transcriptAt?: number;
  /** … the answer's first text … */
  firstTextAt?: number;
  /** … and its first sound. */
  firstAudioAt?: number;
  /** Whisper: seconds of audio in the utterance and the worker's time to transcribe it. */
  utteranceMs?: number;
  sttWorkMs?: number;
  /** Text to speech over the answer so far: synthesis time and seconds of audio made. */
  ttsWorkMs?: number;
  ttsAudioMs?: number;
  /** Barge-in: when the person's speech was reported, and when playback and generation stopped. */
  interruptHeardAt?: number;
  interruptDoneAt?: number;
}

export interface VoiceClock {
  /** Numbers each sent question; an answer reports with the number it was given. */
  turnId: number;
  turn: TurnTimings;
  /** The question that was sent last. */
  heard: string;
  /** Speech transcribed after it that was not sent (the assistant was answering, barge-in off). */
  ignored: string;
  lastSpeechEndAt?: number;
  transcribing: Utterance | null;
}

export const initialVoiceClock: VoiceClock = { turnId: 0, turn: {}, heard: '', ignored: '', transcribing: null };

export type ClockEvent =
  | { type: 'speech-end'; at: number }
  /** The worker took the utterance that ended last to Whisper. */
  | { type: 'transcribing' }
  /** `sent`: the turn-taking reducer sent it as a question. */
  | { type: 'transcript'; at: number; text: string; audioMs: number; workMs: number; sent: boolean }
  | { type: 'first-text'; at: number; turnId: number }
  | { type: 'first-audio'; at: number; turnId: number }
  | { type: 'synthesized'; workMs: number; audioMs: number; turnId: number }
  | { type: 'interrupt-heard'; at: number }
  | { type: 'interrupt-done'; at: number; heardAt: number };

export function clockStep(c: VoiceClock, e: ClockEvent): VoiceClock {
  const ofTurn = (turnId: number) => turnId === c.turnId;
  switch (e.type) {
    case 'speech-end':
      return { ...c, lastSpeechEndAt: e.at };
    case 'transcribing':
      return { ...c, transcribing: { speechEndAt: c.lastSpeechEndAt } };
    case 'transcript': {
      const text = e.text.trim();
      if (!e.sent) return { ...c, transcribing: null, ignored: text || c.ignored };
      // The last interruption stays on show until the next one.
      const { interruptHeardAt, interruptDoneAt } = c.turn;
      const turn: TurnTimings = {
        speechEndAt: c.transcribing?.speechEndAt,
        transcriptAt: e.at,
        utteranceMs: e.audioMs,
        sttWorkMs: e.workMs,
        interruptHeardAt,
        interruptDoneAt,
      };
      return { ...c, turnId: c.turnId + 1, turn, heard: text, ignored: '', transcribing: null };
    }
    case 'first-text':
      if (!ofTurn(e.turnId) || c.turn.firstTextAt !== undefined) return c;
      return { ...c, turn: { ...c.turn, firstTextAt: e.at } };
    case 'first-audio':
      if (!ofTurn(e.turnId) || c.turn.firstAudioAt !== undefined) return c;
      return { ...c, turn: { ...c.turn, firstAudioAt: e.at } };
    case 'synthesized':
      if (!ofTurn(e.turnId)) return c;
      return {
        ...c,
        turn: { ...c.turn, ttsWorkMs: (c.turn.ttsWorkMs ?? 0) + e.workMs, ttsAudioMs: (c.turn.ttsAudioMs ?? 0) + e.audioMs },
      };
    case 'interrupt-heard':
      return { ...c, turn: { ...c.turn, interruptHeardAt: e.at, interruptDoneAt: undefined } };
    case 'interrupt-done':
      if (c.turn.interruptHeardAt !== e.heardAt) return c; // a later interruption took its place
      return { ...c, turn: { ...c.turn, interruptDoneAt: e.at } };
  }
}

export interface TurnFigures {
  /** End of speech → transcript. */
  sttMs: number | null;
  /** Transcript → the answer's first text. */
  llmMs: number | null;
  /** First text → first sound. */
  ttsMs: number | null;
  /** End of speech → first sound. */
  totalMs: number | null;
  interruptMs: number | null;
  /** Work time over audio time (below 1 is faster than real time). */
  sttRtf: number | null;
  ttsRtf: number | null;
}

/** From `from` to `to` in whole ms, or null when either is missing or they are out of order (never a
 *  negative figure: that would be two events of different turns). */
function span(from?: number, to?: number): number | null {
  if (from === undefined || to === undefined || to < from) return null;
  return Math.round(to - from);
}

const ratio = (work?: number, audio?: number): number | null =>
  work !== undefined && audio ? Math.round((work / audio) * 1000) / 1000 : null;

export function turnFigures(t: TurnTimings): TurnFigures {
  const sttMs = span(t.speechEndAt, t.transcriptAt);
  const llmMs = span(t.transcriptAt, t.firstTextAt);
  const ttsMs = span(t.firstTextAt, t.firstAudioAt);
  // The whole is the sum of its stages when all are known, so the line always adds up.
  const totalMs = sttMs !== null && llmMs !== null && ttsMs !== null ? sttMs + llmMs + ttsMs : null;
  return {
    sttMs,
    llmMs,
    ttsMs,
    totalMs,
    interruptMs: span(t.interruptHeardAt, t.interruptDoneAt),
    sttRtf: ratio(t.sttWorkMs, t.utteranceMs),
    ttsRtf: ratio(t.ttsWorkMs, t.ttsAudioMs),
  };
}
