// `npm run bench`: the model store against raw downloads, and the app's language model and voice round
// trip against the libraries they wrap, in headless Chromium against the built app and the local mirror. Ratios, not
// thresholds: absolute speeds say more about the machine than the app. BENCH_REPS=1 gives a quick
// (noisier) run; `npm run bench -- llm` (or download, load, voice, wer, ...) runs only the parts named;
// `soak` runs only when named (BENCH_SOAK_TURNS answers of a kiosk session). Exits 1
// when a part could not be measured. `wer` reads BENCH_MODELS (default ../shared/models).
import os from 'node:os';
import type { ModelEntry } from '../src/catalog/types';
import { ALL_MODELS } from '../test/support/all-models';
import { measureThroughput, rawFetch } from './download-throughput';
import { measureLoad } from './load-time';
import { bundleDirect } from './llm-direct/bundle';
import { measureLlmSpeed } from './llm-speed';
import { RANDOM_LLAMA, writeRandomLlama } from './random-gguf';
import { machineInfo } from './machine';
import { classifyRefused } from './network-trap';
import { failed, writeReport, type Outcome, type Report } from './report';
import { preflight } from './preflight';
import { modelUrls, startServers, warmMirror, type RunningServers, type Servers } from './servers';
import { withSession } from './session';
import { makeTempDir } from './temp-dirs';
import { summariseOverhead } from './store-overhead';
import { formatReport } from './table';
import { bundleVoiceDirect } from './voice-direct/bundle';
import { measureVoice } from './voice-speed';
import { measureBargeIn } from './voice-barge-in';
import { measureWer } from './voice-wer';
import { formatTabKills, measureTabKills } from './faults-kills';
import { formatNetworkCuts, measureNetworkCuts } from './faults-cuts';
import { formatQuota, measureQuota } from './faults-quota';
import { RANDOM_BYTES, writeRandomBytes } from './random-bytes';
import { measureStartup } from './startup';
import { measureKnowledge } from './knowledge-speed';
import { bundleKnowledgeDirect } from './knowledge-direct/bundle';
import { formatSoak, measureSoak } from './soak';
import { formatDevices, measureDevices } from './devices';
import { bundleMqttDirect } from './devices-direct/bundle';

const REPS = Number(process.env.BENCH_REPS ?? 3);
/** Tab kills of the faults part: half mid-download, half mid-answer. */
const TAB_KILLS = Number(process.env.BENCH_TAB_KILLS ?? 20);
/** Network cuts of the faults part, this many per download of the generated GGUF. */
const NETWORK_CUTS = Number(process.env.BENCH_CUTS ?? 50);
const CUTS_PER_DOWNLOAD = 5;
/** Downloads of the faults part that run out of storage at a random point. */
const QUOTA_TRIALS = Number(process.env.BENCH_QUOTA_TRIALS ?? 5);
/** The download part's big file (bench/random-bytes.ts): one rep, it takes about a minute here. */
const BIG_DOWNLOAD = 'Test: random bytes 512 MiB (generated)';
/** A fast home connection (400 Mbit/s) for the link-limited download of the generated GGUF. */
const LINK_MBPS = Number(process.env.BENCH_LINK_MBPS ?? 50);
const THROUGHPUT_MODELS = [
  'Test: tiny random BERT embeddings (fp32)',
  'Test: tiny random Whisper (fp32)',
  'Test: tiny random Llama (fp16)',
  'Test: stories260K (TinyStories)',
  'Test: random Llama 28M (fp16, generated)',
];
const LOAD_MODEL = 'Test: tiny random BERT embeddings (fp32)';
const LLM_MODEL = 'Test: stories260K (TinyStories)';
/** Written by bench/random-gguf.ts at the start of the run (random weights, a small real model's cost per token). */
const GENERATED_LLM_MODEL = 'Test: random Llama 28M (fp16, generated)';
/** The check writes 24 tokens: tens of ms with stories260K, so many more runs than downloads for the same
 *  noise; the generated model writes them in about half a second, and its ratios are far less noisy. */
const LLM_MODELS = [
  { name: LLM_MODEL, pairsPerRep: 20 },
  { name: GENERATED_LLM_MODEL, pairsPerRep: 10 },
];
const VOICE_MODELS = {
  vad: 'Silero VAD v6',
  whisper: 'Test: tiny random Whisper (q8)',
  llm: LLM_MODEL,
  kokoro: 'Test: tiny random Kokoro',
};

