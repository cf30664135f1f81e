// The contract every engine family keeps for the models it holds: one model per slot (phones have
// room for one), loading another first frees the held one, asking again for the held one waits for
// the same load, a failed load leaves the slot empty so it can be retried, and every load reports
// the device it runs on. The LLM, speech (VAD, Whisper, wake word), TTS and embedding engines all
// hold their models through this.
import { NoModelLoadedError } from '../../core/errors';

export type ComputeDevice = 'webgpu' | 'wasm';

/** What every engine's load reports; families add their own fields. */
export interface ModelLoadReport {
  device: ComputeDevice;
  loadMs: number;
  /** Why WebGPU was asked for but WebAssembly runs (the GPU load or its warm-up failed). */
  gpuError?: string;
}

export class ModelHolder<T> {
  #key = '';
  #loading: Promise<T> | null = null;

  /** `kind` names the slot in errors ("No speech recognition model is loaded"); `free` releases a
   *  model's memory (ONNX sessions, wasm heaps). */
  constructor(
    readonly kind: string,
    private readonly free: (held: T) => Promise<unknown> | unknown,
  ) {}

  /** Loads `key` with `start`, unless it is held or loading already. The held model is freed first:
   *  two models never share the memory at once. The slot names the new load at once, so a second
   *  request for the same key, made while the first is under way, waits for it. */
  load(key: string, start: () => Promise<T>): Promise<T> {
    if (this.#loading && this.#key === key) return this.#loading;
    const previous = this.#loading;
    this.#key = key;
    const loading = (async () => {
      const old = await previous?.catch(() => null);
      if (old) await this.free(old);
      return start();
    })();
    this.#loading = loading;
    loading.catch(() => {
      if (this.#loading !== loading) return;
      this.#loading = null;
      this.#key = '';
    });
    return loading;
  }

  /** The key of what is held or loading; '' when empty. */
  get key(): string {
    return this.#key;
  }

  /** The held model; NoModelLoadedError when the slot is empty. */
  current(): Promise<T> {
    if (!this.#loading) return Promise.reject(new NoModelLoadedError(this.kind));
    return this.#loading;
  }

  /** The held model, or null when the slot is empty or its load failed. */
  async held(): Promise<T | null> {
    return (await this.#loading?.catch(() => null)) ?? null;
  }

  /** Empties the slot and frees what it held. */
  async unload(): Promise<void> {
    const loading = this.#loading;
    this.#loading = null;
    this.#key = '';
    const held = await loading?.catch(() => null);
    if (held) await this.free(held);
  }
}
