// A kiosk runs for days with nobody tidying it: what it clears by itself. A conversation ends after
// a quiet spell or once it is long (each turn saves the whole conversation again, so a conversation
// that never ends costs more per turn and its context is trimmed anyway); a timer that rang is
// cleared from the screen a while later, as a person would dismiss it. What is cleared stays stored:
// conversations in Talk's history, nothing of a timer is lost that was not already done.

/** After this long without a turn the next question starts a new conversation. */
export const QUIET_MS = 5 * 60_000;
/** A conversation this many answers long is ended at the next quiet moment. */
export const LONGEST_CONVERSATION_ANSWERS = 20;
/** A timer that rang leaves the screen this long after. */
export const FIRED_SHOWN_MS = 10 * 60_000;

export interface AmbientState {
  now: number;
  /** No answer is being written or spoken. */
  idle: boolean;
  /** When the open conversation's last message was written; null when none is open. */
  lastMessageAt: number | null;
  answersInConversation: number;
  fired: ReadonlyArray<{ id: string; firedAt: number }>;
}

export interface TidyUp {
  newConversation: boolean;
  /** Timers that rang, to clear from the screen. */
  dismiss: string[];
}

export function tidyUp(s: AmbientState): TidyUp {
  const quiet = s.lastMessageAt !== null && s.now - s.lastMessageAt > QUIET_MS;
  const long = s.answersInConversation >= LONGEST_CONVERSATION_ANSWERS;
  return {
    newConversation: s.idle && s.lastMessageAt !== null && (quiet || long),
    dismiss: s.fired.filter((f) => s.now - f.firedAt > FIRED_SHOWN_MS).map((f) => f.id),
  };
}
