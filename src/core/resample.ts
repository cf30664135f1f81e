// Streaming sample-rate conversion to the speech rate (16 kHz), for the capture worklet and tests.
// A windowed-sinc interpolator: each output sample is a weighted sum of the input around its exact
// position, with the sinc's cut-off below the lower of the two Nyquist frequencies so that content
// the output cannot hold (a 12 kHz hiss from a 48 kHz microphone) is filtered out instead of folding
// back into the speech band as aliases. State (unconsumed input and the output clock) carries over
// between chunks, so chunking never changes the output.

/** Zero crossings of the sinc on each side: longer = sharper transition band, more work per sample. */
const ZERO_CROSSINGS = 20;
/** Kernel table resolution (entries per input sample), linearly interpolated between. */
const TABLE_STEPS = 64;
/** Cut-off as a share of the lower rate: 0.45 keeps speech up to ~7.2 kHz at 16 kHz and leaves room
 *  for the transition band below the 8 kHz Nyquist frequency. */
const CUTOFF = 0.45;

export class Resampler {
  readonly inRate: number;
  readonly outRate: number;
  /** Half the kernel width, in input samples. */
  readonly #half: number;
  readonly #table: Float32Array;
  /** Input not yet consumed; index 0 is absolute input index #bufStart (negative at first: silence). */
  #buf: Float32Array;
  #len = 0;
  #bufStart: number;
  #outIndex = 0;
  #inCount = 0;

  constructor(inRate: number, outRate: number) {
    if (!(inRate > 0 && outRate > 0) || !Number.isInteger(inRate) || !Number.isInteger(outRate)) {
      throw new RangeError(`Sample rates must be positive integers (got ${inRate} -> ${outRate})`);
    }
    this.inRate = inRate;
    this.outRate = outRate;
    const cutoff = (CUTOFF * Math.min(inRate, outRate)) / inRate; // cycles per input sample
    this.#half = Math.ceil(ZERO_CROSSINGS / (2 * cutoff));
    this.#table = kernelTable(cutoff, this.#half);
    // The stream starts after silence, so the first outputs have a full (zero) left context.
    this.#bufStart = -this.#half;
    this.#buf = new Float32Array(4 * this.#half + 4096);
    this.#len = this.#half;
  }

  /** Feeds a chunk; returns every output sample whose kernel is now fully covered by input. */
  push(input: Float32Array): Float32Array {
    if (this.inRate === this.outRate) return input.slice();
    this.#append(input);
    this.#inCount += input.length;
    return this.#emit(Infinity);
  }

  /** Ends the stream: the input is followed by silence, and the output is exactly
   *  ceil(inputSamples x outRate / inRate) samples long in total. */
  flush(): Float32Array {
    if (this.inRate === this.outRate) return new Float32Array(0);
    const total = Math.ceil((this.#inCount * this.outRate) / this.inRate);
    this.#append(new Float32Array(this.#half + 1));
    return this.#emit(total);
  }

  #append(input: Float32Array): void {
    if (this.#len + input.length > this.#buf.length) {
      const next = new Float32Array(Math.max(this.#buf.length, 2 * (this.#len + input.length)));
      next.set(this.#buf.subarray(0, this.#len));
      this.#buf = next;
    }
    this.#buf.set(input, this.#len);
    this.#len += input.length;
  }

  #emit(limit: number): Float32Array {
    const half = this.#half;
    const capacity = Math.ceil(((this.#len + 1) * this.outRate) / this.inRate) + 1;
    const out = new Float32Array(capacity);
    let n = 0;
    for (;;) {
      if (this.#outIndex >= limit || n >= capacity) break;
      // Exact in doubles: outIndex x inRate stays far below 2^53 for days of audio.
      const pos = (this.#outIndex * this.inRate) / this.outRate - this.#bufStart;
      const first = Math.floor(pos) - half + 1;
      const last = Math.floor(pos) + half;
      if (last >= this.#len) break;
      out[n++] = this.#dot(pos, first, last);
      this.#outIndex++;
    }
    this.#dropConsumed();
    return out.subarray(0, n);
  }

  #dot(pos: number, first: number, last: number): number {
    const buf = this.#buf;
    const table = this.#table;
    let sum = 0;
    for (let i = Math.max(first, 0); i <= last; i++) {
      const x = Math.abs(pos - i) * TABLE_STEPS;
      const j = Math.floor(x);
      const frac = x - j;
      const w = table[j]! + frac * (table[j + 1]! - table[j]!);
      sum += buf[i]! * w;
    }
    return sum;
  }

  #dropConsumed(): void {
    const pos = (this.#outIndex * this.inRate) / this.outRate - this.#bufStart;
    const keepFrom = Math.max(0, Math.floor(pos) - this.#half);
    if (keepFrom < 4096) return; // compact in batches, not on every chunk
    this.#buf.copyWithin(0, keepFrom, this.#len);
    this.#len -= keepFrom;
    this.#bufStart += keepFrom;
  }
}

/** Blackman-windowed sinc, gain normalised to 1 at DC, sampled at TABLE_STEPS per input sample. */
function kernelTable(cutoff: number, half: number): Float32Array {
  const size = half * TABLE_STEPS + 2;
  const table = new Float32Array(size);
  for (let k = 0; k < size; k++) {
    const x = k / TABLE_STEPS;
    if (x >= half) continue;
    const arg = 2 * cutoff * x;
    const sinc = arg === 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
    const u = 0.5 + x / (2 * half); // window position 0.5..1 (centre to edge)
    const window = 0.42 - 0.5 * Math.cos(2 * Math.PI * u) + 0.08 * Math.cos(4 * Math.PI * u);
    table[k] = 2 * cutoff * sinc * window;
  }
  return table;
}

/** Resamples a whole buffer (a decoded file, a test clip). */
export function resample(input: Float32Array, inRate: number, outRate: number): Float32Array {
  const r = new Resampler(inRate, outRate);
  const head = r.push(input);
  const tail = r.flush();
  const out = new Float32Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}
