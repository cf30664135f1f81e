import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG, catalogById, registerModels } from '../../src/catalog/catalog';
import { TEST_MODELS } from '../../src/catalog/test-models';
import type { ModelTask } from '../../src/catalog/types';
import { ALL_MODELS } from '../support/all-models';
import { modelsDir } from '../support/paths';

const sha256Of = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');
const sharedPath = (repo: string, file: string): string => path.join(modelsDir, repo, file);

describe('model catalog', () => {
  it('has unique, stable-looking ids that catalogById finds, test fixtures once registered', () => {
    const ids = ALL_MODELS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/);
    for (const m of CATALOG) expect(catalogById(m.id)).toBe(m);
    for (const m of TEST_MODELS) expect(catalogById(m.id)).toBeUndefined();
    registerModels(TEST_MODELS);
    for (const m of ALL_MODELS) expect(catalogById(m.id)).toBe(m);
    expect(catalogById('no-such-model')).toBeUndefined();
  });

  it('has only null or 64-char lower-case hex hashes, and no duplicate paths within an entry', () => {
    for (const m of ALL_MODELS) {
      const paths = m.files.map((f) => f.path);
      expect(new Set(paths).size, m.id).toBe(paths.length);
      for (const f of m.files) {
        if (f.sha256 !== null) expect(f.sha256, `${m.id} ${f.path}`).toMatch(/^[0-9a-f]{64}$/);
        expect(Number.isInteger(f.bytes) && f.bytes >= 0, `${m.id} ${f.path}`).toBe(true);
      }
    }
  });

  it('gives exact sizes wherever it gives a hash, and sizes for every other file unless the source states them', () => {
    for (const m of ALL_MODELS) {
      for (const f of m.files) {
        if (f.sha256 !== null || !(m.webllm || m.approxBytes)) expect(f.bytes, `${m.id} ${f.path}`).toBeGreaterThan(0);
      }
    }
  });

  it('says how big an entry without sizes is, and never mixes stated and unstated sizes in one', () => {
    for (const m of ALL_MODELS.filter((m) => !m.webllm && m.files.some((f) => f.bytes === 0))) {
      expect(m.approxBytes, m.id).toBeGreaterThan(0);
      for (const f of m.files) expect([f.bytes, f.sha256], `${m.id} ${f.path}`).toEqual([0, null]);
    }
  });

  it('describes WebLLM builds consistently', () => {
    for (const m of ALL_MODELS) {
      expect(m.runtime === 'webllm', m.id).toBe(m.webllm !== undefined);
      if (!m.webllm) continue;
      expect(m.repo).toBe(`mlc-ai/${m.webllm.modelId}`);
      expect(m.webllm.modelLib).toMatch(/^[\w.-]+-webgpu\.wasm$/);
      if (!m.testOnly) expect(m.webllm.approxBytes).toBeGreaterThan(100e6);
      expect(m.needs.vramBytes).toBeGreaterThan(0);
      expect(m.needs.shaderF16 === true).toBe(m.quantization.startsWith('q4f16'));
      expect(m.files.map((f) => f.path)).toEqual(['mlc-chat-config.json', 'tensor-cache.json', 'tokenizer.json']);
    }
  });

  it('matches shared/models byte for byte: every test fixture, and every other file present there', () => {
    let checked = 0;
    for (const m of ALL_MODELS) {
      for (const f of m.files) {
        const p = sharedPath(m.repo, f.path);
        if (!m.testOnly && !existsSync(p)) continue;
        // Generated, not in shared/: test/support/fake-mlc-model.ts (pinned where it is built) and
        // bench/random-gguf.ts (pinned by test/bench/random-gguf.test.ts).
        if (m.testOnly && (m.webllm || m.repo.startsWith('hearth-test/'))) continue;
        if (m.approxBytes) continue; // sizes and hashes come from the source: the mirror serves shared/

        expect(existsSync(p), `${m.id}: missing ${p}`).toBe(true);
        expect(statSync(p).size, `${m.id} ${f.path} size`).toBe(f.bytes);
        expect(f.sha256, `${m.id} ${f.path}`).not.toBeNull();
        expect(sha256Of(p), `${m.id} ${f.path} sha256`).toBe(f.sha256);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('keeps test fixtures, and only them, in test-models.ts', () => {
    for (const m of CATALOG) expect(m.testOnly, m.id).toBeFalsy();
    for (const m of TEST_MODELS) expect(m.testOnly, m.id).toBe(true);
    // Real models are never marked random, and every random one is a test fixture.
    for (const m of ALL_MODELS) if (m.randomWeights) expect(m.testOnly, m.id).toBe(true);
  });

  it('offers at least one real model for every task', () => {
    const tasks: ModelTask[] = ['llm', 'stt', 'tts', 'embed', 'vad', 'wake'];
    for (const task of tasks) {
      expect(CATALOG.filter((m) => m.task === task).length, task).toBeGreaterThan(0);
    }
  });

  it('says what each wake-word model listens for and which file is its head', () => {
    const wakes = ALL_MODELS.filter((m) => m.task === 'wake');
    expect(wakes.map((m) => m.wake?.phrase)).toEqual(['hey Jarvis', 'Alexa', 'hey Mycroft']);
    for (const m of ALL_MODELS) {
      expect(m.wake !== undefined, m.id).toBe(m.task === 'wake');
      if (!m.wake) continue;
      expect(m.name, m.id).toContain(m.wake.phrase);
      expect(
        m.files.map((f) => f.path),
        m.id,
      ).toEqual(['melspectrogram.onnx', 'embedding_model.onnx', m.wake.head]);
    }
  });

  it('links every licence over https and flags non-commercial ones', () => {
    for (const m of ALL_MODELS) {
      expect(m.licence.url, m.id).toMatch(/^https:\/\/\S+$/);
      expect(m.licence.name.length, m.id).toBeGreaterThan(0);
      if (/\bNC\b/.test(m.licence.name)) expect(m.licence.commercialUse, m.id).toBe(false);
    }
  });

  it('states plausible needs and languages', () => {
    for (const m of ALL_MODELS) {
      expect(m.needs.ramBytes, m.id).toBeGreaterThan(0);
      expect(Number.isInteger(m.needs.ramBytes), m.id).toBe(true);
      expect(m.languages.length, m.id).toBeGreaterThan(0);
      const weights = m.files.reduce((s, f) => s + f.bytes, 0);
      expect(m.needs.ramBytes, m.id).toBeGreaterThanOrEqual(weights);
    }
  });
});