/** The knowledge part's embedder, and its blocks of about 1,000 passages (10 = the 10k-passage figures). */
const KNOWLEDGE_MODEL = 'Test: tiny random BERT embeddings (fp32)';
const KNOWLEDGE_BLOCKS = Number(process.env.BENCH_KNOWLEDGE_BLOCKS ?? 10);

/** Answers of the soak part's kiosk session (`soak` is run only when named: it takes a while). */
const SOAK_ANSWERS = Number(process.env.BENCH_SOAK_TURNS ?? 300);

const PARTS = ['download', 'load', 'llm', 'voice', 'wer', 'faults', 'startup', 'knowledge', 'devices', 'soak'] as const;
/** Parts run only when named on the command line. */
const ON_REQUEST: readonly Part[] = ['soak'];
type Part = (typeof PARTS)[number];

/** The parts named on the command line (`npm run bench -- llm load`), or all of them. */
function selectedParts(args: string[]): Set<Part> {
  const unknown = args.filter((a) => !(PARTS as readonly string[]).includes(a));
  if (unknown.length) throw new Error(`unknown bench part "${unknown.join('", "')}": choose from ${PARTS.join(', ')}`);
  return new Set(args.length ? (args as Part[]) : PARTS.filter((p) => !ON_REQUEST.includes(p)));
}

