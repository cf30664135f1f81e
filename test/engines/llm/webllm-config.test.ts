// What WebLLM is told about a catalog build: one model record whose URLs name store files.
import { describe, expect, it } from 'vitest';
import { parseFileUrl } from '../../../src/core/model-url';
import { catalogById } from '../../../src/catalog/catalog';
import { mlcLibDownloadUrl, mlcLibPath } from '../../../src/downloads/mlc-files';
import {
  engineLibUrl,
  engineModelUrl,
  STORE_URL_BASE,
  webllmAppConfig,
  webllmModelRecord,
} from '../../../src/engines/llm/webllm-config';

const f16 = catalogById('qwen2.5-0.5b-instruct-q4f16-webllm')!;
const f32 = catalogById('qwen2.5-0.5b-instruct-q4f32-webllm')!;

describe('webllm app config', () => {
  it('asks for shader-f16 only for f16 builds', () => {
    expect(webllmModelRecord(f16).required_features).toEqual(['shader-f16']);
    expect(webllmModelRecord(f32).required_features).toBeUndefined();
  });

  it('names files under a reserved origin that the store answers, whatever the model source', () => {
    const record = webllmModelRecord(f32);
    expect(record.model).toBe(`${STORE_URL_BASE}/${f32.repo}/resolve/main/`);
    expect(engineModelUrl(f32)).toBe(record.model);
    expect(record.model_lib).toBe(engineLibUrl(f32));
    // The store keeps the library in the model's repo; the cache shim finds it by the URL's path.
    expect(parseFileUrl(record.model_lib)).toEqual({ repo: f32.repo, revision: 'main', path: mlcLibPath(f32.webllm!.modelLib) });
    expect(new URL(record.model_lib).hostname.endsWith('.invalid')).toBe(true);
    // web-llm fetches a model_lib containing "localhost" directly, past its cache: never give it one.
    expect(record.model_lib).not.toContain('localhost');
    expect(record.model_id).toBe(f32.webllm!.modelId);
  });

  it('downloads the library from MLC on the default source and from the mirror otherwise', () => {
    expect(new URL(mlcLibDownloadUrl('https://huggingface.co', f16.webllm!.modelLib)).origin).toBe(
      'https://raw.githubusercontent.com',
    );
    expect(mlcLibDownloadUrl('http://localhost:9000', f16.webllm!.modelLib)).toBe(
      `http://localhost:9000/mlc-ai/binary-mlc-llm-libs/resolve/main/web-llm-models/v0_2_86/base/${f16.webllm!.modelLib}`,
    );
  });

  it('sets the context window from the load options, never past the build', () => {
    expect(webllmModelRecord(f32).overrides?.context_window_size).toBe(f32.webllm!.contextWindow);
    expect(webllmModelRecord(f32, { contextSize: 1024 }).overrides?.context_window_size).toBe(1024);
    expect(webllmModelRecord(f32, { contextSize: 1e6 }).overrides?.context_window_size).toBe(f32.webllm!.contextWindow);
  });

  it('uses the Cache API backend (the one the worker points at the store) and passes the memory figures', () => {
    const config = webllmAppConfig(f16);
    expect(config.cacheBackend).toBe('cache');
    expect(config.model_list).toHaveLength(1);
    expect(config.model_list[0]).toMatchObject({ low_resource_required: true, vram_required_MB: 945 });
  });

  it('refuses entries that are not WebLLM builds', () => {
    expect(() => webllmModelRecord(catalogById('smollm2-360m-instruct-q4km-wllama')!)).toThrow(/not a WebLLM/);
  });
});
