import { describe, expect, it } from 'vitest';
import { chooseLlm, type ChooseLlmInput, type LlmCandidate } from '../../src/core/engine-choice';
import { GiB, type FitDevice } from '../../src/core/model-fit';
import { ALL_MODELS } from '../support/all-models';

const MB = 1_000_000;

const gpuModel = (
  id: string,
  f16: boolean,
  vramMB: number,
  approxBytes: number,
  extra: Partial<LlmCandidate> = {},
): LlmCandidate => ({
  id,
  task: 'llm',
  runtime: 'webllm',
  quantization: f16 ? 'q4f16_1' : 'q4f32_1',
  needs: { ramBytes: (vramMB + 256) * MB, vramBytes: vramMB * MB, ...(f16 ? { shaderF16: true } : {}) },
  files: [{ bytes: 0 }],
  webllm: { approxBytes },
  ...extra,
});
const cpuModel = (id: string, ramBytes: number, fileBytes: number, extra: Partial<LlmCandidate> = {}): LlmCandidate => ({
  id,
  task: 'llm',
  runtime: 'wllama',
  quantization: 'Q4_K_M',
  needs: { ramBytes },
  files: [{ bytes: fileBytes }],
  ...extra,
});

// Shaped like the catalog's entries: sibling f16/f32 builds of two sizes, GGUF builds, fixtures.
const small16 = gpuModel('qwen-0.5b-f16', true, 945, 290 * MB);
const small32 = gpuModel('qwen-0.5b-f32', false, 1060, 320 * MB);
const big16 = gpuModel('qwen-1.5b-f16', true, 1630, 880 * MB);
const big32 = gpuModel('qwen-1.5b-f32', false, 1889, 970 * MB);
const cpuSmall = cpuModel('smol-360m-cpu', 600 * MB, 271 * MB);
const cpuBig = cpuModel('qwen-1.5b-cpu', 1500 * MB, 986 * MB);
const stories = cpuModel('stories260k', 20 * MB, 1.2 * MB, { quantization: 'f32', testOnly: true });
const transformersLlm: LlmCandidate = {
  ...cpuModel('tiny-random-llama', 20 * MB, 2 * MB),
  runtime: 'transformers',
  randomWeights: true,
  testOnly: true,
};
const models = [small16, small32, big16, big32, cpuSmall, cpuBig, stories, transformersLlm];

const gpu = { maxBufferSize: 2 * GiB, maxStorageBufferBindingSize: 2 * GiB, shaderF16: true };
const desktop: FitDevice = { webgpu: gpu, deviceMemoryGiB: 8, mobile: false, storage: { usage: 0, quota: 100 * GiB } };
const noF16: FitDevice = { ...desktop, webgpu: { ...gpu, shaderF16: false } };
const noGpu: FitDevice = { ...desktop, webgpu: null };
const phone: FitDevice = { webgpu: gpu, deviceMemoryGiB: 4, mobile: true, storage: { usage: 0, quota: 20 * GiB } };

const choose = (stored: LlmCandidate[], over: Partial<ChooseLlmInput> = {}) =>
  chooseLlm({ models, stored: new Set(stored.map((m) => m.id)), device: desktop, override: null, lost: false, ...over });

