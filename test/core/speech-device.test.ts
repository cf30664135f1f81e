import { describe, expect, it } from 'vitest';
import { isSoftwareAdapter, speechDevice } from '../../src/core/speech-device';

const swiftshader = { vendor: 'google', architecture: 'swiftshader', description: '' };
const intel = { vendor: 'intel', architecture: 'gen-12lp', description: 'Intel(R) Iris(R) Xe Graphics' };

describe('speech device', () => {
  it('takes WebGPU automatically only on a hardware adapter', () => {
    expect(speechDevice('auto', intel)).toBe('webgpu');
    expect(speechDevice('auto', swiftshader)).toBe('wasm');
    expect(speechDevice('auto', null)).toBe('wasm');
  });

  it("follows the person's choice, except that WebGPU needs an adapter", () => {
    expect(speechDevice('webgpu', swiftshader)).toBe('webgpu');
    expect(speechDevice('wasm', intel)).toBe('wasm');
    expect(speechDevice('webgpu', null)).toBe('wasm');
  });

  it('recognises software adapters by name', () => {
    expect(isSoftwareAdapter({ vendor: 'mesa', architecture: '', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'microsoft', architecture: '', description: 'Microsoft Basic Render Driver' })).toBe(true);
    expect(isSoftwareAdapter(intel)).toBe(false);
  });
});
