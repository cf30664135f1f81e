import { describe, expect, it } from 'vitest';
import type { SpeechEvent } from '../../src/core/speech-events';
import { SpeechEventOrder } from '../../src/core/speech-event-order';

const end = (id: number): SpeechEvent => ({ type: 'speech-end', id, startMs: 0, endMs: 500 });
const transcribing = (id: number): SpeechEvent => ({ type: 'transcribing', id });
const transcript = (id: number): SpeechEvent => ({
  type: 'transcript',
  id,
  text: 'hi',
  language: 'en',
  audioMs: 500,
  elapsedMs: 9,
});

describe('SpeechEventOrder', () => {
  it('passes events on as they come when they come in order', () => {
    const out: SpeechEvent[] = [];
    const order = new SpeechEventOrder((e) => out.push(e));
    order.fromVad({ type: 'speech-start', atMs: 0 });
    order.fromVad(end(1));
    order.fromWhisper(transcribing(1));
    order.fromWhisper(transcript(1));
    expect(out.map((e) => e.type)).toEqual(['speech-start', 'speech-end', 'transcribing', 'transcript']);
  });

  it("holds Whisper's events for a segment until the VAD's end of it has been passed on", () => {
    const out: SpeechEvent[] = [];
    const order = new SpeechEventOrder((e) => out.push(e));
    order.fromVad(end(1));
    order.fromWhisper(transcribing(1));
    order.fromWhisper(transcribing(2)); // overtook speech-end 2
    order.fromWhisper(transcript(2));
    order.fromWhisper({ type: 'error', message: 'boom' }); // not about a segment: at once
    order.fromVad(end(2));
    expect(out).toEqual([end(1), transcribing(1), { type: 'error', message: 'boom' }, end(2), transcribing(2), transcript(2)]);
  });
});
