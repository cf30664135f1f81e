// Speech events reach the page from two workers: the VAD worker says a segment ended, the Whisper
// worker then says it is transcribing it and what it heard. Messages from two threads have no order
// between them, and on a busy machine "transcript 3" can overtake "speech-end 3"; the turn-taking
// reducer would then drop the transcript and wait for it forever. This holds the Whisper worker's
// events for a segment until the VAD worker's end of that segment has been passed on.
import type { SpeechEvent } from './speech-events';

export class SpeechEventOrder {
  readonly #deliver: (e: SpeechEvent) => void;
  readonly #ended = new Set<number>();
  readonly #held = new Map<number, SpeechEvent[]>();

  constructor(deliver: (e: SpeechEvent) => void) {
    this.#deliver = deliver;
  }

  /** An event from the VAD worker. */
  fromVad(e: SpeechEvent): void {
    this.#deliver(e);
    if (e.type !== 'speech-end') return;
    this.#ended.add(e.id);
    const held = this.#held.get(e.id) ?? [];
    this.#held.delete(e.id);
    held.forEach(this.#deliver);
  }

  /** An event from the Whisper worker. */
  fromWhisper(e: SpeechEvent): void {
    if ((e.type !== 'transcribing' && e.type !== 'transcript') || this.#ended.has(e.id)) {
      this.#deliver(e);
      if (e.type === 'transcript') this.#ended.delete(e.id);
      return;
    }
    this.#held.set(e.id, [...(this.#held.get(e.id) ?? []), e]);
  }
}
