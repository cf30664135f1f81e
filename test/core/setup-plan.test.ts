import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/catalog/catalog';
import { TEST_MODELS } from '../../src/catalog/test-models';
import { BUILTIN_VOICES, kokoroVoices } from '../../src/catalog/tts-voices';
import { GiB } from '../../src/core/model-fit';
import {
  IOS_TAB_MEMORY_BYTES,
  planSetup,
  speaksLanguage,
  type SetupDevice,
  type SetupInput,
  type SetupPlan,
} from '../../src/core/setup-plan';

const ALL = [...CATALOG, ...TEST_MODELS];
const plenty = { usage: 0, quota: 100 * GiB };
const gpu = { maxBufferSize: 2 * GiB, maxStorageBufferBindingSize: 2 * GiB, shaderF16: true };

const desktopGpu: SetupDevice = { webgpu: gpu, deviceMemoryGiB: 8, mobile: false, cores: 8, iosWebKit: false, storage: plenty };
const desktopCpu: SetupDevice = { ...desktopGpu, webgpu: null };
const androidPhone: SetupDevice = { webgpu: gpu, deviceMemoryGiB: 4, mobile: true, cores: 8, iosWebKit: false, storage: plenty };
// WebKit on an iPhone: no deviceMemory, WebGPU with Apple's usual limits (256 MiB bindings).
const iphone: SetupDevice = {
  webgpu: { maxBufferSize: 256 * 1024 ** 2 * 4, maxStorageBufferBindingSize: 256 * 1024 ** 2 * 4, shaderF16: true },
  deviceMemoryGiB: null,
  mobile: null,
  cores: 6,
  iosWebKit: true,
  storage: plenty,
};

const plan = (device: SetupDevice, over: Partial<SetupInput> = {}): SetupPlan =>
  planSetup({
    models: ALL,
    device,
    language: 'en',
    builtinVoices: BUILTIN_VOICES,
    voicesOf: (m) => kokoroVoices(ALL.find((e) => e.id === m.id)!),
    ...over,
  });

const picked = (p: SetupPlan) => Object.fromEntries(p.picks.map((x) => [x.task, x.modelId ?? `builtin:${x.voice}`]));
const whyOf = (p: SetupPlan, task: string) => p.picks.find((x) => x.task === task)!.why;

