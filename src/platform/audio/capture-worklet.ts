// AudioWorklet processor: takes the microphone at the context's native rate, resamples it to 16 kHz
// and posts 512-sample frames on the MessagePort it is handed, which leads straight to the speech
// worker. Bundled on its own (mic-capture imports it with ?worker&url), so it is a same-origin
// script that the CSP's script-src 'self' allows, with the resampler inlined into it.
import { Resampler } from '../../core/resample';
import { FRAME_SAMPLES, SPEECH_RATE } from '../../core/speech-events';

// AudioWorkletGlobalScope names (TypeScript's DOM library does not describe the worklet scope).
declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: new () => AudioWorkletProcessor): void;

export const CAPTURE_PROCESSOR = 'hearth-capture';

export type CaptureControl = { type: 'connect'; port: MessagePort } | { type: 'stop' };

class CaptureProcessor extends AudioWorkletProcessor {
  readonly #resampler = new Resampler(sampleRate, SPEECH_RATE);
  #out: MessagePort | null = null;
  #frame = new Float32Array(FRAME_SAMPLES);
  #filled = 0;
  #running = true;

  constructor() {
    super();
    this.port.onmessage = ({ data }: MessageEvent<CaptureControl>) => {
      if (data.type === 'connect') this.#out = data.port;
      else this.#stop();
    };
  }

  process(inputs: Float32Array[][]): boolean {
    const channel = inputs[0]?.[0]; // mono: the stream is opened with channelCount 1
    if (channel && this.#out) this.#collect(this.#resampler.push(channel));
    return this.#running; // false lets the browser drop the node once stopped
  }

  #collect(samples: Float32Array): void {
    for (let at = 0; at < samples.length;) {
      const n = Math.min(samples.length - at, FRAME_SAMPLES - this.#filled);
      this.#frame.set(samples.subarray(at, at + n), this.#filled);
      this.#filled += n;
      at += n;
      if (this.#filled === FRAME_SAMPLES) {
        this.#out!.postMessage(this.#frame, [this.#frame.buffer]);
        this.#frame = new Float32Array(FRAME_SAMPLES);
        this.#filled = 0;
      }
    }
  }

  #stop(): void {
    this.#running = false;
    this.#out?.close();
    this.#out = null;
  }
}

registerProcessor(CAPTURE_PROCESSOR, CaptureProcessor);
