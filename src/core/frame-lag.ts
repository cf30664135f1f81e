// How late the VAD decides on a microphone frame, on the wall clock. Frames carry no capture time
// (the worklet has no clock shared with the worker), but the audio clock runs at real time: the
// smallest (arrival - audio time) seen so far is the best estimate of when audio time 0 was
// captured, and a decision's lag is its wall time minus that capture estimate minus the frame's end
// on the audio clock. A worker that falls behind shows it as growing lag, whatever delayed it.

export class FrameLag {
  /** Wall clock (ms) at audio time 0, as far as the earliest-arriving frame tells. */
  #origin = Infinity;
  #blockMax = 0;

  /** A frame ending at `audioEndMs` (audio clock) arrived at `arrivedAt` (wall clock). */
  arrived(arrivedAt: number, audioEndMs: number): void {
    this.#origin = Math.min(this.#origin, arrivedAt - audioEndMs);
  }

  /** The frame ending at `audioEndMs` was decided at `decidedAt`: its lag in ms (never negative). */
  decided(decidedAt: number, audioEndMs: number): number {
    const lag = Number.isFinite(this.#origin) ? Math.max(0, decidedAt - this.#origin - audioEndMs) : 0;
    this.#blockMax = Math.max(this.#blockMax, lag);
    return lag;
  }

  /** The largest lag since the last call (for a report every few frames), then starts over. */
  takeMax(): number {
    const max = this.#blockMax;
    this.#blockMax = 0;
    return max;
  }
}
