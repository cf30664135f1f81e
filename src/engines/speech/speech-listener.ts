// One listening session in the VAD worker: frames from the microphone in, SpeechEvents out.
// Per frame: the level meter, the wake word (wake mode), Silero VAD and the segmenter; finished
// segments are handed on (to the Whisper worker) and listening goes on at once: this worker never
// waits for a transcription, so frames are decided as they arrive. Times are on the audio clock
// (16 kHz samples received / 16), so they match the audio exactly, whatever the worker's load; how
// late each frame was decided is measured on the wall clock (FrameLag) and reported with the level.
import { FrameLag } from '../../core/frame-lag';
import { LevelMeter } from '../../core/audio-level';
import {
  FRAME_SAMPLES,
  SPEECH_RATE,
  type ListenOptions,
  type SpeechEvent,
  type SpeechSegmentTimes,
} from '../../core/speech-events';
import { VadSegmenter } from '../../core/vad-segmenter';
import type { SileroVad } from './silero-vad';
import type { WakeWordDetector } from './wake-word';

/** A level every 3 frames (96 ms): ~10 a second, on frame boundaries. */
const LEVEL_BLOCK = 3 * FRAME_SAMPLES;
/** After the wake word, the next segment starting within this time is the request. */
const WAKE_WINDOW_MS = 8000;
/** Less speech than this after the wake word, in the segment that holds it, is not a request. */
const REQUEST_MIN_MS = 500;
/** Audio kept while nobody speaks (covers the pre-speech pad). */
const IDLE_KEEP_MS = 2000;
/** A segment this long is ended even while speech goes on, so memory stays bounded. */
const MAX_SEGMENT_MS = 120_000;

const msToSamples = (ms: number) => Math.round((ms * SPEECH_RATE) / 1000);

export interface ListenerModels {
  vad: SileroVad | null;
  wake: WakeWordDetector | null;
}

/** A finished segment to transcribe: its audio (16 kHz) and the language asked for. */
export interface SegmentAudio {
  id: number;
  audio: Float32Array;
  language: string;
}

export interface ListenerSinks {
  emit: (e: SpeechEvent) => void;
  /** Takes a segment to transcribe; must not wait for the transcription. */
  transcribe: (segment: SegmentAudio) => void;
  /** Wall clock in ms (performance.now). */
  now?: () => number;
}

export class SpeechListener {
  readonly #models: ListenerModels;
  readonly #emit: (e: SpeechEvent) => void;
  readonly #transcribe: (segment: SegmentAudio) => void;
  readonly #now: () => number;
  readonly #lag = new FrameLag();
  #options: ListenOptions;
  readonly #meter = new LevelMeter(LEVEL_BLOCK);
  readonly #segmenter = new VadSegmenter();
  readonly #history = new AudioHistory();
  #samples = 0;
  #nextId = 1;
  /** Push-to-talk: audio time the key went down, or null while it is up. */
  #pushFromMs: number | null = null;
  /** Wake mode: when the wake word last fired, while its window is open. */
  #wokeAtMs: number | null = null;

  constructor(
    models: ListenerModels,
    options: ListenOptions,
    { emit, transcribe, now = () => performance.now() }: ListenerSinks,
  ) {
    this.#models = models;
    this.#options = { ...options };
    this.#emit = emit;
    this.#transcribe = transcribe;
    this.#now = now;
    models.vad?.reset();
    models.wake?.reset();
  }

