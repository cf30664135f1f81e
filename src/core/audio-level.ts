// Loudness of a block of samples, for the level meter and the mic test.

/** Root mean square of the samples (0 for an empty block). */
export function rms(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  return Math.sqrt(sum / samples.length);
}

/** Level in dB relative to full scale; silence is clamped to `floor` instead of -Infinity. */
export function dbfs(rmsValue: number, floor = -100): number {
  return rmsValue > 0 ? Math.max(floor, 20 * Math.log10(rmsValue)) : floor;
}

/** A meter position 0..1: `floorDb` (default -60 dBFS, quieter than a room) maps to 0, 0 dBFS to 1. */
export function meterPosition(rmsValue: number, floorDb = -60): number {
  return Math.min(1, Math.max(0, 1 - dbfs(rmsValue, floorDb) / floorDb));
}

/** Accumulates frames and yields one RMS per `blockSamples` (the worker reports ~10 levels a second). */
export class LevelMeter {
  #sum = 0;
  #count = 0;
  constructor(readonly blockSamples: number) {}

  /** Adds a frame; returns the block's RMS when a block is complete, else null. */
  push(frame: Float32Array): number | null {
    for (let i = 0; i < frame.length; i++) this.#sum += frame[i]! * frame[i]!;
    this.#count += frame.length;
    if (this.#count < this.blockSamples) return null;
    const value = Math.sqrt(this.#sum / this.#count);
    this.#sum = 0;
    this.#count = 0;
    return value;
  }
}
