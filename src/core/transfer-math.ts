// Pure arithmetic for resumable transfers: which Range to ask for, how to read the answer, and how
// fast it is going. No DOM, no clocks: callers pass `nowMs`, so every rule here is unit-testable.

export interface ContentRange {
  start: number;
  /** Inclusive, as in the header. */
  end: number;
  /** null when the server sent "/*". */
  total: number | null;
}

/** Parses "bytes 100-199/1000" (or ".../*"). Anything else, including a 416's "bytes *\/1000", is null. */
export function parseContentRange(header: string | null | undefined): ContentRange | null {
  const m = /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(header ?? '');
  if (!m) return null;
  const start = Number(m[1]);
  const end = Number(m[2]);
  const total = m[3] === '*' ? null : Number(m[3]);
  if (end < start || (total !== null && end >= total)) return null;
  return { start, end, total };
}

export type RangePlan =
  | { kind: 'full' }
  | { kind: 'resume'; start: number; header: string }
  /** Every byte is already stored: only verification is left, no request at all. */
  | { kind: 'complete' };

export function planRange(storedBytes: number, expectedBytes: number): RangePlan {
  if (storedBytes >= expectedBytes) return { kind: 'complete' };
  if (storedBytes <= 0) return { kind: 'full' };
  return { kind: 'resume', start: storedBytes, header: `bytes=${storedBytes}-` };
}

export type RangeAnswer =
  | { action: 'append'; start: number }
  /** The server sent the whole file: stored bytes must go, the body starts at byte 0. */
  | { action: 'restart' }
  | { action: 'reject'; reason: string };

/** Decides what a response means for a request planned with `planRange`. HTTP errors are the
 *  caller's business; this only judges 200/206 answers. */
export function judgeRangeAnswer(
  plan: RangePlan,
  status: number,
  contentRange: string | null,
  expectedBytes: number,
): RangeAnswer {
  if (status === 200) return plan.kind === 'resume' ? { action: 'restart' } : { action: 'append', start: 0 };
  if (status !== 206) return { action: 'reject', reason: `unexpected status ${status}` };
  const range = parseContentRange(contentRange);
  const wanted = plan.kind === 'resume' ? plan.start : 0;
  if (!range) return { action: 'reject', reason: `206 without a usable Content-Range (${contentRange ?? 'none'})` };
  if (range.start !== wanted) return { action: 'reject', reason: `asked for byte ${wanted}, got ${contentRange}` };
  if (range.total !== null && range.total !== expectedBytes) {
    return { action: 'reject', reason: `file is ${range.total} bytes, expected ${expectedBytes}` };
  }
  return { action: 'append', start: range.start };
}

/** Exponentially smoothed bytes/second. A raw per-chunk rate jumps by 10x between network reads;
 *  a ~3 s half-life keeps the ETA readable while still following a real change of speed. */
export class RateMeter {
  private rate = 0;
  private lastMs: number | null = null;
  private pending = 0;

  constructor(
    private readonly halfLifeMs = 3000,
    private readonly minSampleMs = 200,
  ) {}

  add(bytes: number, nowMs: number): void {
    if (this.lastMs === null) {
      this.lastMs = nowMs;
      return; // the first read only starts the clock: its bytes arrived over an unknown time
    }
    this.pending += bytes;
    const dt = nowMs - this.lastMs;
    if (dt < this.minSampleMs) return; // tiny intervals give absurd instantaneous rates
    const instant = (this.pending * 1000) / dt;
    const alpha = this.rate === 0 ? 1 : 1 - Math.pow(2, -dt / this.halfLifeMs);
    this.rate += alpha * (instant - this.rate);
    this.pending = 0;
    this.lastMs = nowMs;
  }

  bytesPerSecond(): number {
    return this.rate;
  }
}

/** Seconds left, rounded up; null while the speed is unknown. */
export function etaSeconds(remainingBytes: number, bytesPerSecond: number): number | null {
  if (remainingBytes <= 0) return 0;
  if (!(bytesPerSecond > 0)) return null;
  return Math.ceil(remainingBytes / bytesPerSecond);
}

/** Lets at most one event through per interval; `force` is for phase changes the UI must see. */
export class Throttle {
  private last = -Infinity;
  constructor(private readonly minIntervalMs = 100) {}
  ready(nowMs: number, force = false): boolean {
    if (!force && nowMs - this.last < this.minIntervalMs) return false;
    this.last = nowMs;
    return true;
  }
}

// Decimal units (1 MB = 1,000,000 B), as macOS and GNOME show file sizes and as storage is sold, so
// the number on a download button matches what the person sees in their file manager.
const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const;

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

export const formatRate = (bytesPerSecond: number): string => `${formatBytes(bytesPerSecond)}/s`;

/** "45 s", "3 min", "1 h 05 min"; "–" when unknown. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '–';
  if (seconds < 60) return `${Math.max(0, Math.ceil(seconds))} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
