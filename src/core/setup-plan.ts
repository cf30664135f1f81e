// First-run setup: which models to offer a new person on this device, and why. Pure: the page passes
// the device facts (platform/capabilities.ts), the catalog and the UI language.
//
// The set is what a voice turn needs at once: a voice-activity detector, Whisper, a voice and a
// language model. They run side by side in the same tab, so they must fit in memory together, not
// each on its own: the speech models are picked first (they are small), then the largest
// language model the rest of the budget allows (the smallest on phones), and if none fits beside
// Kokoro, the built-in eSpeak-NG voice (shipped with the app, nothing to download) takes its place.
//
// iOS and iPadOS: every browser there is WebKit, which tells a page nothing about memory
// (navigator.deviceMemory is missing) and kills a tab's web content process past a fixed budget:
// people report tabs dying around 1.5 GB (WebKit bug 268816, cited in mlc-ai/web-llm#753, where a
// 3B model's tab was killed once its download finished on iOS 26). Apple documents no figure, so the
// whole set is held to that reported one; WebGPU buffer limits come from the adapter, as anywhere.
import type { ModelEntry } from '../catalog/types';
import { bestLlm } from './engine-choice';
import {
  comfortable,
  fitModel,
  IOS_TAB_MEMORY_BYTES,
  memoryBudget,
  prefersSmall,
  remainingBytes,
  type FitDevice,
  type FitModel,
  type FitReason,
  type FitResult,
} from './model-fit';

export { IOS_TAB_MEMORY_BYTES };
/** At or below this many cores, llama.cpp on the CPU answers slowly enough to prefer the smallest model. */
export const FEW_CORES = 4;

export type SetupTask = 'vad' | 'stt' | 'tts' | 'llm';
export const SETUP_TASKS: readonly SetupTask[] = ['llm', 'vad', 'stt', 'tts'];

export interface SetupDevice extends FitDevice {
  /** navigator.hardwareConcurrency. */
  cores: number | null;
  /** WebKit on iOS or iPadOS (every browser there). */
  iosWebKit: boolean;
}

/** What the plan reads of a catalog entry (any ModelEntry is one). */
export type SetupModel = FitModel & Pick<ModelEntry, 'languages' | 'testOnly'>;

export interface Voice {
  id: string;
  /** BCP-47 tag. */
  language: string;
}

export interface SetupInput {
  models: readonly SetupModel[];
  device: SetupDevice;
  /** BCP-47 tag of the UI language ('en', 'zh-CN'). */
  language: string;
  /** The built-in eSpeak-NG voices (catalog/tts-voices.ts). */
  builtinVoices: readonly Voice[];
  /** The voices a TTS model offers (catalog/tts-voices.ts's kokoroVoices). */
  voicesOf: (model: SetupModel) => readonly Voice[];
  /** Recommend only test fixtures (Settings → "Show test models"): where a task has none, its real
   *  models. Fixtures prove plumbing, not quality. */
  fixtures?: boolean;
  /** Bytes already stored per model id: only the rest is downloaded. */
  storedBytes?: ReadonlyMap<string, number>;
}

export type PickWhy =
  | 'webgpu' // language model on WebLLM: WebGPU works here and this build fits the GPU
  | 'no-webgpu' // language model on llama.cpp (CPU): this browser offers no WebGPU
  | 'gpu-too-small' // on the CPU: WebGPU works, but no GPU build fits this GPU beside the speech models
  | 'small-device' // the smallest that works: a phone or a device with little memory
  | 'few-cores' // the smallest on the CPU: few cores
  | 'large-device' // the largest that fits with room to spare
  | 'language' // speaks the UI language
  | 'cpu-speech' // Whisper on the CPU: the smallest keeps transcription quick
  | 'kokoro' // natural voice in the UI language
  | 'builtin-language' // the built-in voice: Kokoro does not speak the UI language
  | 'builtin-memory' // the built-in voice: Kokoro would not fit beside the language model
  | 'vad' // needed for hands-free listening and to find the end of speech
  | 'ios-memory' // iOS: the set is held to WebKit's tab memory
  | 'test-fixture'; // a test fixture: plumbing only

export interface SetupPick {
  task: SetupTask;
  /** Catalog id; null for the built-in voice (shipped with the app). */
  modelId: string | null;
  engine?: 'webllm' | 'wllama';
  /** TTS only: the voice to speak with. */
  voice?: string;
  /** Bytes still to download. */
  bytes: number;
  /** Working memory once loaded. */
  memoryBytes: number;
  why: PickWhy[];
}

export type ExcludeWhy = Extract<
  FitReason,
  'gpu-buffer-too-small' | 'vram-too-large' | 'ram-too-large' | 'ios-tab-memory' | 'storage-too-small'
>;

export interface SetupExclusion {
  modelId: string;
  why: ExcludeWhy[];
}

