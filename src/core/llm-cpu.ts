// Pure arithmetic for the CPU (llama.cpp / wllama) LLM path: how many threads to ask for, and the
// speed figures reported per answer. No DOM, no worker globals: shared by the service and its tests.

/** Threads for llama.cpp's wasm build. Without cross-origin isolation there is no SharedArrayBuffer,
 *  so no pthreads: 1. Isolated: half the logical cores (about the physical ones; token generation is
 *  memory-bound and SMT siblings add little), at most 8. Half, not all: the page, wllama's glue worker
 *  and the other model workers need a core too, and llama.cpp's threads spin while they wait. On a
 *  2-core machine that rule gives 1, and measurement agrees: stories260K in headless Chromium here
 *  ran ~50-95 tokens/s on 1 thread and ~5 tokens/s (load 23 s instead of 4 s) on 2. */
export function cpuThreads({ isolated, cores }: { isolated: boolean; cores: number }): number {
  if (!isolated || !Number.isFinite(cores)) return 1;
  return Math.min(8, Math.max(1, Math.floor(cores / 2)));
}

export interface SpeedReport {
  /** From the request to the first streamed token, in ms (null: no token came). */
  ttftMs: number | null;
  /** Decode speed after the first token: (tokens - 1) over the time since it; null with < 2 tokens. */
  tokensPerSecond: number | null;
}

/** Times are performance.now() readings in ms. The first token also pays for prompt processing, so
 *  it is left out of tokens/s (the figure people compare across engines is the decode rate). */
export function speedReport({
  startedAt,
  firstTokenAt,
  endedAt,
  tokens,
}: {
  startedAt: number;
  firstTokenAt: number | null;
  endedAt: number;
  tokens: number;
}): SpeedReport {
  if (firstTokenAt === null || tokens < 1) return { ttftMs: null, tokensPerSecond: null };
  const ttftMs = Math.max(0, Math.round(firstTokenAt - startedAt));
  const decodeMs = endedAt - firstTokenAt;
  if (tokens < 2 || decodeMs <= 0) return { ttftMs, tokensPerSecond: null };
  return { ttftMs, tokensPerSecond: Math.round((((tokens - 1) * 1000) / decodeMs) * 10) / 10 };
}
