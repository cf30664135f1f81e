// Turns byte counts into throttled progress events (speed, ETA) for one model download.
import { etaSeconds, RateMeter, Throttle } from '../core/transfer-math';
import { totalBytes, type ModelEntry } from '../catalog/types';

export type DownloadPhase = 'checking' | 'downloading' | 'verifying' | 'ready';

export interface DownloadProgress {
  modelId: string;
  /** Path of the file being worked on; null before the first and after the last. */
  file: string | null;
  /** Bytes of the whole model received so far (stored or about to be). */
  storedBytes: number;
  totalBytes: number;
  /** Bytes fetched over the network in this run only: a resume fetches fewer than a full download. */
  fetchedBytes: number;
  bytesPerSecond: number;
  etaSeconds: number | null;
  phase: DownloadPhase;
}

/** ~10 events a second: enough for a smooth bar, few enough to cross a worker boundary cheaply. */
const MIN_INTERVAL_MS = 100;

export class ProgressReporter {
  fetchedBytes = 0;
  private readonly perFile: number[];
  private readonly rate = new RateMeter();
  private readonly throttle = new Throttle(MIN_INTERVAL_MS);
  private phase: DownloadPhase = 'checking';
  private file: string | null = null;

  constructor(
    private readonly model: ModelEntry,
    private readonly listener: ((p: DownloadProgress) => void) | undefined,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.perFile = model.files.map(() => 0);
  }

  /** Sets how many bytes of file `index` are held (after a restart this goes back to 0). */
  setFileBytes(index: number, bytes: number): void {
    this.perFile[index] = bytes;
  }

  fetched(index: number, received: number, bytes: number): void {
    this.fetchedBytes += bytes;
    this.perFile[index] = received;
    this.rate.add(bytes, this.now());
    this.emit(false);
  }

  enter(phase: DownloadPhase, file: string | null): void {
    this.phase = phase;
    this.file = file;
    this.emit(true);
  }

  snapshot(): DownloadProgress {
    const stored = this.perFile.reduce((a, b) => a + b, 0);
    const total = totalBytes(this.model);
    const bytesPerSecond = this.phase === 'downloading' ? this.rate.bytesPerSecond() : 0;
    return {
      modelId: this.model.id,
      file: this.file,
      storedBytes: stored,
      totalBytes: total,
      fetchedBytes: this.fetchedBytes,
      bytesPerSecond,
      etaSeconds: this.phase === 'ready' ? 0 : etaSeconds(total - stored, bytesPerSecond),
      phase: this.phase,
    };
  }

  private emit(force: boolean): void {
    if (this.listener && this.throttle.ready(this.now(), force)) this.listener(this.snapshot());
  }
}
