// Which language model answers, and on which engine. Pure: the page passes the catalog's language
// models, the ids whose files are all stored, the device and the person's pick.
//
// Automatic choice:
//  1. Only stored models of the two chat engines count: a half-downloaded model cannot answer.
//  2. WebLLM on the GPU first, when WebGPU works this session and a stored build fits (fitModel: not
//     too big, not unsupported; so a q4f16 build only with shader-f16, else the q4f32 one).
//  3. Else wllama (llama.cpp) on the CPU, among the stored GGUF models that fit.
//  4. Within an engine: real models before test fixtures, and those before random-weight ones; then
//     those that fit comfortably before tight ones; then, as recommend() in model-fit does, the
//     smallest on phones and small-memory devices and the largest elsewhere. Size means parameters,
//     estimated from download size and quantization, so the f16 and f32 builds of one model are the
//     same size and the one that needs less memory (the f16 build) wins.
// Override: the person's pick answers while it is stored and can run here: its engine works and the
// adapter can bind its buffers. Memory figures are estimates (browsers report memory coarsely), so a
// pick judged too big for memory is still tried; the Models view has said so. Otherwise the automatic
// choice answers, with reason 'override-unavailable' and `fallbackFrom` naming the pick.
// A failed GPU (device lost or out of memory, at load or mid-answer) sets `lost` for the rest of the
// session: GPU models are then out, so choosing again after the failure yields a stored CPU model.
import type { ModelEntry } from '../catalog/types';
import { comfortable, downloadBytes, fitModel, prefersSmall, type FitDevice, type FitModel, type FitResult } from './model-fit';

export type LlmEngineName = 'webllm' | 'wllama';

export type ChoiceReason =
  | 'webgpu' // a stored GPU model fits and WebGPU works
  | 'no-webgpu' // the CPU engine runs: this browser has no WebGPU
  | 'gpu-too-small' // the CPU engine runs: no stored GPU model fits this GPU
  | 'gpu-lost' // the CPU engine runs: the GPU failed earlier this session
  | 'only-stored' // the CPU engine runs: no GPU model is stored
  | 'override' // the person's pick
  | 'override-unavailable' // the pick cannot run now; the automatic choice answers
  | 'nothing-stored' // no language model is stored
  | 'nothing-runs'; // models are stored, but none can run on this device now

/** What the choice reads of a catalog entry (any task-'llm' entry; other runtimes are ignored). */
export type LlmCandidate = FitModel & Pick<ModelEntry, 'testOnly'>;

export interface ChooseLlmInput {
  models: readonly LlmCandidate[];
  /** Ids whose files are all stored. */
  stored: ReadonlySet<string>;
  device: FitDevice;
  /** The person's pick; null (or '') for automatic. */
  override: string | null;
  /** WebGPU failed this session. */
  lost: boolean;
}

export interface LlmChoice {
  model: string | null;
  engine: LlmEngineName | null;
  reason: ChoiceReason;
  /** The person's pick, when it could not be honoured. */
  fallbackFrom?: string;
}

export function chooseLlm(input: ChooseLlmInput): LlmChoice {
  const auto = automaticChoice(input);
  const pick = input.override || null;
  if (!pick) return auto;
  const model = input.models.find((m) => m.id === pick);
  const engine = model ? engineOf(model) : null;
  if (model && engine && input.stored.has(pick) && canRun(model, engine, input))
    return { model: pick, engine, reason: 'override' };
  return { ...auto, ...(auto.model ? { reason: 'override-unavailable' as const } : {}), fallbackFrom: pick };
}

function automaticChoice({ models, stored: storedIds, device, lost }: ChooseLlmInput): LlmChoice {
  const stored = models.filter((m) => engineOf(m) && storedIds.has(m.id));
  if (!stored.length) return { model: null, engine: null, reason: 'nothing-stored' };
  const fitting = (runtime: LlmEngineName) => stored.filter((m) => m.runtime === runtime && runs(fitStored(m, device)));
  const gpuStored = stored.some((m) => m.runtime === 'webllm');
  const gpu = device.webgpu && !lost ? fitting('webllm') : [];
  if (gpu.length) return { model: bestLlm(gpu, device).id, engine: 'webllm', reason: 'webgpu' };
  const cpu = fitting('wllama');
  if (!cpu.length) return { model: null, engine: null, reason: 'nothing-runs' };
  const reason = !device.webgpu ? 'no-webgpu' : !gpuStored ? 'only-stored' : lost ? 'gpu-lost' : 'gpu-too-small';
  return { model: bestLlm(cpu, device).id, engine: 'wllama', reason };
}

const engineOf = (m: FitModel): LlmEngineName | null => (m.runtime === 'webllm' || m.runtime === 'wllama' ? m.runtime : null);

/** A stored model has nothing left to download: a nearly full disk does not count against it. */
const fitStored = (m: FitModel, device: FitDevice): FitResult => fitModel(m, device, downloadBytes(m));

const runs = (fit: FitResult): boolean => fit.verdict === 'fits' || fit.verdict === 'recommended';

function canRun(m: FitModel, engine: LlmEngineName, { device, lost }: ChooseLlmInput): boolean {
  if (engine === 'webllm' && (lost || !device.webgpu)) return false;
  const fit = fitStored(m, device);
  return fit.verdict !== 'unsupported' && !fit.reasons.includes('gpu-buffer-too-small');
}

interface Rank {
  tier: number;
  easy: boolean;
  params: number;
  memory: number;
}

/** Sizes within this fraction count as the same model size. */
const SAME_SIZE = 0.05;

/** The automatic choice's ranking within one engine (also what first-run setup recommends). */
export function bestLlm<M extends LlmCandidate>(models: readonly M[], device: FitDevice): M {
  const small = prefersSmall(device);
  const ranked = models.map((m) => ({ m, r: rank(m, device) }));
  return ranked.reduce((a, b) => (better(b.r, a.r, small) ? b : a)).m;
}

function rank(m: LlmCandidate, device: FitDevice): Rank {
  return {
    tier: m.randomWeights ? 2 : m.testOnly ? 1 : 0,
    easy: comfortable(fitStored(m, device)),
    params: Math.max(1, (downloadBytes(m) * 8) / bitsPerWeight(m.quantization)),
    memory: Math.max(m.needs.ramBytes, m.needs.vramBytes ?? 0),
  };
}

function better(x: Rank, y: Rank, small: boolean): boolean {
  if (x.tier !== y.tier) return x.tier < y.tier;
  if (x.easy !== y.easy) return x.easy;
  const ratio = x.params / y.params;
  if (Math.abs(ratio - 1) > SAME_SIZE) return small ? ratio < 1 : ratio > 1;
  return x.memory < y.memory;
}

/** Bits per weight, roughly (scales and tensors kept at higher precision included). Only compares
 *  sizes, so rough is enough. Order matters: "q4f16" also contains "f16". */
const BITS_PER_WEIGHT: ReadonlyArray<readonly [RegExp, number]> = [
  [/q4f16/i, 4.5],
  [/q4f32/i, 5],
  [/q4_k/i, 4.85],
  [/q8/i, 8.5],
  [/f16/i, 16],
  [/f32/i, 32],
];
const bitsPerWeight = (quantization: string): number => BITS_PER_WEIGHT.find(([pattern]) => pattern.test(quantization))?.[1] ?? 8;