export interface SetupPlan {
  picks: SetupPick[];
  /** Tasks nothing could be picked for (no language model fits, say). */
  missing: SetupTask[];
  /** Models of the set's tasks this device cannot run: they would crash the tab or not fit. */
  excluded: SetupExclusion[];
  /** Bytes the set still needs to download. */
  totalBytes: number;
  /** Free space in the origin's quota; null when the browser does not say. */
  freeBytes: number | null;
  /** null when the browser does not say. */
  fitsStorage: boolean | null;
  /** Memory the set would take, against what this device allows a tab. */
  memoryBytes: number;
  memoryBudgetBytes: number;
}

const CRASH_OR_FULL: ReadonlySet<FitReason> = new Set([
  'gpu-buffer-too-small',
  'vram-too-large',
  'ram-too-large',
  'ios-tab-memory',
  'storage-too-small',
]);
const isCrashOrFull = (r: FitReason): r is Extract<ExcludeWhy, FitReason> => CRASH_OR_FULL.has(r);
const CHAT_RUNTIMES = new Set(['webllm', 'wllama']);

const memoryOf = (m: SetupModel): number => Math.max(m.needs.ramBytes, m.needs.vramBytes ?? 0);

/** 'zh-CN' matches 'zh', 'zh-CN', 'zh-HK' and 'multilingual'; 'en' matches 'en-US'. */
export function speaksLanguage(languages: readonly string[], language: string): boolean {
  const base = language.toLowerCase().split('-')[0]!;
  return languages.some((l) => l === 'multilingual' || l.toLowerCase().split('-')[0] === base);
}

/** The memory the whole set may take: the device's hard budget, on iOS held to WebKit's tab limit
 *  (core/model-fit.ts, which judges each model alone by the same rule). */
export const tabBudget = (device: SetupDevice): { hard: number; comfortable: number } => memoryBudget(device);

export function planSetup(input: SetupInput): SetupPlan {
  const { device, language } = input;
  const stored = input.storedBytes ?? new Map<string, number>();
  const budget = tabBudget(device);
  const fits = new Map<string, FitResult>();
  const fitOf = (m: SetupModel): FitResult => {
    let fit = fits.get(m.id);
    if (!fit) fits.set(m.id, (fit = fitModel(m, device, stored.get(m.id) ?? 0)));
    return fit;
  };

  const ofTask = (task: SetupTask): SetupModel[] => {
    const all = input.models.filter((m) => m.task === task && (task !== 'llm' || CHAT_RUNTIMES.has(m.runtime)));
    if (!input.fixtures) return all.filter((m) => !m.testOnly);
    const fixtures = all.filter((m) => m.testOnly);
    return fixtures.length ? fixtures : all;
  };

  const excluded: SetupExclusion[] = [];
  const judge = (task: SetupTask): SetupModel[] =>
    ofTask(task).filter((m) => {
      const why: ExcludeWhy[] = fitOf(m).reasons.filter(isCrashOrFull);
      if (device.iosWebKit && memoryOf(m) > IOS_TAB_MEMORY_BYTES && !why.includes('ios-tab-memory')) why.push('ios-tab-memory');
      if (why.length) excluded.push({ modelId: m.id, why });
      const fit = fitOf(m);
      return !why.length && fit.verdict !== 'unsupported';
    });
  const usable = new Map(SETUP_TASKS.map((task) => [task, judge(task)] as const));
  const runnable = (task: SetupTask): SetupModel[] => usable.get(task)!;

  const small = isSmall(device);
  const common: PickWhy[] = [...(device.iosWebKit ? (['ios-memory'] as const) : [])];
  const fixtureWhy = (m: SetupModel): PickWhy[] => (m.testOnly ? ['test-fixture'] : []);
  const pick = (task: SetupTask, m: SetupModel, why: PickWhy[], extra: Partial<SetupPick> = {}): SetupPick => ({
    task,
    modelId: m.id,
    bytes: remainingBytes(m, stored.get(m.id) ?? 0),
    memoryBytes: memoryOf(m),
    why: [...why, ...common, ...fixtureWhy(m)],
    ...extra,
  });

  const picks: SetupPick[] = [];
  const missing: SetupTask[] = [];

  // Voice activity: the smallest one there is (there is one).
  const vad = smallest(runnable('vad'));
  if (vad) picks.push(pick('vad', vad, ['vad']));
  else missing.push('vad');

  // Whisper: the smallest on phones and wherever it runs on the CPU (a transcription must take a
  // moment, not the length of the utterance); elsewhere the largest that fits with room to spare.
  const sttPool = inLanguage(runnable('stt'), language);
  const sttSmall = small || !device.webgpu;
  const stt = sttSmall ? smallest(sttPool.models) : largestComfortable(sttPool.models, fitOf);
  if (stt) {
    const why: PickWhy[] = [sttSmall ? (small ? 'small-device' : 'cpu-speech') : 'large-device'];
    if (sttPool.matched) why.push('language');
    picks.push(pick('stt', stt, why));
  } else missing.push('stt');

  const speechMemory = picks.reduce((sum, p) => sum + p.memoryBytes, 0);

  // Kokoro when it speaks the UI language; else the built-in voice in that language.
  const kokoro = smallest(runnable('tts').filter((m) => speaksLanguage(m.languages, language)));
  const builtin = builtinPick(input, language);

  // The language model, with the memory left beside the speech models; without Kokoro if need be.
  const llmFor = (reserved: number) => chooseLlm(runnable('llm'), input, budget.hard - reserved, language);
  let llm = kokoro ? llmFor(speechMemory + memoryOf(kokoro)) : null;
  let voice: SetupPick;
  if (kokoro && llm) {
    const voices = input.voicesOf(kokoro).filter((v) => speaksLanguage([v.language], language));
    voice = pick('tts', kokoro, ['kokoro', 'language'], voices[0] ? { voice: voices[0].id } : {});
  } else {
    const why: PickWhy[] = kokoro ? ['builtin-memory'] : ['builtin-language'];
    voice = { ...builtin, why: [...why, ...common] };
    llm = llmFor(speechMemory);
  }
  if (llm) picks.unshift(pick('llm', llm.model, llm.why, { engine: llm.model.runtime as 'webllm' | 'wllama' }));
  else missing.unshift('llm');
  picks.push(voice);

  const totalBytes = picks.reduce((sum, p) => sum + p.bytes, 0);
  const freeBytes = device.storage ? Math.max(0, device.storage.quota - device.storage.usage) : null;
  return {
    picks,
    missing,
    excluded,
    totalBytes,
    freeBytes,
    fitsStorage: freeBytes === null ? null : totalBytes <= freeBytes,
    memoryBytes: picks.reduce((sum, p) => sum + p.memoryBytes, 0),
    memoryBudgetBytes: budget.hard,
  };
}

