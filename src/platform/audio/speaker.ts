// Plays synthesized speech. The Web Audio graph ends in a MediaStreamAudioDestinationNode whose
// stream plays in an <audio> element: the browser's echo canceller works on media it plays out, so
// the microphone does not hear the assistant (a source wired straight to ctx.destination escapes
// it). Chunks are scheduled back to back on the context clock, so sentences follow without gaps.
//
//   AudioBufferSourceNode(s) -> GainNode -> AnalyserNode (level tap) -> MediaStreamDestination -> <audio>

export interface PcmChunk {
  samples: Float32Array;
  sampleRate: number;
}

/** Times are performance.now() milliseconds. */
export type SpeakerEvent =
  | { type: 'first-audio'; at: number }
  | { type: 'chunk-start'; at: number; chunk: number }
  | { type: 'chunk-end'; at: number; chunk: number }
  | { type: 'idle'; at: number }
  | { type: 'stopped'; at: number };

interface Playing {
  source: AudioBufferSourceNode;
  samples: number;
  timer: ReturnType<typeof setTimeout>;
  done: () => void;
}

export class Speaker {
  readonly context: AudioContext;
  readonly element: HTMLAudioElement;
  readonly #gain: GainNode;
  readonly #analyser: AnalyserNode;
  readonly #tap: Float32Array<ArrayBuffer>;
  readonly #playing = new Map<number, Playing>();
  readonly #listeners = new Set<(e: SpeakerEvent) => void>();
  #nextStart = 0;
  #chunks = 0;
  #startedSinceIdle = false;
  /** Samples of chunks that played to their end (at each chunk's own rate). */
  playedSamples = 0;
  /** Seconds of audio that played to the end. */
  playedSeconds = 0;

  constructor(context: AudioContext = new AudioContext({ latencyHint: 'interactive' })) {
    this.context = context;
    const destination = context.createMediaStreamDestination();
    this.#gain = context.createGain();
    this.#analyser = context.createAnalyser();
    this.#analyser.fftSize = 2048;
    this.#tap = new Float32Array(this.#analyser.fftSize);
    this.#gain.connect(this.#analyser).connect(destination);
    this.element = document.createElement('audio');
    this.element.srcObject = destination.stream;
    this.element.autoplay = true;
    // In the document (no controls, so never drawn) where a person's tools, and the tests, can see
    // what is playing.
    this.element.dataset.role = 'speaker';
    document.body.append(this.element);
  }

  onEvent(listener: (e: SpeakerEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Queues a chunk after everything queued before it; resolves when it has played or was stopped. */
  async enqueue({ samples, sampleRate }: PcmChunk): Promise<void> {
    if (samples.length === 0) return;
    if (this.context.state !== 'running') await this.context.resume();
    if (this.element.paused) await this.element.play();
    this.#gain.gain.value = 1;
    const buffer = this.context.createBuffer(1, samples.length, sampleRate);
    buffer.copyToChannel(samples as Float32Array<ArrayBuffer>, 0);
    const source = this.context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.#gain);
    const now = this.context.currentTime;
    // A start time already past plays at once, from the chunk's first sample (Web Audio's rule for
    // start()), so the first chunk is not held back: any lead here was time before the voice.
    const when = Math.max(now, this.#nextStart);
    this.#nextStart = when + buffer.duration;
    const chunk = ++this.#chunks;
    const startsAt = performance.now() + (when - now) * 1000;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(
        () => {
          if (!this.#startedSinceIdle) this.#emit({ type: 'first-audio', at: startsAt });
          this.#startedSinceIdle = true;
          this.#emit({ type: 'chunk-start', at: startsAt, chunk });
        },
        Math.max(0, startsAt - performance.now()),
      );
      this.#playing.set(chunk, { source, samples: samples.length, timer, done: resolve });
      source.onended = () => {
        const playing = this.#playing.get(chunk);
        if (!playing) return; // stopped
        this.#playing.delete(chunk);
        this.playedSamples += playing.samples;
        this.playedSeconds += buffer.duration;
        this.#emit({ type: 'chunk-end', at: performance.now(), chunk });
        if (this.#playing.size === 0) this.#idle('idle');
        resolve();
      };
      source.start(when);
    });
  }

  /** Silences at once and drops everything queued. */
  stop(): void {
    if (this.#playing.size === 0) return;
    this.#gain.gain.value = 0;
    const stopped = [...this.#playing.values()];
    this.#playing.clear();
    for (const p of stopped) {
      clearTimeout(p.timer);
      p.source.onended = null;
      try {
        p.source.stop();
      } catch {
        // not started yet: nothing to stop
      }
      p.source.disconnect();
    }
    this.#idle('stopped');
    for (const p of stopped) p.done();
  }

  get speaking(): boolean {
    return this.#playing.size > 0;
  }

  /** RMS of the last ~43 ms going out (0 = silence, 1 = full scale). */
  level(): number {
    this.#analyser.getFloatTimeDomainData(this.#tap);
    let sum = 0;
    for (const x of this.#tap) sum += x * x;
    return Math.sqrt(sum / this.#tap.length);
  }

  async close(): Promise<void> {
    this.stop();
    this.element.srcObject = null;
    this.element.remove();
    await this.context.close();
  }

  #idle(type: 'idle' | 'stopped'): void {
    this.#nextStart = 0;
    this.#startedSinceIdle = false;
    this.#emit({ type, at: performance.now() });
  }

  #emit(event: SpeakerEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
