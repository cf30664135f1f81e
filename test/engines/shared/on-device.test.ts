import { describe, expect, it, vi } from 'vitest';
import { loadOnDevice } from '../../../src/engines/shared/on-device';
import type { ComputeDevice } from '../../../src/engines/shared/model-holder';
import { probeWebGpu } from '../../../src/shared/webgpu';

const adapter = async () => ({ adapter: {} as GPUAdapter });
const none = async () => ({ adapter: null, error: 'No WebGPU adapter was offered' });

describe('loadOnDevice: WebGPU when asked and offered, else WebAssembly', () => {
  it('runs on WebGPU when asked for and an adapter answers', async () => {
    const tried: ComputeDevice[] = [];
    const out = await loadOnDevice('webgpu', async (d) => (tried.push(d), d), adapter);
    expect(out).toEqual({ value: 'webgpu', device: 'webgpu' });
    expect(tried).toEqual(['webgpu']);
  });

  it('uses WebAssembly without trying the GPU when none is offered or none was asked for', async () => {
    const tried: ComputeDevice[] = [];
    expect(await loadOnDevice('webgpu', async (d) => (tried.push(d), d), none)).toEqual({ value: 'wasm', device: 'wasm' });
    expect(await loadOnDevice('wasm', async (d) => (tried.push(d), d), adapter)).toEqual({ value: 'wasm', device: 'wasm' });
    expect(tried).toEqual(['wasm', 'wasm']);
  });

  it('falls back to WebAssembly when the GPU load fails, and says why', async () => {
    const out = await loadOnDevice(
      'webgpu',
      async (d) => {
        if (d === 'webgpu') throw new Error('shader-f16 is not supported');
        return d;
      },
      adapter,
    );
    expect(out).toEqual({ value: 'wasm', device: 'wasm', gpuError: 'shader-f16 is not supported' });
  });
});

describe('probeWebGpu', () => {
  it('answers "none" where there is no navigator.gpu (Node), never waiting', async () => {
    expect(await probeWebGpu(50)).toMatchObject({ adapter: null, error: 'navigator.gpu is not available' });
  });

  it('gives up on an adapter request that never answers, after its timeout', async () => {
    vi.stubGlobal('navigator', { gpu: { requestAdapter: () => new Promise(() => {}) } });
    try {
      expect(await probeWebGpu(30)).toEqual({ adapter: null, error: 'requestAdapter() gave no answer in 30 ms' });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