describe('planSetup', () => {
  it('desktop with a GPU: WebLLM, the larger Whisper, Kokoro, Silero; never a test fixture', () => {
    const p = plan(desktopGpu);
    const ids = picked(p);
    expect(CATALOG.find((m) => m.id === ids['llm'])!.runtime).toBe('webllm');
    expect(whyOf(p, 'llm')).toEqual(expect.arrayContaining(['webgpu', 'large-device']));
    expect(ids['vad']).toBe('silero-vad-v6');
    expect(ids['stt']).toBe('whisper-small-q8');
    expect(ids['tts']).toBe('kokoro-82m-v1-q8');
    expect(p.picks.find((x) => x.task === 'tts')!.voice).toBe('af_heart');
    expect(p.picks.some((x) => x.modelId && ALL.find((m) => m.id === x.modelId)!.testOnly)).toBe(false);
    expect(p.missing).toEqual([]);
    expect(p.fitsStorage).toBe(true);
    expect(p.totalBytes).toBe(p.picks.reduce((s, x) => s + x.bytes, 0));
    expect(p.memoryBytes).toBeLessThanOrEqual(p.memoryBudgetBytes);
  });

  it('no WebGPU: a GGUF for llama.cpp and the quickest Whisper, saying why', () => {
    const p = plan(desktopCpu);
    const llm = p.picks.find((x) => x.task === 'llm')!;
    expect(llm.engine).toBe('wllama');
    expect(llm.why).toContain('no-webgpu');
    expect(picked(p)['stt']).toBe('whisper-tiny-en-q8');
    expect(whyOf(p, 'stt')).toContain('cpu-speech');
  });

  it('few cores on the CPU: the smallest language model', () => {
    const many = plan(desktopCpu).picks.find((x) => x.task === 'llm')!;
    const few = plan({ ...desktopCpu, cores: 2 }).picks.find((x) => x.task === 'llm')!;
    expect(few.why).toContain('few-cores');
    expect(few.bytes).toBeLessThan(many.bytes);
  });

  it('a Chinese phone: a multilingual model, multilingual Whisper, the built-in Mandarin voice', () => {
    const p = plan(androidPhone, { language: 'zh-CN' });
    const ids = picked(p);
    const llm = CATALOG.find((m) => m.id === ids['llm'])!;
    expect(llm.languages).toContain('multilingual');
    expect(whyOf(p, 'llm')).toEqual(expect.arrayContaining(['small-device', 'language']));
    expect(ids['stt']).toBe('whisper-tiny-q8');
    expect(ids['tts']).toBe('builtin:cmn');
    expect(whyOf(p, 'tts')).toContain('builtin-language');
  });

  it('iOS WebKit: models past the tab limit are excluded with why, and the whole set fits under it', () => {
    const p = plan(iphone);
    expect(p.memoryBudgetBytes).toBe(IOS_TAB_MEMORY_BYTES);
    expect(p.memoryBytes).toBeLessThanOrEqual(IOS_TAB_MEMORY_BYTES);
    const tooBig = CATALOG.filter(
      (m) => ['llm', 'stt'].includes(m.task) && Math.max(m.needs.ramBytes, m.needs.vramBytes ?? 0) > IOS_TAB_MEMORY_BYTES,
    );
    expect(tooBig.length).toBeGreaterThan(0);
    for (const m of tooBig) expect(p.excluded.find((e) => e.modelId === m.id)?.why, m.id).toContain('ios-tab-memory');
    expect(p.picks.every((x) => x.why.includes('ios-memory'))).toBe(true);
    // The same device with the same memory outside WebKit excludes none of them for memory.
    const android = plan({ ...iphone, iosWebKit: false, deviceMemoryGiB: 8 });
    expect(android.excluded.filter((e) => e.why.includes('ios-tab-memory'))).toEqual([]);
  });

  it('a GPU whose buffers are too small for a build excludes it and says so', () => {
    const p = plan(
      { ...desktopGpu, webgpu: { ...gpu, maxBufferSize: 128 * 1024 ** 2, maxStorageBufferBindingSize: 128 * 1024 ** 2 } },
      {
        models: ALL.map((m) =>
          m.id === 'qwen3-1.7b-q4f16-webllm' ? { ...m, needs: { ...m.needs, maxBufferBytes: 600 * 1024 ** 2 } } : m,
        ),
      },
    );
    expect(p.excluded.find((e) => e.modelId === 'qwen3-1.7b-q4f16-webllm')!.why).toContain('gpu-buffer-too-small');
    expect(picked(p)['llm']).not.toBe('qwen3-1.7b-q4f16-webllm');
  });

  it('little memory: big models excluded as too big; none fits beside speech → no language model, said', () => {
    const p = plan({ ...desktopCpu, deviceMemoryGiB: 1, mobile: true });
    expect(p.excluded.find((e) => e.modelId === 'llama-3.2-1b-instruct-q4km-wllama')!.why).toContain('ram-too-large');
    expect(p.missing).toContain('llm');
    expect(p.memoryBytes).toBeLessThanOrEqual(p.memoryBudgetBytes);
  });

  it('drops Kokoro for the built-in voice when the language model needs its memory', () => {
    // 2 GiB: a 1.5 GiB budget; Qwen 0.5B on the GPU fits beside Whisper only without Kokoro.
    const p = plan(
      { ...androidPhone, deviceMemoryGiB: 2 },
      {
        models: ALL.filter((m) => m.task !== 'llm' || m.id === 'qwen2.5-0.5b-instruct-q4f16-webllm'),
      },
    );
    expect(picked(p)['llm']).toBe('qwen2.5-0.5b-instruct-q4f16-webllm');
    expect(picked(p)['tts']).toBe('builtin:en-us');
    expect(whyOf(p, 'tts')).toContain('builtin-memory');
  });

  it('checks the set against free space and counts only what is not stored yet', () => {
    const full = plan({ ...desktopCpu, storage: { usage: 0, quota: 300e6 } });
    expect(full.fitsStorage).toBe(false);
    expect(full.freeBytes).toBe(300e6);
    expect(full.excluded.some((e) => e.why.includes('storage-too-small'))).toBe(true);
    const p = plan(desktopCpu);
    const stt = p.picks.find((x) => x.task === 'stt')!;
    const again = plan(desktopCpu, { storedBytes: new Map([[stt.modelId!, stt.bytes]]) });
    expect(again.totalBytes).toBe(p.totalBytes - stt.bytes);
    expect(plan({ ...desktopCpu, storage: null }).fitsStorage).toBeNull();
  });

  it('test models on: the fixture set the local mirror serves, each marked a fixture', () => {
    const p = plan(desktopCpu, { fixtures: true });
    expect(picked(p)).toEqual({
      llm: 'test-stories260k-wllama',
      vad: 'silero-vad-v6', // no VAD fixture: the real one (real weights, 2.3 MB)
      stt: 'test-whisper-q8',
      tts: 'test-kokoro-fp32',
    });
    expect(whyOf(p, 'llm')).toContain('test-fixture');
    expect(whyOf(p, 'vad')).not.toContain('test-fixture');
  });

  it('speaksLanguage matches on the base language or multilingual', () => {
    expect(speaksLanguage(['en-US'], 'en')).toBe(true);
    expect(speaksLanguage(['multilingual'], 'zh-CN')).toBe(true);
    expect(speaksLanguage(['en', 'de'], 'zh-CN')).toBe(false);
    expect(speaksLanguage(['zh-HK'], 'zh-CN')).toBe(true);
  });
});
