// Saves a streaming answer a few times a second: often enough that a closed tab loses at most a
// fraction of a second, rarely enough that encryption and IndexedDB do not slow the stream.

export interface ThrottledSaver {
  /** The whole text so far. */
  push(content: string): void;
  /** Writes what is pending and waits for every write: the last text lands last. */
  flush(): Promise<void>;
}

export const SAVE_MS = 250;

/** Writes are chained, so they land in order; a failed write is skipped (the next one has the
 *  whole text anyway). */
export function throttledSaver(save: (content: string) => Promise<unknown>, everyMs = SAVE_MS): ThrottledSaver {
  let pending: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  let first = true;
  const write = () => {
    timer = null;
    if (pending === null) return;
    const content = pending;
    pending = null;
    chain = chain.then(() => save(content)).catch(() => undefined);
  };
  return {
    push(content) {
      pending = content;
      if (first) {
        first = false; // the first words are saved at once: a tab closed early still keeps them
        write();
      } else timer ??= setTimeout(write, everyMs);
    },
    async flush() {
      if (timer) clearTimeout(timer);
      write();
      await chain;
    },
  };
}
