// The Whisper worker's side of a listening session: segments handed over by the VAD worker are
// transcribed one after another, in the order they ended, while the VAD worker goes on listening.
import { SPEECH_RATE, type SpeechEvent } from '../../core/speech-events';
import type { SegmentAudio } from './speech-listener';
import type { WhisperStt } from './whisper-stt';

export class SegmentTranscriber {
  readonly #stt: () => Promise<WhisperStt | null>;
  readonly #emit: (e: SpeechEvent) => void;
  #queue: Promise<void> = Promise.resolve();

  /** `stt`: the model held when a segment's turn comes (a new one may be loaded while listening). */
  constructor(stt: () => Promise<WhisperStt | null>, emit: (e: SpeechEvent) => void) {
    this.#stt = stt;
    this.#emit = emit;
  }

  push(segment: SegmentAudio): void {
    this.#queue = this.#queue.then(() => this.#transcribe(segment));
  }

  /** Resolves when every segment pushed so far has its transcript (or error) out. */
  drained(): Promise<void> {
    return this.#queue;
  }

  async #transcribe({ id, audio, language }: SegmentAudio): Promise<void> {
    const stt = await this.#stt();
    if (!stt) {
      this.#emit({ type: 'error', message: 'No speech recognition model is loaded' });
      return;
    }
    this.#emit({ type: 'transcribing', id });
    try {
      const out = await stt.transcribe(audio, language);
      const audioMs = Math.round((audio.length * 1000) / SPEECH_RATE);
      this.#emit({ type: 'transcript', id, text: out.text, language: out.language, audioMs, elapsedMs: out.elapsedMs });
    } catch (e) {
      this.#emit({ type: 'error', message: `Transcription failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
}