describe('chooseLlm, automatic', () => {
  it('says nothing is stored when no chat model is', () => {
    expect(choose([])).toEqual({ model: null, engine: null, reason: 'nothing-stored' });
    // A stored model of another runtime is not a chat engine's.
    expect(choose([transformersLlm])).toEqual({ model: null, engine: null, reason: 'nothing-stored' });
  });

  it('takes the f16 build where the GPU has shader-f16, the f32 build where it has not', () => {
    expect(choose([small16, small32])).toEqual({ model: small16.id, engine: 'webllm', reason: 'webgpu' });
    expect(choose([small16, small32], { device: noF16 })).toEqual({ model: small32.id, engine: 'webllm', reason: 'webgpu' });
  });

  it('takes the largest model on a desktop, in its f16 build', () => {
    expect(choose([small16, small32, big16, big32, cpuBig]).model).toBe(big16.id);
    expect(choose([small16, small32, big16, big32], { device: noF16 }).model).toBe(big32.id);
  });

  it('takes the smallest model on a phone', () => {
    expect(choose([small16, small32, big16, big32, cpuSmall], { device: phone })).toEqual({
      model: small16.id,
      engine: 'webllm',
      reason: 'webgpu',
    });
  });

  it('prefers the GPU to the CPU whenever a stored GPU model fits', () => {
    expect(choose([small16, cpuBig, cpuSmall]).engine).toBe('webllm');
  });

  it('runs a stored CPU model without WebGPU', () => {
    expect(choose([small16, big16, cpuSmall, cpuBig], { device: noGpu })).toEqual({
      model: cpuBig.id,
      engine: 'wllama',
      reason: 'no-webgpu',
    });
    expect(choose([cpuSmall], { device: { ...noGpu, mobile: true } })).toEqual({
      model: cpuSmall.id,
      engine: 'wllama',
      reason: 'no-webgpu',
    });
  });

  it('runs a CPU model after the GPU was lost this session', () => {
    expect(choose([big16, cpuSmall], { lost: true })).toEqual({ model: cpuSmall.id, engine: 'wllama', reason: 'gpu-lost' });
  });

  it('switches to a stored CPU model when the GPU is lost mid-answer', () => {
    const input: Omit<ChooseLlmInput, 'lost'> = {
      models,
      stored: new Set([big16.id, cpuSmall.id, cpuBig.id]),
      device: desktop,
      override: null,
    };
    const before = chooseLlm({ ...input, lost: false });
    expect(before).toMatchObject({ model: big16.id, engine: 'webllm' });
    // The page marks the GPU lost and asks again with everything else unchanged.
    const after = chooseLlm({ ...input, lost: true });
    expect(after).toEqual({ model: cpuBig.id, engine: 'wllama', reason: 'gpu-lost' });
  });

  it('has nothing to run when the GPU is lost and only GPU models are stored', () => {
    expect(choose([small16, big16], { lost: true })).toEqual({ model: null, engine: null, reason: 'nothing-runs' });
    expect(choose([small16], { device: noGpu })).toEqual({ model: null, engine: null, reason: 'nothing-runs' });
  });

  it('explains a CPU fallback when no stored GPU model suits this GPU', () => {
    // Only an f16 build is stored and the GPU lacks shader-f16.
    expect(choose([small16, cpuSmall], { device: noF16 })).toEqual({
      model: cpuSmall.id,
      engine: 'wllama',
      reason: 'gpu-too-small',
    });
    // The adapter cannot bind the model's largest buffer.
    const wide = gpuModel('wide-buffers', false, 900, 300 * MB, {
      needs: { ramBytes: 1156 * MB, vramBytes: 900 * MB, maxBufferBytes: 3 * GiB },
    });
    const r = chooseLlm({
      models: [wide, cpuSmall],
      stored: new Set([wide.id, cpuSmall.id]),
      device: desktop,
      override: null,
      lost: false,
    });
    expect(r).toEqual({ model: cpuSmall.id, engine: 'wllama', reason: 'gpu-too-small' });
  });

  it('says the CPU model is simply what is stored when no GPU model is', () => {
    expect(choose([cpuSmall])).toEqual({ model: cpuSmall.id, engine: 'wllama', reason: 'only-stored' });
    // A lost GPU changed nothing then: no GPU model would have answered anyway.
    expect(choose([cpuSmall], { lost: true })).toEqual({ model: cpuSmall.id, engine: 'wllama', reason: 'only-stored' });
  });

  it('does not hold a full disk against a model that is already stored', () => {
    const full: FitDevice = { ...desktop, storage: { usage: 99.9 * GiB, quota: 100 * GiB } };
    expect(choose([small16, cpuBig], { device: full })).toMatchObject({ model: small16.id, engine: 'webllm' });
    expect(choose([cpuBig], { device: { ...full, webgpu: null } })).toMatchObject({ model: cpuBig.id });
  });

  it('runs nothing that is too big for the device', () => {
    const tiny: FitDevice = { webgpu: null, deviceMemoryGiB: 1, mobile: true, storage: null };
    expect(choose([cpuBig], { device: tiny })).toEqual({ model: null, engine: null, reason: 'nothing-runs' });
    expect(choose([cpuBig, stories], { device: tiny })).toMatchObject({ model: stories.id, engine: 'wllama' });
  });

  it('prefers real models to test fixtures, and takes a fixture when it is all there is', () => {
    // On a phone the fixture is the smallest, yet the real model wins.
    expect(choose([stories, cpuSmall], { device: { ...phone, webgpu: null } }).model).toBe(cpuSmall.id);
    expect(choose([stories], { device: noGpu })).toEqual({ model: stories.id, engine: 'wllama', reason: 'no-webgpu' });
    const randomGgufs = cpuModel('random-gguf', 10 * MB, 1 * MB, { randomWeights: true });
    const pool = [stories, randomGgufs];
    expect(
      chooseLlm({ models: pool, stored: new Set(pool.map((m) => m.id)), device: noGpu, override: null, lost: false }).model,
    ).toBe(stories.id);
  });

  it('prefers a model that fits comfortably to a larger one that would take most of the memory', () => {
    const huge = cpuModel('huge-cpu', 5 * GiB, 4 * GiB);
    const pool = [huge, cpuBig];
    const r = chooseLlm({ models: pool, stored: new Set(pool.map((m) => m.id)), device: noGpu, override: null, lost: false });
    expect(r.model).toBe(cpuBig.id);
  });
});

