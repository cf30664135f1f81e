// The listening session's rules with stand-in models: each test frame carries its own speech
// probability (and wake score) as its sample value, so the audio and what the models "hear" agree.
// Segments go from the listener (VAD worker) to a SegmentTranscriber (Whisper worker) as in the app.
import { describe, expect, it } from 'vitest';
import { FRAME_SAMPLES, type ListenOptions, type SpeechEvent } from '../../../src/core/speech-events';
import { SpeechListener } from '../../../src/engines/speech/speech-listener';
import { SegmentTranscriber } from '../../../src/engines/speech/segment-transcriber';
import type { SileroVad } from '../../../src/engines/speech/silero-vad';
import type { WhisperStt } from '../../../src/engines/speech/whisper-stt';
import type { WakeWordDetector } from '../../../src/engines/speech/wake-word';

const frame = (value: number) => new Float32Array(FRAME_SAMPLES).fill(value);
const SPEECH = 0.9;
const QUIET = 0.01;
/** A frame the stand-in wake detector fires on. */
const WAKE = Math.fround(0.77); // as a Float32Array sample holds it

const vad = { process: async (f: Float32Array) => (f[0]! === WAKE ? 0.05 : f[0]!), reset() {} } as unknown as SileroVad;
const stt = {
  transcribe: async (audio: Float32Array, language: string) => ({
    text: `heard ${audio.length} samples`,
    language,
    elapsedMs: 3,
  }),
} as unknown as WhisperStt;
function wakeDetector(): WakeWordDetector {
  let fired = false;
  return {
    word: 'hey mycroft',
    get fired() {
      return fired;
    },
    push: async (f: Float32Array) => ((fired = f[0] === WAKE) ? 0.98 : 0.01),
    reset() {},
  } as unknown as WakeWordDetector;
}

async function listen(
  options: Partial<ListenOptions>,
  script: (l: SpeechListener, feed: (value: number, n: number) => Promise<void>) => Promise<void>,
  models: { stt?: WhisperStt | null; wake?: WakeWordDetector | null } = {},
): Promise<SpeechEvent[]> {
  const events: SpeechEvent[] = [];
  const emit = (e: SpeechEvent) => events.push(e);
  const whisper = models.stt === undefined ? stt : models.stt;
  const transcriber = new SegmentTranscriber(async () => whisper, emit);
  const listener = new SpeechListener(
    { vad, wake: models.wake ?? null },
    { mode: 'hands-free', language: 'en', transcribe: true, ...options },
    { emit, transcribe: (segment) => transcriber.push(segment) },
  );
  await script(listener, async (value, n) => {
    for (let i = 0; i < n; i++) await listener.frame(frame(value));
  });
  listener.stop();
  await transcriber.drained();
  return events;
}

/** Without the level meter's reports (and the frame lag that comes with each). */
const without = (events: SpeechEvent[], type: 'level') => events.filter((e) => e.type !== type && e.type !== 'lag');

