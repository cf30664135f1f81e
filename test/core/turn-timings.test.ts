import { describe, expect, it } from 'vitest';
import { clockStep, initialVoiceClock, turnFigures, type ClockEvent, type VoiceClock } from '../../src/core/turn-timings';

const run = (events: ClockEvent[], from: VoiceClock = initialVoiceClock): VoiceClock => events.reduce(clockStep, from);

/** One sent question at t=1000 ms (speech end), answered and spoken. */
const askedAndAnswered: ClockEvent[] = [
  { type: 'speech-end', at: 1000 },
  { type: 'transcribing' },
  { type: 'transcript', at: 1400, text: ' What time is it? ', audioMs: 2000, workMs: 380, sent: true },
  { type: 'first-text', at: 1650, turnId: 1 },
  { type: 'synthesized', workMs: 120, audioMs: 1500, turnId: 1 },
  { type: 'first-audio', at: 1900, turnId: 1 },
];

describe('voice turn clock', () => {
  it('measures each stage from its own event, and the total adds up', () => {
    const c = run(askedAndAnswered);
    expect(c.heard).toBe('What time is it?');
    expect(turnFigures(c.turn)).toEqual({
      sttMs: 400,
      llmMs: 250,
      ttsMs: 250,
      totalMs: 900,
      interruptMs: null,
      sttRtf: 0.19,
      ttsRtf: 0.08,
    });
  });

  it('speech that is not sent (barge-in off, the answer still streaming) leaves the turn and "Heard" alone', () => {
    const c = run([
      { type: 'speech-end', at: 1000 },
      { type: 'transcribing' },
      { type: 'transcript', at: 1400, text: 'Tell me a story', audioMs: 2000, workMs: 380, sent: true },
      // The person talks while the model writes: heard, transcribed, not sent.
      { type: 'speech-end', at: 5000 },
      { type: 'transcribing' },
      { type: 'first-text', at: 5100, turnId: 1 },
      { type: 'transcript', at: 5600, text: 'ignored words', audioMs: 1500, workMs: 500, sent: false },
      { type: 'first-audio', at: 6000, turnId: 1 },
    ]);
    expect(c.heard).toBe('Tell me a story');
    expect(c.ignored).toBe('ignored words');
    const f = turnFigures(c.turn);
    expect(f).toMatchObject({ sttMs: 400, llmMs: 3700, ttsMs: 900, totalMs: 5000 });
    expect(f.sttRtf).toBe(0.19);
  });

  it("an earlier answer's late text or sound never counts for the next question", () => {
    const c = run([
      ...askedAndAnswered,
      { type: 'speech-end', at: 3000 },
      { type: 'transcribing' },
      { type: 'transcript', at: 3300, text: 'And tomorrow?', audioMs: 1000, workMs: 250, sent: true },
      { type: 'first-text', at: 3310, turnId: 1 }, // the interrupted answer's last piece arrives late
      { type: 'synthesized', workMs: 999, audioMs: 1, turnId: 1 },
      { type: 'first-text', at: 3500, turnId: 2 },
      { type: 'first-audio', at: 3800, turnId: 2 },
    ]);
    expect(c.heard).toBe('And tomorrow?');
    expect(c.ignored).toBe('');
    expect(turnFigures(c.turn)).toMatchObject({ sttMs: 300, llmMs: 200, ttsMs: 300, totalMs: 800, ttsRtf: null });
  });

  it('the speech end of the utterance being transcribed is kept when another ends meanwhile', () => {
    const c = run([
      { type: 'speech-end', at: 1000 },
      { type: 'transcribing' },
      { type: 'speech-end', at: 1200 },
      { type: 'transcript', at: 1500, text: 'first', audioMs: 900, workMs: 400, sent: true },
    ]);
    expect(turnFigures(c.turn).sttMs).toBe(500);
  });

  it('never shows a negative figure: events out of order give no figure', () => {
    expect(turnFigures({ speechEndAt: 2000, transcriptAt: 1500, firstTextAt: 1000, firstAudioAt: 900 })).toMatchObject({
      sttMs: null,
      llmMs: null,
      ttsMs: null,
      totalMs: null,
    });
  });

  it('an interruption is timed from the speech that caused it and stays on show into the next turn', () => {
    let c = run([
      ...askedAndAnswered,
      { type: 'interrupt-heard', at: 2500 },
      { type: 'interrupt-done', at: 2534, heardAt: 2500 },
    ]);
    expect(turnFigures(c.turn).interruptMs).toBe(34);
    // A stale "done" from an older interruption does not complete a newer one.
    c = run(
      [
        { type: 'interrupt-heard', at: 2600 },
        { type: 'interrupt-done', at: 2700, heardAt: 2500 },
      ],
      c,
    );
    expect(turnFigures(c.turn).interruptMs).toBeNull();
    c = run(
      [
        { type: 'interrupt-done', at: 2640, heardAt: 2600 },
        { type: 'speech-end', at: 2900 },
        { type: 'transcribing' },
        { type: 'transcript', at: 3100, text: 'next', audioMs: 500, workMs: 100, sent: true },
      ],
      c,
    );
    expect(turnFigures(c.turn)).toMatchObject({ interruptMs: 40, sttMs: 200, llmMs: null });
  });
});