describe("chooseLlm, the person's pick", () => {
  it('honours a stored pick that can run', () => {
    expect(choose([big16, cpuSmall], { override: cpuSmall.id })).toEqual({
      model: cpuSmall.id,
      engine: 'wllama',
      reason: 'override',
    });
    expect(choose([big16, small16], { override: small16.id })).toEqual({
      model: small16.id,
      engine: 'webllm',
      reason: 'override',
    });
  });

  it('treats an empty pick as automatic', () => {
    expect(choose([big16, cpuSmall], { override: '' })).toEqual({ model: big16.id, engine: 'webllm', reason: 'webgpu' });
  });

  it('falls back to the automatic choice when the pick is not stored, and says so', () => {
    expect(choose([cpuSmall], { override: big16.id })).toEqual({
      model: cpuSmall.id,
      engine: 'wllama',
      reason: 'override-unavailable',
      fallbackFrom: big16.id,
    });
    expect(choose([cpuSmall], { override: 'no-such-model' })).toEqual({
      model: cpuSmall.id,
      engine: 'wllama',
      reason: 'override-unavailable',
      fallbackFrom: 'no-such-model',
    });
    expect(choose([cpuSmall, transformersLlm], { override: transformersLlm.id })).toMatchObject({
      model: cpuSmall.id,
      reason: 'override-unavailable',
      fallbackFrom: transformersLlm.id,
    });
  });

  it('falls back to a CPU model for a GPU pick without WebGPU', () => {
    expect(choose([big16, cpuSmall], { override: big16.id, device: noGpu })).toEqual({
      model: cpuSmall.id,
      engine: 'wllama',
      reason: 'override-unavailable',
      fallbackFrom: big16.id,
    });
  });

  it('falls back to a CPU model for a GPU pick once the GPU was lost', () => {
    expect(choose([big16, cpuSmall], { override: big16.id, lost: true })).toEqual({
      model: cpuSmall.id,
      engine: 'wllama',
      reason: 'override-unavailable',
      fallbackFrom: big16.id,
    });
  });

  it('falls back to the f32 build for an f16 pick on a GPU without shader-f16', () => {
    expect(choose([small16, small32, cpuSmall], { override: small16.id, device: noF16 })).toEqual({
      model: small32.id,
      engine: 'webllm',
      reason: 'override-unavailable',
      fallbackFrom: small16.id,
    });
  });

  it('tries a pick judged too big for memory (an estimate), but not one the adapter cannot bind', () => {
    const smallPhone: FitDevice = { ...phone, deviceMemoryGiB: 2 };
    expect(choose([big16, small16], { override: big16.id, device: smallPhone })).toMatchObject({
      model: big16.id,
      reason: 'override',
    });
    const narrow: FitDevice = { ...desktop, webgpu: { ...gpu, maxStorageBufferBindingSize: 128 * 1024 ** 2 } };
    const wide = { ...big16, needs: { ...big16.needs, maxBufferBytes: 256 * 1024 ** 2 } };
    const r = chooseLlm({
      models: [wide, cpuSmall],
      stored: new Set([wide.id, cpuSmall.id]),
      device: narrow,
      override: wide.id,
      lost: false,
    });
    expect(r).toEqual({ model: cpuSmall.id, engine: 'wllama', reason: 'override-unavailable', fallbackFrom: wide.id });
  });

  it('keeps the reason for having nothing when the pick cannot run and nothing else can', () => {
    expect(choose([big16], { override: big16.id, lost: true })).toEqual({
      model: null,
      engine: null,
      reason: 'nothing-runs',
      fallbackFrom: big16.id,
    });
    expect(choose([], { override: big16.id })).toEqual({
      model: null,
      engine: null,
      reason: 'nothing-stored',
      fallbackFrom: big16.id,
    });
  });
});

describe('chooseLlm on the real catalog', () => {
  const llms = ALL_MODELS.filter((m) => m.task === 'llm');
  const storedAll = new Set(llms.map((m) => m.id));
  const pick = (device: FitDevice, stored = storedAll) =>
    chooseLlm({ models: llms, stored, device, override: null, lost: false });
  const byId = (id: string | null) => llms.find((m) => m.id === id);

  it('takes the f16 build of every model that has both builds, and the f32 one without shader-f16', () => {
    const f16s = llms.filter((m) => m.runtime === 'webllm' && m.quantization.includes('f16'));
    expect(f16s.length).toBeGreaterThan(0);
    for (const f16 of f16s) {
      const f32 = llms.find((m) => m.id === f16.id.replace('q4f16', 'q4f32'));
      expect(f32, f16.id).toBeDefined();
      const both = new Set([f16.id, f32!.id]);
      expect(pick(desktop, both).model, f16.id).toBe(f16.id);
      expect(pick(noF16, both).model, f16.id).toBe(f32!.id);
    }
  });

  it('takes a large f16 GPU model on a desktop and a GGUF model without WebGPU', () => {
    const gpuPick = byId(pick(desktop).model);
    expect(gpuPick?.runtime).toBe('webllm');
    expect(gpuPick?.quantization).toBe('q4f16_1');
    expect(gpuPick?.testOnly).toBeFalsy();
    const cpuPick = byId(pick(noGpu).model);
    expect(cpuPick?.runtime).toBe('wllama');
    expect(cpuPick?.testOnly).toBeFalsy();
  });

  it('takes a small model on a phone', () => {
    const gpuPick = byId(pick(phone).model)!;
    const gpuSizes = llms.filter((m) => m.runtime === 'webllm' && !m.testOnly).map((m) => m.webllm!.approxBytes);
    expect(gpuPick.webllm!.approxBytes).toBe(Math.min(...gpuSizes));
  });
});
