// `npm run bench`: the model store against raw downloads, in headless Chromium against the built app
// and the local mirror. Ratios, not thresholds: absolute speeds say more about the machine than the
// app. BENCH_REPS=1 gives a quick (noisier) run. Exits 1 when a part could not be measured.
import os from 'node:os';
import { CATALOG } from '../src/models/catalog';
import type { ModelEntry } from '../src/models/catalog-types';
import { measureThroughput, rawFetch } from './download-throughput';
import { measureLoad } from './load-time';
import { machineInfo } from './machine';
import { classifyRefused } from './network-trap';
import { failed, writeReport, type Outcome, type Report } from './report';
import { preflight } from './preflight';
import { modelUrls, startServers, warmMirror, type RunningServers, type Servers } from './servers';
import { withSession } from './session';
import { summariseOverhead } from './store-overhead';
import { formatReport } from './table';

const REPS = Number(process.env.BENCH_REPS ?? 3);
const THROUGHPUT_MODELS = ['Test: tiny random BERT embeddings (fp32)', 'Test: tiny random Whisper (fp32)',
  'Test: tiny random Llama (fp16)', 'Test: stories260K (TinyStories)'];
const LOAD_MODEL = 'Test: tiny random BERT embeddings (fp32)';

function byName(name: string): ModelEntry {
  const model = CATALOG.find((m) => m.name === name);
  if (!model) throw new Error(`no catalog entry named "${name}" (src/models/catalog.ts)`);
  return model;
}

const log = (line: string) => console.error(`bench: ${line}`);
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function attempt<T>(part: string, fn: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return await fn();
  } catch (e) {
    log(`${part} failed: ${message(e)}`);
    return { error: message(e) };
  }
}

async function measure(servers: Servers, models: ModelEntry[]): Promise<Pick<Report, 'throughput' | 'load'>> {
  await warmMirror(servers.mirror, models);
  const throughput = await attempt('download throughput', () => withSession(servers, async (session) => {
    await rawFetch(session.page, models.flatMap((m) => modelUrls(servers.mirror.url, m))); // untimed warm-up
    const results = [];
    for (const model of models) {
      log(`download throughput and store overhead: ${model.name}`);
      results.push(await measureThroughput(session, servers.mirror.url, model, REPS));
    }
    return results;
  }));
  log(`load times: ${LOAD_MODEL}`);
  const load = await attempt('load time', () => measureLoad(servers, byName(LOAD_MODEL), REPS));
  return { throughput, load };
}

async function main(): Promise<void> {
  if (!Number.isInteger(REPS) || REPS < 1) throw new Error(`BENCH_REPS must be a whole number >= 1, not "${process.env.BENCH_REPS}"`);
  // vite preview prints a notice about vite.config.ts meant for whoever edits it, not for bench readers.
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';
  const startedAt = new Date();
  const loadAtStart = os.loadavg()[0]!;
  const models = THROUGHPUT_MODELS.map(byName);
  await preflight(models);
  let servers: RunningServers | undefined;
  try {
    servers = await startServers();
    const { throughput, load } = await measure(servers, models);
    const report: Report = {
      startedAt: startedAt.toISOString(),
      durationS: (Date.now() - startedAt.getTime()) / 1000,
      machine: machineInfo(servers.distBuiltAt, loadAtStart),
      settings: { reps: REPS, profile: 'fresh on-disk profile per session', webgpu: false, megabyte: '1 MB = 10^6 bytes' },
      throughput,
      overhead: failed(throughput) ? throughput : throughput.map((t) =>
        ({ model: t.model, bytes: t.bytes, ...summariseOverhead(t.samples.map((s) => s.overhead)) })),
      load,
      refusedRequests: classifyRefused(servers.trap.refused),
    };
    console.log(formatReport(report));
    log(`wrote ${writeReport(report)}`);
    if (failed(throughput) || failed(load)) process.exitCode = 1;
  } finally {
    await servers?.stop();
  }
}

main().catch((e: unknown) => {
  console.error(`bench failed: ${message(e)}`);
  process.exitCode = 1;
});
