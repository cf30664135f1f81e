import { describe, expect, it } from 'vitest';
import {
  fitModel,
  GiB,
  IOS_TAB_MEMORY_BYTES,
  prefersSmall,
  recommend,
  type FitDevice,
  type FitModel,
} from '../../src/core/model-fit';

const MB = 1_000_000;

const model = (over: Partial<FitModel> & Pick<FitModel, 'id'>): FitModel => ({
  task: 'llm',
  runtime: 'wllama',
  quantization: 'q4_k_m',
  needs: { ramBytes: 500 * MB },
  files: [{ bytes: 400 * MB }],
  ...over,
});

const gpu = { maxBufferSize: 2 * GiB, maxStorageBufferBindingSize: 2 * GiB, shaderF16: true };
const plenty = { usage: 0, quota: 100 * GiB };
const desktop: FitDevice = { webgpu: gpu, deviceMemoryGiB: 8, mobile: false, storage: plenty };

// A small, mid and large model per runtime, as the real catalog has.
const webllmSmall = model({
  id: 'webllm-s',
  runtime: 'webllm',
  quantization: 'q4f16_1',
  needs: { ramBytes: 600 * MB, vramBytes: 900 * MB, shaderF16: true },
});
const webllmF32 = model({
  id: 'webllm-f32',
  runtime: 'webllm',
  quantization: 'q4f32_1',
  needs: { ramBytes: 600 * MB, vramBytes: 1100 * MB },
});
const webllmBig = model({
  id: 'webllm-l',
  runtime: 'webllm',
  quantization: 'q4f16_1',
  needs: { ramBytes: 2 * GiB, vramBytes: 3 * GiB, shaderF16: true },
  files: [{ bytes: 2 * GiB }],
});
const wllamaSmall = model({ id: 'wllama-s', needs: { ramBytes: 300 * MB }, files: [{ bytes: 250 * MB }] });
const wllamaBig = model({ id: 'wllama-l', needs: { ramBytes: 2.5 * GiB }, files: [{ bytes: 2 * GiB }] });
const llms = [webllmSmall, webllmF32, webllmBig, wllamaSmall, wllamaBig];

describe('fitModel', () => {
  it('marks WebLLM unsupported without WebGPU, while the CPU engine fits', () => {
    const noGpu: FitDevice = { ...desktop, webgpu: null };
    expect(fitModel(webllmSmall, noGpu)).toEqual({ verdict: 'unsupported', reasons: ['needs-webgpu'] });
    expect(fitModel(wllamaSmall, noGpu).verdict).toBe('fits');
  });

  it('needs shader-f16 for q4f16 builds but not for q4f32', () => {
    const noF16: FitDevice = { ...desktop, webgpu: { ...gpu, shaderF16: false } };
    expect(fitModel(webllmSmall, noF16)).toEqual({ verdict: 'unsupported', reasons: ['needs-shader-f16'] });
    expect(fitModel(webllmF32, noF16).verdict).toBe('fits');
    // The quantization alone implies f16 for WebLLM, even when the catalog forgot the flag.
    const unflagged = { ...webllmSmall, needs: { ramBytes: 600 * MB } };
    expect(fitModel(unflagged, noF16).verdict).toBe('unsupported');
  });

  it('rejects a model whose largest buffer exceeds the adapter limit', () => {
    const smallLimits: FitDevice = { ...desktop, webgpu: { ...gpu, maxStorageBufferBindingSize: 128 * 1024 ** 2 } };
    const shard = { ...webllmF32, needs: { ...webllmF32.needs, maxBufferBytes: 256 * 1024 ** 2 } };
    expect(fitModel(shard, smallLimits)).toMatchObject({ verdict: 'too-big', reasons: ['gpu-buffer-too-small'] });
  });

  it('rejects models larger than the memory of a small phone', () => {
    const phone: FitDevice = { webgpu: null, deviceMemoryGiB: 2, mobile: true, storage: plenty };
    expect(fitModel(wllamaBig, phone)).toMatchObject({ verdict: 'too-big', reasons: ['ram-too-large'] });
    expect(fitModel(wllamaSmall, phone).verdict).toBe('fits');
  });

  it('says too-big with a reason when the download does not fit the storage left', () => {
    const full: FitDevice = { ...desktop, storage: { usage: 900 * MB, quota: 1000 * MB } };
    expect(fitModel(wllamaSmall, full)).toEqual({ verdict: 'too-big', reasons: ['storage-too-small'] });
    // Only what is still missing counts: a nearly complete download fits.
    expect(fitModel(wllamaSmall, full, 200 * MB).verdict).toBe('fits');
  });

  it('flags tight storage and unknown memory without refusing', () => {
    const tight: FitDevice = { ...desktop, deviceMemoryGiB: null, storage: { usage: 0, quota: 280 * MB } };
    const fit = fitModel(wllamaSmall, tight);
    expect(fit.verdict).toBe('fits');
    expect(fit.reasons).toEqual(expect.arrayContaining(['storage-tight', 'memory-unknown']));
  });
});