function byName(name: string): ModelEntry {
  const model = ALL_MODELS.find((m) => m.name === name);
  if (!model) throw new Error(`no catalog entry named "${name}" (src/catalog/catalog.ts, test-models.ts)`);
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

type Measured = Pick<
  Report,
  | 'throughput'
  | 'load'
  | 'llm'
  | 'voice'
  | 'bargeIn'
  | 'wer'
  | 'tabKills'
  | 'startup'
  | 'networkCuts'
  | 'quota'
  | 'knowledge'
  | 'soak'
  | 'devices'
>;

/** The 512 MiB file is measured once per path: it is there for its size, not for a spread. */
const repsFor = (model: ModelEntry): number => (model.name === BIG_DOWNLOAD ? 1 : REPS);

async function measure(servers: Servers, parts: Set<Part>): Promise<Measured> {
  const measured: Measured = {};
  if (parts.has('download')) {
    const models = [...THROUGHPUT_MODELS, BIG_DOWNLOAD].map(byName);
    await warmMirror(servers.mirror, models);
    measured.throughput = await attempt('download throughput', () =>
      withSession(servers, async (session) => {
        await rawFetch(
          session.page,
          models.filter((m) => m.name !== BIG_DOWNLOAD).flatMap((m) => modelUrls(servers.mirror.url, m)),
        ); // untimed warm-up
        const results = [];
        for (const model of models) {
          log(`download throughput and store overhead: ${model.name}`);
          results.push(await measureThroughput(session, servers.mirror.url, model, repsFor(model)));
        }
        // The GGUF and the big file through a mirror paced like a fast home link: both paths wait
        // for the network, and the two sizes tell the store's fixed cost from its per-byte one.
        for (const model of [byName(GENERATED_LLM_MODEL), byName(BIG_DOWNLOAD)]) {
          const link = `${model.name} over a ${LINK_MBPS} MB/s link`;
          log(`download throughput: ${link}`);
          const match = new RegExp(model.repo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
          servers.mirror.fault({ match, kind: 'slow', bytesPerSecond: LINK_MBPS * 1e6 });
          try {
            results.push(await measureThroughput(session, servers.mirror.url, model, repsFor(model), link));
          } finally {
            servers.mirror.clearFaults();
          }
        }
        return results;
      }),
    );
  }
  if (parts.has('load')) {
    log(`load times: ${LOAD_MODEL}`);
    await warmMirror(servers.mirror, [byName(LOAD_MODEL)]);
    measured.load = await attempt('load time', () => measureLoad(servers, byName(LOAD_MODEL), REPS));
  }
  if (parts.has('llm')) {
    measured.llm = [];
    for (const { name, pairsPerRep } of LLM_MODELS) {
      log(`language model speed, app vs wllama directly: ${name}`);
      measured.llm.push(
        await attempt(`llm speed (${name})`, async () => {
          await warmMirror(servers.mirror, [byName(name)]);
          return measureLlmSpeed(servers, byName(name), pairsPerRep * REPS);
        }).then((r) => (failed(r) ? { error: `${name}: ${r.error}` } : r)),
      );
    }
  }
  if (parts.has('voice')) {
    const models = {
      vad: byName(VOICE_MODELS.vad),
      whisper: byName(VOICE_MODELS.whisper),
      llm: byName(VOICE_MODELS.llm),
      kokoro: byName(VOICE_MODELS.kokoro),
    };
    await warmMirror(servers.mirror, Object.values(models));
    measured.voice = await attempt('voice', () => measureVoice(servers, models, REPS, log));
    log('barge-in: talking over a spoken answer');
    measured.bargeIn = await attempt('barge-in', () => measureBargeIn(servers, models, REPS, log));
  }
  if (parts.has('faults')) {
    log(`fault figures: ${TAB_KILLS} tab kills`);
    measured.tabKills = await attempt('tab kills', () => measureTabKills(servers, byName(GENERATED_LLM_MODEL), TAB_KILLS, log));
    log(`fault figures: ${NETWORK_CUTS} network cuts`);
    await warmMirror(servers.mirror, [byName(GENERATED_LLM_MODEL)]);
    measured.networkCuts = await attempt('network cuts', () =>
      measureNetworkCuts(servers, byName(GENERATED_LLM_MODEL), NETWORK_CUTS, CUTS_PER_DOWNLOAD, log),
    );
    log(`fault figures: storage running out, ${QUOTA_TRIALS} downloads`);
    measured.quota = await attempt('quota', () => measureQuota(servers, byName(GENERATED_LLM_MODEL), QUOTA_TRIALS, log));
  }
  if (parts.has('wer')) {
    log('Whisper word error rate');
    measured.wer = await attempt('wer', async () => {
      const wer = await measureWer(servers);
      if (wer.skipped) log(wer.skipped);
      return wer;
    });
  }
  if (parts.has('startup')) {
    log('startup: first-view JS and offline first paint');
    const baseline = process.env.BENCH_BASELINE_DIST?.trim() || undefined;
    measured.startup = await attempt('startup', () => measureStartup(servers, REPS, baseline));
  }
  if (parts.has('knowledge')) {
    log(`knowledge: ${KNOWLEDGE_BLOCKS} blocks of ~1000 passages, app vs transformers.js and Orama directly`);
    await warmMirror(servers.mirror, [byName(KNOWLEDGE_MODEL)]);
    measured.knowledge = await attempt('knowledge', () =>
      measureKnowledge(servers, byName(KNOWLEDGE_MODEL), KNOWLEDGE_BLOCKS, log),
    );
  }
  if (parts.has('devices')) {
    log('devices: typed commands through the app against mqtt.js, and discovery of 500 switches');
    const models = [byName(LLM_MODEL), byName(GENERATED_LLM_MODEL)];
    await warmMirror(servers.mirror, models);
    measured.devices = await attempt('devices', () => measureDevices(servers, models, REPS, log));
  }
  if (parts.has('soak')) {
    log(`soak: a kiosk session of ${SOAK_ANSWERS} answers`);
    const models = { vad: byName(VOICE_MODELS.vad), whisper: byName(VOICE_MODELS.whisper), llm: byName(VOICE_MODELS.llm) };
    await warmMirror(servers.mirror, Object.values(models));
    measured.soak = await attempt('soak', () => measureSoak(servers, models, SOAK_ANSWERS, log));
  }
  return measured;
}

const modelsOf = (parts: Set<Part>): ModelEntry[] =>
  [
    ...new Set([
      ...(parts.has('download') ? THROUGHPUT_MODELS.filter((n) => n !== GENERATED_LLM_MODEL) : []),
      ...(parts.has('load') ? [LOAD_MODEL] : []),
      ...(parts.has('llm') ? [LLM_MODEL] : []),
      ...(parts.has('voice') ? Object.values(VOICE_MODELS) : []),
      ...(parts.has('soak') ? [VOICE_MODELS.vad, VOICE_MODELS.whisper, VOICE_MODELS.llm] : []),
      ...(parts.has('knowledge') ? [KNOWLEDGE_MODEL] : []),
      ...(parts.has('devices') ? [LLM_MODEL] : []),
    ]),
  ].map(byName);

/** Writes the generated models the parts need into a temp folder for the mirror, and checks they are
 *  what the catalog pins (the generator and the catalog entry must change together). */
function generateModels(parts: Set<Part>): { roots: string[]; remove(): void } {
  if (!parts.has('llm') && !parts.has('faults') && !parts.has('download') && !parts.has('devices'))
    return { roots: [], remove: () => {} };
  const dir = makeTempDir('hearth-bench-models-');
  const made = writeRandomLlama(dir.dir);
  const pinned = byName(GENERATED_LLM_MODEL).files.find((f) => f.path === RANDOM_LLAMA.path);
  if (made.bytes !== pinned?.bytes || made.sha256 !== pinned.sha256) {
    dir.remove();
    throw new Error(
      `bench/random-gguf.ts wrote ${made.bytes} bytes (sha256 ${made.sha256}), the catalog's ` +
        `"${GENERATED_LLM_MODEL}" pins ${pinned?.bytes} (${pinned?.sha256}): update one to match the other`,
    );
  }
  if (parts.has('download')) {
    const big = writeRandomBytes(dir.dir);
    const pinnedBig = byName(BIG_DOWNLOAD).files[0];
    if (big.bytes !== pinnedBig?.bytes || big.sha256 !== pinnedBig.sha256 || pinnedBig.path !== RANDOM_BYTES.path) {
      dir.remove();
      throw new Error(`bench/random-bytes.ts wrote ${big.bytes} bytes (${big.sha256}), "${BIG_DOWNLOAD}" pins another file`);
    }
  }
  return { roots: [dir.dir], remove: dir.remove };
}

/** Bench-only pages built into the copy of dist/ before its server starts. */
const addToApp = (parts: Set<Part>) => async (appDir: string) => {
  if (parts.has('llm')) await bundleDirect(appDir);
  if (parts.has('voice') || parts.has('wer')) await bundleVoiceDirect(appDir);
  if (parts.has('knowledge')) await bundleKnowledgeDirect(appDir);
  if (parts.has('devices')) await bundleMqttDirect(appDir);
};

async function main(): Promise<void> {
  if (!Number.isInteger(REPS) || REPS < 1)
    throw new Error(`BENCH_REPS must be a whole number >= 1, not "${process.env.BENCH_REPS}"`);
  // vite preview prints a notice about vite.config.ts meant for whoever edits it, not for bench readers.
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';
  const parts = selectedParts(process.argv.slice(2));
  const startedAt = new Date();
  const loadAtStart = os.loadavg()[0]!;
  await preflight(modelsOf(parts));
  let servers: RunningServers | undefined;
  const generated = generateModels(parts);
  try {
    servers = await startServers(addToApp(parts), generated.roots);
    const measured = await measure(servers, parts);
    const { throughput, voice } = measured;
    const report: Report = {
      startedAt: startedAt.toISOString(),
      durationS: (Date.now() - startedAt.getTime()) / 1000,
      machine: machineInfo(servers.distBuiltAt, loadAtStart),
      settings: {
        reps: REPS,
        parts: [...parts],
        profile: 'fresh on-disk profile per session',
        webgpu: false,
        megabyte: '1 MB = 10^6 bytes',
      },
      ...measured,
      overhead:
        !throughput || failed(throughput)
          ? throughput
          : throughput.map((t) => ({ model: t.model, bytes: t.bytes, ...summariseOverhead(t.samples.map((s) => s.overhead)) })),
      refusedRequests: classifyRefused(servers.trap.refused),
    };
    console.log(formatReport(report));
    if (report.tabKills && !failed(report.tabKills)) console.log(formatTabKills(report.tabKills));
    if (report.networkCuts && !failed(report.networkCuts)) console.log(formatNetworkCuts(report.networkCuts));
    if (report.quota && !failed(report.quota)) console.log(formatQuota(report.quota));
    if (report.soak && !failed(report.soak)) console.log(formatSoak(report.soak));
    if (report.devices && !failed(report.devices)) console.log(formatDevices(report.devices));
    log(`wrote ${writeReport(report)}`);
    const voiceAppMissing = voice && !failed(voice) && voice.engines.some((e) => e.appError);
    // A part that could not be measured fails the run; the others still report.
    if (
      Object.values(measured)
        .flat()
        .some((part) => part && failed(part)) ||
      voiceAppMissing
    )
      process.exitCode = 1;
  } finally {
    await servers?.stop();
    generated.remove();
  }
}

main().catch((e: unknown) => {
  console.error(`bench failed: ${message(e)}`);
  process.exitCode = 1;
});
