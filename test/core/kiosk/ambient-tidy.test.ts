import { describe, expect, it } from 'vitest';
import {
  FIRED_SHOWN_MS,
  LONGEST_CONVERSATION_ANSWERS,
  QUIET_MS,
  tidyUp,
  type AmbientState,
} from '../../../src/core/kiosk/ambient-tidy';

const base: AmbientState = {
  now: 10_000_000,
  idle: true,
  lastMessageAt: 10_000_000 - 1_000,
  answersInConversation: 3,
  fired: [],
};

describe('tidyUp', () => {
  it('keeps a conversation that is short and recent', () => {
    expect(tidyUp(base)).toEqual({ newConversation: false, dismiss: [] });
  });

  it('ends a conversation after a quiet spell, or once it is long, but never mid-answer', () => {
    const quiet = { ...base, lastMessageAt: base.now - QUIET_MS - 1 };
    expect(tidyUp(quiet).newConversation).toBe(true);
    const long = { ...base, answersInConversation: LONGEST_CONVERSATION_ANSWERS };
    expect(tidyUp(long).newConversation).toBe(true);
    expect(tidyUp({ ...long, idle: false }).newConversation).toBe(false);
    expect(tidyUp({ ...quiet, lastMessageAt: null }).newConversation).toBe(false); // nothing open
  });

  it('clears timers that rang a while ago and keeps the recent ones', () => {
    const fired = [
      { id: 'old', firedAt: base.now - FIRED_SHOWN_MS - 1 },
      { id: 'new', firedAt: base.now - 60_000 },
    ];
    expect(tidyUp({ ...base, fired, idle: false }).dismiss).toEqual(['old']);
  });
});