describe('on iOS (WebKit tab limit)', () => {
  // iPads report no deviceMemory; an iPhone Pro has 8 GB, and its tab still dies past ~1.5 GB.
  const ipad: FitDevice = { webgpu: null, deviceMemoryGiB: null, mobile: true, iosWebKit: true, storage: plenty };
  const bigIphone: FitDevice = { ...ipad, deviceMemoryGiB: 8 };

  it('refuses a model past the tab limit even with memory to spare, and says why', () => {
    const big = model({ id: 'big', needs: { ramBytes: 2 * GiB } });
    expect(fitModel(big, bigIphone)).toEqual({ verdict: 'too-big', reasons: ['ios-tab-memory'] });
    // The same model on a desktop of the same memory fits.
    expect(fitModel(big, { ...bigIphone, iosWebKit: false, mobile: false }).verdict).toBe('fits');
  });

  it('names the device memory first when that alone is too small', () => {
    const huge = model({ id: 'huge', needs: { ramBytes: 20 * GiB } });
    expect(fitModel(huge, bigIphone).reasons).toEqual(['ram-too-large']);
  });

  it('marks tight above half the tab limit, and prefers small models', () => {
    const mid = model({ id: 'mid', needs: { ramBytes: IOS_TAB_MEMORY_BYTES * 0.6 } });
    expect(fitModel(mid, bigIphone)).toEqual({ verdict: 'fits', reasons: ['memory-tight'] });
    expect(fitModel(wllamaSmall, bigIphone)).toEqual({ verdict: 'fits', reasons: [] });
    expect(prefersSmall({ deviceMemoryGiB: 8, mobile: false, iosWebKit: true })).toBe(true);
    const picks = recommend([wllamaSmall, wllamaBig], bigIphone).picks;
    expect(picks.get('llm')).toBe('wllama-s');
    expect(recommend([wllamaBig], bigIphone).fits.get('wllama-l')!.reasons).toEqual(['ios-tab-memory']);
  });
});

describe('recommend', () => {
  it('recommends the CPU engine when there is no WebGPU', () => {
    const { fits, picks } = recommend(llms, { ...desktop, webgpu: null });
    expect(fits.get('webllm-s')?.verdict).toBe('unsupported');
    expect(fits.get('webllm-l')?.verdict).toBe('unsupported');
    expect(picks.get('llm')).toMatch(/^wllama-/);
    expect(fits.get(picks.get('llm')!)?.verdict).toBe('recommended');
  });

  it('prefers the biggest comfortable model on a desktop', () => {
    const { picks, fits } = recommend(llms, desktop);
    expect(picks.get('llm')).toBe('webllm-l');
    expect([...fits.values()].filter((f) => f.verdict === 'recommended')).toHaveLength(1);
  });

  it('recommends small models on a low-memory phone', () => {
    const phone: FitDevice = { webgpu: null, deviceMemoryGiB: 2, mobile: true, storage: { usage: 0, quota: 10 * GiB } };
    const vad = [model({ id: 'vad-s', task: 'vad', runtime: 'onnx', needs: { ramBytes: 20 * MB }, files: [{ bytes: 2 * MB }] })];
    const stt = [
      model({ id: 'stt-tiny', task: 'stt', runtime: 'transformers', needs: { ramBytes: 150 * MB } }),
      model({ id: 'stt-base', task: 'stt', runtime: 'transformers', needs: { ramBytes: 400 * MB } }),
    ];
    const { picks, fits } = recommend([...llms, ...vad, ...stt], phone);
    expect(picks.get('llm')).toBe('wllama-s');
    expect(fits.get('wllama-l')?.verdict).toBe('too-big');
    expect(picks.get('stt')).toBe('stt-tiny');
    expect(picks.get('vad')).toBe('vad-s');
  });

  it('recommends nothing for a task where nothing fits', () => {
    const { picks } = recommend([webllmSmall], { ...desktop, webgpu: null });
    expect(picks.has('llm')).toBe(false);
  });

  it('picks a random-weight model only when no real model is listed for the task', () => {
    const fixture = model({ id: 'tiny-random', task: 'embed', randomWeights: true, needs: { ramBytes: 1 * MB } });
    const real = model({ id: 'real-embed', task: 'embed', needs: { ramBytes: 100 * MB } });
    expect(recommend([fixture, real], desktop).picks.get('embed')).toBe('real-embed');
    expect(recommend([fixture], desktop).picks.get('embed')).toBe('tiny-random');
  });
});

describe('downloadBytes', () => {
  it('counts WebLLM shards the catalog lists only as an approximate total', () => {
    const mlc = { ...webllmSmall, files: [{ bytes: 0 }], webllm: { approxBytes: 5 * GiB } };
    const small: FitDevice = { ...desktop, storage: { usage: 0, quota: 2 * GiB } };
    expect(fitModel(mlc, small)).toMatchObject({ verdict: 'too-big', reasons: ['storage-too-small'] });
  });
});
