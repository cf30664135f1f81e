import { describe, expect, it } from 'vitest';
import { initialTurn, turnStep, type Turn, type TurnEffect, type TurnEvent, type TurnState } from '../../src/core/turn-taking';

/** Runs events from a start and returns the states passed through and every effect asked for. */
function run(events: TurnEvent[], start: Turn = initialTurn) {
  let turn = start;
  const states: TurnState[] = [];
  const effects: TurnEffect[] = [];
  for (const e of events) {
    const step = turnStep(turn, e);
    turn = step.turn;
    states.push(turn.state);
    effects.push(...step.effects);
  }
  return { turn, states, effects };
}

const handsFree: TurnEvent = { type: 'mic-on', mode: 'hands-free', bargeIn: true };
const answerCycle: TurnEvent[] = [
  { type: 'answer-started', spoken: true },
  { type: 'audio-started' },
  { type: 'answer-finished' },
  { type: 'audio-finished' },
];

describe('turn taking', () => {
  it('walks a hands-free turn through every visible state and sends the transcript once', () => {
    const r = run([
      handsFree,
      { type: 'speech-start' },
      { type: 'speech-end', id: 1 },
      { type: 'transcribing', id: 1 },
      { type: 'transcript', id: 1, text: ' Turn on the lights ' },
      ...answerCycle,
    ]);
    expect(r.states).toEqual([
      'listening',
      'listening',
      'listening',
      'transcribing',
      'thinking',
      'thinking',
      'speaking',
      'speaking',
      'listening',
    ]);
    expect(r.effects).toEqual([{ type: 'send', text: 'Turn on the lights' }]);
  });

  it('rests in idle, not listening, when the microphone is off after the answer', () => {
    const r = run([
      handsFree,
      { type: 'speech-start' },
      { type: 'speech-end', id: 1 },
      { type: 'transcribing', id: 1 },
      { type: 'transcript', id: 1, text: 'hi' },
      { type: 'mic-off' },
      ...answerCycle,
    ]);
    expect(r.states.at(-1)).toBe('idle');
    expect(r.effects).toContainEqual({ type: 'close-mic' });
  });

  it('stays on "speaking" until the audio ends even when the model finished writing first', () => {
    const r = run([
      handsFree,
      { type: 'speech-start' },
      { type: 'speech-end', id: 1 },
      { type: 'transcribing', id: 1 },
      { type: 'transcript', id: 1, text: 'hi' },
      { type: 'answer-started', spoken: true },
      { type: 'audio-started' },
      { type: 'answer-finished' },
    ]);
    expect(r.turn.state).toBe('speaking');
  });

  it('barges in: speech during an answer interrupts it and the new utterance is handled', () => {
    const r = run([
      handsFree,
      { type: 'speech-start' },
      { type: 'speech-end', id: 1 },
      { type: 'transcribing', id: 1 },
      { type: 'transcript', id: 1, text: 'tell me a story' },
      { type: 'answer-started', spoken: true },
      { type: 'audio-started' },
      { type: 'speech-start' }, // the person talks over the assistant
      { type: 'answer-finished' },
      { type: 'audio-finished' }, // the aborted answer settles late
      { type: 'speech-end', id: 2 },
      { type: 'transcribing', id: 2 },
      { type: 'transcript', id: 2, text: 'stop, what time is it' },
    ]);
    expect(r.effects).toEqual([
      { type: 'send', text: 'tell me a story' },
      { type: 'interrupt' },
      { type: 'send', text: 'stop, what time is it' },
    ]);
    expect(r.states.slice(7, 11)).toEqual(['listening', 'listening', 'listening', 'listening']);
    expect(r.turn.state).toBe('thinking');
  });

  it('ignores speech during an answer when barge-in is off', () => {
    const r = run([
      { type: 'mic-on', mode: 'hands-free', bargeIn: false },
      { type: 'speech-start' },
      { type: 'speech-end', id: 1 },
      { type: 'transcribing', id: 1 },
      { type: 'transcript', id: 1, text: 'hi' },
      { type: 'answer-started', spoken: true },
      { type: 'audio-started' },
      { type: 'speech-start' },
    ]);
    expect(r.effects).toEqual([{ type: 'send', text: 'hi' }]);
    expect(r.turn.state).toBe('speaking');
  });

  it('push-to-talk: only the held span is a turn, and pressing during an answer interrupts it', () => {
    const push: TurnEvent = { type: 'mic-on', mode: 'push', bargeIn: false };
    const r = run([
      push,
      { type: 'speech-start' },
      { type: 'press' },
      { type: 'speech-start' },
      { type: 'release' },
      { type: 'speech-end', id: 1 },
      { type: 'transcribing', id: 1 },
      { type: 'transcript', id: 1, text: 'what is the weather' },
      { type: 'answer-started', spoken: true },
      { type: 'audio-started' },
      { type: 'press' },
    ]);
    expect(r.states).toEqual([
      'idle',
      'idle',
      'listening',
      'listening',
      'transcribing',
      'transcribing',
      'transcribing',
      'thinking',
      'thinking',
      'speaking',
      'listening',
    ]);
    expect(r.effects).toEqual([{ type: 'send', text: 'what is the weather' }, { type: 'interrupt' }]);
  });

  it('push-to-talk with nothing said goes back to idle', () => {
    const r = run([{ type: 'mic-on', mode: 'push', bargeIn: true }, { type: 'press' }, { type: 'release' }, { type: 'misfire' }]);
    expect(r.states).toEqual(['idle', 'listening', 'transcribing', 'idle']);
    const empty = run([
      { type: 'mic-on', mode: 'push', bargeIn: true },
      { type: 'press' },
      { type: 'release' },
      { type: 'speech-end', id: 1 },
      { type: 'transcript', id: 1, text: '  ' },
    ]);
    expect(empty.turn.state).toBe('idle');
    expect(empty.effects).toEqual([]);
  });

  it('wake mode: speech before the wake word is ignored; after it one request is handled', () => {
    const r = run([
      { type: 'mic-on', mode: 'wake', bargeIn: true },
      { type: 'speech-start' },
      { type: 'speech-end', id: 1 },
      { type: 'transcribing', id: 1 },
      { type: 'wake' },
      { type: 'speech-start' },
      { type: 'speech-end', id: 2 },
      { type: 'transcribing', id: 2 },
      { type: 'transcript', id: 2, text: 'lights off' },
      ...answerCycle,
      { type: 'speech-start' },
    ]);
    expect(r.states.slice(0, 5)).toEqual(['idle', 'idle', 'idle', 'idle', 'listening']);
    expect(r.effects).toEqual([{ type: 'send', text: 'lights off' }]);
    expect(r.turn.state).toBe('idle'); // waiting for the wake word again
  });

  it('an ended segment the worker does not transcribe (the wake word itself) keeps listening', () => {
    const r = run([
      { type: 'mic-on', mode: 'wake', bargeIn: true },
      { type: 'speech-start' },
      { type: 'wake' },
      { type: 'speech-end', id: 1 },
    ]);
    expect(r.turn.state).toBe('listening');
  });

  it('a misfire (a cough) returns to listening without a turn', () => {
    const r = run([handsFree, { type: 'speech-start' }, { type: 'misfire' }]);
    expect(r.turn.state).toBe('listening');
    expect(r.effects).toEqual([]);
  });

  it('Stop interrupts an answer in flight and does nothing when idle', () => {
    const busy = run([
      handsFree,
      { type: 'speech-start' },
      { type: 'speech-end', id: 1 },
      { type: 'transcribing', id: 1 },
      { type: 'transcript', id: 1, text: 'hi' },
      { type: 'answer-started', spoken: true },
      { type: 'stop' },
    ]);
    expect(busy.effects.at(-1)).toEqual({ type: 'interrupt' });
    expect(busy.turn.state).toBe('listening');
    expect(run([{ type: 'stop' }]).effects).toEqual([]);
  });

  it('a failure returns to rest and keeps the microphone open', () => {
    const r = run([
      handsFree,
      { type: 'speech-start' },
      { type: 'speech-end', id: 1 },
      { type: 'transcribing', id: 1 },
      { type: 'failed' },
    ]);
    expect(r.turn).toMatchObject({ state: 'listening', micOn: true });
  });

  it('stays on "thinking" until the first audio plays, even when the model finished writing before it', () => {
    const r = run([
      handsFree,
      { type: 'speech-start' },
      { type: 'speech-end', id: 1 },
      { type: 'transcribing', id: 1 },
      { type: 'transcript', id: 1, text: 'hi' },
      { type: 'answer-started', spoken: true },
      { type: 'answer-finished' },
      { type: 'audio-started' },
      { type: 'audio-finished' },
    ]);
    expect(r.states.slice(4)).toEqual(['thinking', 'thinking', 'thinking', 'speaking', 'listening']);
  });

  it('an answer that is not read aloud goes from thinking back to listening', () => {
    const r = run([
      handsFree,
      { type: 'speech-start' },
      { type: 'speech-end', id: 1 },
      { type: 'transcribing', id: 1 },
      { type: 'transcript', id: 1, text: 'hi' },
      { type: 'answer-started', spoken: false },
      { type: 'audio-started' },
      { type: 'answer-finished' },
      { type: 'audio-finished' },
    ]);
    expect(r.states.slice(4)).toEqual(['thinking', 'thinking', 'thinking', 'listening', 'listening']);
  });

  it('a typed question answered aloud shows thinking and speaking even with the microphone off', () => {
    const r = run(answerCycle);
    expect(r.states).toEqual(['thinking', 'speaking', 'speaking', 'idle']);
  });
  // The VAD worker runs ahead of Whisper: the next utterance can start before the last one's text.
  const talkOnDuringTranscription = (bargeIn: boolean): TurnEvent[] => [
    { type: 'mic-on', mode: 'hands-free', bargeIn },
    { type: 'speech-start' },
    { type: 'speech-end', id: 1 },
    { type: 'transcribing', id: 1 },
    { type: 'speech-start' }, // the person goes on talking
    { type: 'transcript', id: 1, text: 'tell me a story' },
    { type: 'answer-started', spoken: true },
    { type: 'speech-end', id: 2 },
    { type: 'transcribing', id: 2 },
    { type: 'transcript', id: 2, text: 'about a dragon' },
  ];

  it('a question is still sent when the person talks on before its transcript is ready', () => {
    const off = run(talkOnDuringTranscription(false));
    expect(off.states.slice(0, 6)).toEqual(['listening', 'listening', 'listening', 'transcribing', 'listening', 'thinking']);
    // Barge-in off: what was said over the answer is not a question and does not stop it.
    expect(off.effects).toEqual([{ type: 'send', text: 'tell me a story' }]);
    expect(off.turn.state).toBe('thinking');
  });

  it('with barge-in on, talk begun before the answer and ended during it interrupts and is sent', () => {
    const on = run(talkOnDuringTranscription(true));
    expect(on.effects).toEqual([
      { type: 'send', text: 'tell me a story' },
      { type: 'interrupt' },
      { type: 'send', text: 'about a dragon' },
    ]);
    expect(on.states.slice(7)).toEqual(['listening', 'transcribing', 'thinking']);
  });

  it('a transcript of a segment that was never taken as a question is not sent', () => {
    const r = run([handsFree, { type: 'transcribing', id: 7 }, { type: 'transcript', id: 7, text: 'hello' }]);
    expect(r.effects).toEqual([]);
    expect(r.turn.state).toBe('listening');
  });

  it('turning the microphone off drops a question still being transcribed', () => {
    const r = run([
      handsFree,
      { type: 'speech-start' },
      { type: 'speech-end', id: 1 },
      { type: 'transcribing', id: 1 },
      { type: 'mic-off' },
      { type: 'transcript', id: 1, text: 'hello' },
    ]);
    expect(r.effects).toEqual([{ type: 'close-mic' }]);
    expect(r.turn.state).toBe('idle');
  });
});
