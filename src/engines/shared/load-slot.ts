// The one model an engine holds. Asking again for the model being loaded waits for that load; asking
// for another first unloads the current one (phones have room for one); a failed load leaves the
// slot empty, so it can be retried.
export class LoadSlot<T> {
  #loading: Promise<T> | null = null;
  #id = '';

  async load(id: string, start: () => Promise<T>, unloadCurrent: () => Promise<void>): Promise<T> {
    if (this.#loading && this.#id === id) return this.#loading;
    if (this.#loading) await unloadCurrent();
    this.#id = id;
    const loading = start();
    this.#loading = loading;
    loading.catch(() => {
      if (this.#loading === loading) this.#loading = null;
    });
    return loading;
  }

  get id(): string {
    return this.#id;
  }

  /** The loaded model; throws when there is none. */
  async current(): Promise<T> {
    if (!this.#loading) throw new Error('No language model is loaded');
    return this.#loading;
  }

  /** Empties the slot and hands back what it held (null if nothing loaded, or the load failed). */
  async take(): Promise<T | null> {
    const loading = this.#loading;
    this.#loading = null;
    this.#id = '';
    return (await loading?.catch(() => null)) ?? null;
  }
}
