// The shape of one bench run, as written to bench/results/latest.json (git-ignored).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ThroughputResult } from './download-throughput';
import type { BargeInResult } from './voice-barge-in';
import type { NetworkCutResult } from './faults-cuts';
import type { QuotaResult } from './faults-quota';
import type { LlmSpeedResult } from './llm-speed';
import type { LoadResult } from './load-time';
import type { MachineInfo } from './machine';
import type { OverheadSummary } from './store-overhead';
import type { VoiceResult } from './voice-speed';
import type { WerResult } from './voice-wer';
import type { TabKillResult } from './faults-kills';
import type { StartupResult } from './startup';
import type { KnowledgeResult } from './knowledge-speed';
import type { SoakResult } from './soak';
import type { DevicesResult } from './devices';

/** A part that could not be measured keeps its reason; the other parts still report. */
export type Outcome<T> = T | { error: string };

export const failed = <T extends object>(o: Outcome<T>): o is { error: string } => 'error' in o;

export interface Report {
  startedAt: string;
  durationS: number;
  machine: MachineInfo;
  /** `parts`: what was asked for (`npm run bench -- llm`); the parts not asked for are absent. */
  settings: { reps: number; parts: string[]; profile: string; webgpu: boolean; megabyte: string };
  /** Part 1 (and the samples of part 2): one entry per model. */
  throughput?: Outcome<ThroughputResult[]>;
  /** Part 2: model-store growth (IndexedDB and OPFS) / catalog bytes, and model bytes found in Cache Storage. */
  overhead?: Outcome<Array<{ model: string; bytes: number } & OverheadSummary>>;
  /** Part 3. */
  load?: Outcome<LoadResult>;
  /** Part 4: generation speed through the app against the library called directly, one entry per model
   *  (a failed one's error names its model). */
  llm?: Array<Outcome<LlmSpeedResult>>;
  /** Part 5: a voice turn through the app against the libraries called directly. */
  voice?: Outcome<VoiceResult>;
  /** With part 5: talking over a spoken answer, speech start to voice and model stopped. */
  bargeIn?: Outcome<BargeInResult>;
  /** Part 6: Whisper word error rate, for the real Whisper weights found in BENCH_MODELS (usually none). */
  wer?: Outcome<WerResult>;
  /** Part 7: first-view JS (gzip) and offline first paint, optionally against a baseline build. */
  startup?: Outcome<StartupResult>;
  /** Fault figures (`faults`): tab kills mid-download and mid-answer (bench/faults-kills.ts). */
  tabKills?: Outcome<TabKillResult>;
  networkCuts?: Outcome<NetworkCutResult>;
  quota?: Outcome<QuotaResult>;
  /** Part 8 (`knowledge`): document import and search through the app against the libraries directly. */
  knowledge?: Outcome<KnowledgeResult>;
  /** `soak`: a long kiosk session's memory, DOM, listeners and IndexedDB (bench/soak.ts). */
  soak?: Outcome<SoakResult>;
  /** `devices`: typed commands to an MQTT device through the app against mqtt.js, and discovery of 500. */
  devices?: Outcome<DevicesResult>;
  /** Non-loopback requests the network trap refused: Chromium's own, and the app's (want none). */
  refusedRequests: { browser: string[]; app: string[] };
}

const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

export function writeReport(report: Report): string {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, 'latest.json');
  // performance.now() differences carry float noise (804.7700000000186): 4 decimals is plenty.
  const tidy = (_key: string, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(4)) : v);
  fs.writeFileSync(file, `${JSON.stringify(report, tidy, 2)}\n`);
  return file;
}