describe('SpeechListener', () => {
  it('reports the level about ten times a second on the audio clock', async () => {
    const events = await listen({}, (_, feed) => feed(0.1, 62)); // 62 x 32 ms = 1.984 s
    const levels = events.filter((e) => e.type === 'level');
    expect(levels).toHaveLength(20);
    expect(levels[0]).toEqual({ type: 'level', rms: expect.closeTo(0.1, 5), atMs: 96 });
    expect(levels[1]!.atMs).toBe(192);
  });

  it('hands-free: a VAD segment is announced, ended and transcribed with exactly its audio', async () => {
    const events = without(
      await listen({}, async (_, feed) => {
        await feed(QUIET, 10);
        await feed(SPEECH, 20);
        await feed(QUIET, 30);
      }),
      'level',
    );
    expect(events).toEqual([
      { type: 'speech-start', atMs: 320 },
      { type: 'speech-end', id: 1, startMs: 320 - 96, endMs: 960 },
      { type: 'transcribing', id: 1 },
      { type: 'transcript', id: 1, text: `heard ${(960 - 224) * 16} samples`, language: 'en', audioMs: 736, elapsedMs: 3 },
    ]);
  });

  it('hands-free without transcription (the mic test without Whisper): segments only', async () => {
    const events = without(
      await listen({ transcribe: false }, async (_, feed) => {
        await feed(SPEECH, 20);
        await feed(QUIET, 30);
      }),
      'level',
    );
    expect(events.map((e) => e.type)).toEqual(['speech-start', 'speech-end']);
  });

  it('a short noise is a misfire, not a segment', async () => {
    const events = without(
      await listen({}, async (_, feed) => {
        await feed(SPEECH, 3);
        await feed(QUIET, 30);
      }),
      'level',
    );
    expect(events).toEqual([
      { type: 'speech-start', atMs: 0 },
      { type: 'misfire', startMs: 0, endMs: 96 },
    ]);
  });

  it('push-to-talk: the segment is the held span; the VAD still announces speech for barge-in', async () => {
    const events = without(
      await listen({ mode: 'push' }, async (l, feed) => {
        await feed(QUIET, 5);
        l.pushToTalk(true);
        await feed(QUIET, 5);
        await feed(SPEECH, 10);
        await feed(QUIET, 25); // the VAD's own segment ends in here: not reported in push mode
        l.pushToTalk(false);
        await feed(QUIET, 5);
      }),
      'level',
    );
    expect(events).toEqual([
      { type: 'speech-start', atMs: 160 },
      { type: 'speech-start', atMs: 320 },
      { type: 'speech-end', id: 1, startMs: 160, endMs: 1440 },
      { type: 'transcribing', id: 1 },
      { type: 'transcript', id: 1, text: `heard ${1280 * 16} samples`, language: 'en', audioMs: 1280, elapsedMs: 3 },
    ]);
  });

  it('stopping with the key held ends the segment there', async () => {
    const events = await listen({ mode: 'push' }, async (l, feed) => {
      l.pushToTalk(true);
      await feed(QUIET, 10);
    });
    expect(events.filter((e) => e.type === 'speech-end')).toEqual([{ type: 'speech-end', id: 1, startMs: 0, endMs: 320 }]);
  });

  it('wake: speech before the wake word is not transcribed; the next segment is', async () => {
    const events = without(
      await listen(
        { mode: 'wake' },
        async (_, feed) => {
          await feed(SPEECH, 20);
          await feed(QUIET, 25);
          await feed(WAKE, 1);
          await feed(QUIET, 10);
          await feed(SPEECH, 20);
          await feed(QUIET, 25);
          await feed(SPEECH, 20); // after the request: asleep again
          await feed(QUIET, 25);
        },
        { wake: wakeDetector() },
      ),
      'level',
    );
    expect(events.map((e) => e.type)).toEqual([
      'speech-start',
      'speech-end',
      'wake',
      'speech-start',
      'speech-end',
      'transcribing',
      'transcript',
      'speech-start',
      'speech-end',
    ]);
    expect(events[2]).toEqual({ type: 'wake', word: 'hey mycroft', score: 0.98, atMs: 46 * 32 });
    expect(events.filter((e) => e.type === 'transcript').map((e) => e.id)).toEqual([2]);
  });

  it('wake: the segment holding only the wake word is skipped; the request after the pause is transcribed', async () => {
    const events = without(
      await listen(
        { mode: 'wake' },
        async (_, feed) => {
          await feed(QUIET, 5);
          await feed(SPEECH, 15); // "hey mycroft" …
          await feed(WAKE, 1); // … the detector fires near its end, inside the segment …
          await feed(SPEECH, 5); // … which goes on for 160 ms
          await feed(QUIET, 25);
          await feed(SPEECH, 30); // "what time is it"
          await feed(QUIET, 25);
        },
        { wake: wakeDetector() },
      ),
      'level',
    );
    expect(events.map((e) => e.type)).toEqual([
      'speech-start',
      'wake',
      'speech-end',
      'speech-start',
      'speech-end',
      'transcribing',
      'transcript',
    ]);
    expect(events.filter((e) => e.type === 'transcript').map((e) => e.id)).toEqual([2]);
  });

  it('wake: said in one breath, the request is the audio after the wake word', async () => {
    const events = without(
      await listen(
        { mode: 'wake' },
        async (_, feed) => {
          await feed(SPEECH, 15);
          await feed(WAKE, 1);
          await feed(SPEECH, 30);
          await feed(QUIET, 25);
        },
        { wake: wakeDetector() },
      ),
      'level',
    );
    const end = events.find((e) => e.type === 'speech-end');
    const transcript = events.find((e) => e.type === 'transcript');
    expect(end).toMatchObject({ startMs: 0, endMs: 46 * 32 });
    expect(transcript).toMatchObject({ id: 1, audioMs: 46 * 32 - 16 * 32 });
  });

  it('wake: a segment starting more than 8 s after the wake word is not the request', async () => {
    const events = await listen(
      { mode: 'wake' },
      async (_, feed) => {
        await feed(WAKE, 1);
        await feed(QUIET, 260); // 8.3 s
        await feed(SPEECH, 20);
        await feed(QUIET, 25);
      },
      { wake: wakeDetector() },
    );
    expect(events.filter((e) => e.type === 'transcribing')).toEqual([]);
    expect(events.filter((e) => e.type === 'speech-end')).toHaveLength(1);
  });

  it('listening never waits for a transcription: frames are decided while Whisper works', async () => {
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const slow = {
      transcribe: async () => (await gate, { text: 'done', language: 'en', elapsedMs: 1 }),
    } as unknown as WhisperStt;
    const events = await listen(
      {},
      async (_, feed) => {
        await feed(SPEECH, 20);
        await feed(QUIET, 30); // the first segment ends: its transcription starts and hangs
        await feed(SPEECH, 20); // heard at once, while the first is still being transcribed
        finish();
        await feed(QUIET, 30);
      },
      { stt: slow },
    );
    expect(without(events, 'level').map((e) => e.type)).toEqual([
      'speech-start',
      'speech-end',
      'transcribing',
      'speech-start',
      'transcript',
      'speech-end',
      'transcribing',
      'transcript',
    ]);
  });

  it('reports how late frames were decided, with each level', async () => {
    let clock = 0;
    const events: SpeechEvent[] = [];
    const listener = new SpeechListener(
      { vad, wake: null },
      { mode: 'hands-free', language: 'en', transcribe: false },
      {
        emit: (e) => events.push(e),
        transcribe: () => {},
        now: () => clock,
      },
    );
    for (let i = 1; i <= 3; i++) await listener.frame(frame(QUIET), (clock = i * 32)); // on time
    for (let i = 4; i <= 6; i++) await listener.frame(frame(QUIET), (clock = 500)); // after 308 ms of other work
    expect(events.filter((e) => e.type === 'lag')).toEqual([
      { type: 'lag', maxMs: 0, atMs: 96 },
      { type: 'lag', maxMs: 500 - 128, atMs: 192 },
    ]);
  });

  it('a finished segment without a speech model is reported as an error', async () => {
    const events = await listen(
      {},
      async (_, feed) => {
        await feed(SPEECH, 20);
        await feed(QUIET, 30);
      },
      { stt: null },
    );
    expect(events.filter((e) => e.type === 'error')).toEqual([
      { type: 'error', message: 'No speech recognition model is loaded' },
    ]);
  });
});