  get nowMs(): number {
    return (this.#samples * 1000) / SPEECH_RATE;
  }

  configure(options: Partial<ListenOptions>): void {
    this.#options = { ...this.#options, ...options };
    if (this.#options.mode !== 'push') this.#pushFromMs = null;
    if (this.#options.mode !== 'wake') this.#wokeAtMs = null;
  }

  /** `arrivedAt`: when the frame reached the worker (wall clock), for the lag figure. */
  async frame(frame: Float32Array, arrivedAt = this.#now()): Promise<void> {
    this.#history.append(frame, this.#samples);
    this.#samples += frame.length;
    const endMs = this.nowMs;
    this.#lag.arrived(arrivedAt, endMs);
    const level = this.#meter.push(frame);
    await this.#decide(frame);
    this.#lag.decided(this.#now(), endMs);
    if (level !== null) {
      this.#emit({ type: 'level', rms: level, atMs: endMs });
      this.#emit({ type: 'lag', maxMs: Math.round(this.#lag.takeMax()), atMs: endMs });
    }
  }

  async #decide(frame: Float32Array): Promise<void> {
    const { wake, vad } = this.#models;
    if (this.#options.mode === 'wake' && wake) {
      const score = await wake.push(frame);
      if (score !== null && wake.fired) {
        this.#wokeAtMs = this.nowMs;
        this.#emit({ type: 'wake', word: wake.word, score, atMs: this.nowMs });
      }
    }
    if (vad) {
      const event = this.#segmenter.push(await vad.process(frame));
      if (event?.type === 'speech-start') this.#emit(event);
      else if (event) this.#segmentEnded(event.type, event);
      if (this.#segmenter.speaking && this.nowMs - this.#history.startMs > MAX_SEGMENT_MS) {
        const forced = this.#segmenter.flush();
        if (forced && forced.type !== 'speech-start') this.#segmentEnded(forced.type, forced);
      }
    }
    if (this.#wokeAtMs !== null && this.nowMs - this.#wokeAtMs > WAKE_WINDOW_MS && !this.#segmenter.speaking)
      this.#wokeAtMs = null;
    this.#history.dropBefore(msToSamples(this.#keepFromMs()));
  }

  pushToTalk(down: boolean): void {
    if (this.#options.mode !== 'push') return;
    if (down && this.#pushFromMs === null) {
      this.#pushFromMs = this.nowMs;
      this.#emit({ type: 'speech-start', atMs: this.nowMs });
    } else if (!down && this.#pushFromMs !== null) {
      const times = { startMs: this.#pushFromMs, endMs: this.nowMs };
      this.#pushFromMs = null;
      this.#finishSegment(times);
    }
  }

  /** Ends what is in progress (a held key, an open segment), handing on its audio. */
  stop(): void {
    if (this.#pushFromMs !== null) this.pushToTalk(false);
    const last = this.#segmenter.flush();
    if (last && last.type !== 'speech-start') this.#segmentEnded(last.type, last);
  }

  #segmentEnded(type: 'speech-end' | 'misfire', times: SpeechSegmentTimes): void {
    const { mode } = this.#options;
    if (mode === 'push') return; // a push-to-talk segment is the held span, not the VAD's
    if (type === 'misfire') {
      this.#emit({ type: 'misfire', ...times });
      return;
    }
    const woke = this.#wokeAtMs;
    const woken = woke !== null && times.endMs > woke && times.startMs <= woke + WAKE_WINDOW_MS;
    // The segment that holds the wake word itself, with no request after it ("hey Jarvis" … pause):
    // the request is the next segment.
    const onlyTheWakeWord = woken && woke > times.startMs && times.endMs - woke < REQUEST_MIN_MS;
    if (mode === 'wake' && (!woken || onlyTheWakeWord)) {
      this.#emit({ type: 'speech-end', id: this.#nextId++, ...times });
      return;
    }
    // Said in one breath ("hey Jarvis, lights on"): the request is what follows the wake word.
    const from = mode === 'wake' && woke! > times.startMs ? woke! : times.startMs;
    if (mode === 'wake') this.#wokeAtMs = null;
    this.#finishSegment(times, from);
  }

  #finishSegment(times: SpeechSegmentTimes, audioFromMs = times.startMs): void {
    const id = this.#nextId++;
    this.#emit({ type: 'speech-end', id, ...times });
    if (!this.#options.transcribe) return;
    const audio = this.#history.slice(msToSamples(audioFromMs), msToSamples(times.endMs));
    this.#transcribe({ id, audio, language: this.#options.language });
  }

  /** Audio still needed: from an open push or segment, else the last IDLE_KEEP_MS. */
  #keepFromMs(): number {
    const idle = this.nowMs - IDLE_KEEP_MS;
    if (this.#pushFromMs !== null) return Math.min(this.#pushFromMs, idle);
    if (this.#segmenter.speaking) return this.#history.startMs; // keep all of the open segment
    return idle;
  }
}

/** The recent audio as the frames that arrived, addressed by absolute sample index. */
class AudioHistory {
  #frames: Array<{ at: number; samples: Float32Array }> = [];

  get startMs(): number {
    return ((this.#frames[0]?.at ?? 0) * 1000) / SPEECH_RATE;
  }

  append(samples: Float32Array, at: number): void {
    this.#frames.push({ at, samples });
  }

  dropBefore(sample: number): void {
    let n = 0;
    while (n < this.#frames.length && this.#frames[n]!.at + this.#frames[n]!.samples.length <= sample) n++;
    if (n > 0) this.#frames = this.#frames.slice(n);
  }

  slice(from: number, to: number): Float32Array {
    const out = new Float32Array(Math.max(0, to - from));
    for (const { at, samples } of this.#frames) {
      const a = Math.max(from, at);
      const b = Math.min(to, at + samples.length);
      if (a < b) out.set(samples.subarray(a - at, b - at), a - from);
    }
    return out;
  }
}