/** Models speaking the UI language first; others only when none does (a fixture set in Chinese). */
function inLanguage(models: SetupModel[], language: string): { models: SetupModel[]; matched: boolean } {
  const speaking = models.filter((m) => speaksLanguage(m.languages, language));
  return speaking.length ? { models: speaking, matched: true } : { models, matched: false };
}

function builtinPick(input: SetupInput, language: string): SetupPick {
  const voices = input.builtinVoices;
  const exact = voices.find((v) => v.language.toLowerCase() === language.toLowerCase());
  const voice = exact ?? voices.find((v) => speaksLanguage([v.language], language)) ?? voices[0];
  return { task: 'tts', modelId: null, bytes: 0, memoryBytes: 0, why: [], ...(voice ? { voice: voice.id } : {}) };
}

function chooseLlm(
  models: SetupModel[],
  input: SetupInput,
  memoryLeft: number,
  language: string,
): { model: SetupModel; why: PickWhy[] } | null {
  const { device } = input;
  const { models: pool, matched } = inLanguage(models, language);
  const fitting = pool.filter((m) => memoryOf(m) <= memoryLeft);
  const langWhy: PickWhy[] = matched ? ['language'] : [];
  const small = isSmall(device);
  // bestLlm prefers the smallest on a device it takes for a phone: iOS and few cores count as one.
  const asPhone = { ...device, mobile: true };
  const gpu = device.webgpu ? fitting.filter((m) => m.runtime === 'webllm') : [];
  if (gpu.length) {
    const model = bestLlm(gpu, small ? asPhone : device);
    return { model, why: ['webgpu', small ? 'small-device' : 'large-device', ...langWhy] };
  }
  const cpu = fitting.filter((m) => m.runtime === 'wllama');
  if (!cpu.length) return null;
  const fewCores = device.cores !== null && device.cores <= FEW_CORES;
  const model = bestLlm(cpu, small || fewCores ? asPhone : device);
  const engineWhy: PickWhy = device.webgpu ? 'gpu-too-small' : 'no-webgpu';
  const sizeWhy: PickWhy = small ? 'small-device' : fewCores ? 'few-cores' : 'large-device';
  return { model, why: [engineWhy, sizeWhy, ...langWhy] };
}

/** Phones and small-memory devices; every iPhone and iPad too (WebKit's tab limit). */
const isSmall = (device: SetupDevice): boolean => prefersSmall(device) || device.iosWebKit;

const smallest = (models: readonly SetupModel[]): SetupModel | null =>
  models.reduce<SetupModel | null>((a, b) => (!a || memoryOf(b) < memoryOf(a) ? b : a), null);

function largestComfortable(models: readonly SetupModel[], fitOf: (m: SetupModel) => FitResult): SetupModel | null {
  const easy = models.filter((m) => comfortable(fitOf(m)));
  const pool = easy.length ? easy : models;
  return pool.reduce<SetupModel | null>((a, b) => (!a || memoryOf(b) > memoryOf(a) ? b : a), null);
}
