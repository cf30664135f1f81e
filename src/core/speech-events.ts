// What the speech worker tells the page while it listens. Times are on the audio clock: milliseconds
// of 16 kHz audio since listening started (samples / 16), so they do not drift with page timers.

/** 16 kHz mono frames of this many samples (32 ms) travel from the microphone to the worker. */
export const FRAME_SAMPLES = 512;
export const SPEECH_RATE = 16_000;

export type ListenMode = 'push' | 'hands-free' | 'wake';

export interface ListenOptions {
  mode: ListenMode;
  /** Whisper language code ("en", "de", …) or "auto" to let the model detect it. */
  language: string;
  /** Transcribe each finished segment (off for a mic test that only shows levels and segments). */
  transcribe: boolean;
}

export interface SpeechSegmentTimes {
  startMs: number;
  endMs: number;
}

export type SpeechEvent =
  | { type: 'level'; rms: number; atMs: number }
  /** With each level: the largest delay (wall clock) between a frame's capture and the VAD's
   *  decision on it, over the frames since the last report (src/core/frame-lag.ts). */
  | { type: 'lag'; maxMs: number; atMs: number }
  | { type: 'speech-start'; atMs: number }
  | ({ type: 'speech-end'; id: number } & SpeechSegmentTimes)
  | ({ type: 'misfire' } & SpeechSegmentTimes)
  | { type: 'wake'; word: string; score: number; atMs: number }
  | { type: 'transcribing'; id: number }
  | { type: 'transcript'; id: number; text: string; language: string | null; audioMs: number; elapsedMs: number }
  | { type: 'error'; message: string };

/** From the VAD worker to the Whisper worker, on their own MessagePort: a finished segment to
 *  transcribe (its audio transferred), or the end of the listening session. */
export type SegmentMessage = { type: 'segment'; id: number; audio: Float32Array; language: string } | { type: 'end' };
