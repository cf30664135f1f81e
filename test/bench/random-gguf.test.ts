// The bench's generated GGUF (bench/random-gguf.ts) against the catalog entry that pins it: the bench
// serves whatever the generator writes, and the app's store accepts only the pinned bytes, so the two
// must not drift apart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GgmlType, GgufType, readGgufHeader, tensorBytes, type GgufHeader, type GgufValue } from '../../bench/gguf-format';
import { RANDOM_LLAMA, TOKENIZER_SOURCE, writeRandomLlama, type Generated } from '../../bench/random-gguf';
import { ALL_MODELS } from '../support/all-models';

const entry = ALL_MODELS.find((m) => m.repo === RANDOM_LLAMA.repo);
const value = (kv: Map<string, GgufValue>, key: string) => {
  const v = kv.get(key);
  return v && v.type !== GgufType.ARRAY ? v.value : undefined;
};

describe('bench/random-gguf.ts', () => {
  let dir: string;
  let made: Generated;
  let header: GgufHeader;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-random-gguf-'));
    made = writeRandomLlama(dir);
    header = readGgufHeader(fs.readFileSync(made.file));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes exactly the file the catalog pins', () => {
    expect(entry?.testOnly).toBe(true);
    expect(entry?.randomWeights).toBe(true);
    expect(entry?.runtime).toBe('wllama');
    expect(entry?.files).toEqual([{ path: RANDOM_LLAMA.path, bytes: made.bytes, sha256: made.sha256 }]);
    expect(fs.statSync(made.file).size).toBe(made.bytes);
    expect(made.file).toBe(path.join(dir, RANDOM_LLAMA.repo, RANDOM_LLAMA.path));
  });

  it("reads back as a 28M-parameter llama with stories260K's tokenizer", () => {
    const source = readGgufHeader(fs.readFileSync(TOKENIZER_SOURCE));
    expect(header.version).toBe(3);
    expect(value(header.kv, 'general.architecture')).toBe('llama');
    expect(
      Object.fromEntries(
        [
          'embedding_length',
          'block_count',
          'feed_forward_length',
          'attention.head_count',
          'attention.head_count_kv',
          'context_length',
          'rope.dimension_count',
        ].map((k) => [k, value(header.kv, `llama.${k}`)]),
      ),
    ).toEqual({
      embedding_length: 512,
      block_count: 8,
      feed_forward_length: 1536,
      'attention.head_count': 8,
      'attention.head_count_kv': 8,
      context_length: 2048,
      'rope.dimension_count': 64,
    });
    for (const [key, v] of source.kv) {
      if (key.startsWith('tokenizer.')) expect(header.kv.get(key), key).toEqual(v);
    }
    expect([...header.kv.keys()].sort()).toEqual([...source.kv.keys()].sort());

    const params = header.tensors.reduce((n, t) => n + t.dims.reduce((a, b) => a * b, 1), 0);
    expect(params).toBeGreaterThan(27e6);
    expect(params).toBeLessThan(29e6);
    expect(header.tensors).toHaveLength(3 + 8 * 9);
    const byName = new Map(header.tensors.map((t) => [t.name, t]));
    expect(byName.get('token_embd.weight')).toMatchObject({ dims: [512, 512], type: GgmlType.F16 });
    expect(byName.get('blk.7.ffn_down.weight')).toMatchObject({ dims: [1536, 512], type: GgmlType.F16 });
    expect(byName.get('blk.0.attn_norm.weight')).toMatchObject({ dims: [512], type: GgmlType.F32 });
    const last = header.tensors.at(-1)!;
    expect(header.dataOffset + last.offset + tensorBytes(last.dims, last.type)).toBe(made.bytes);
  });

  it('has unit norms and finite, non-zero F16 weights', () => {
    const bytes = fs.readFileSync(made.file);
    const at = (name: string) => header.dataOffset + header.tensors.find((t) => t.name === name)!.offset;
    expect(bytes.readFloatLE(at('output_norm.weight'))).toBe(1);
    const q = new Uint16Array(
      bytes.buffer.slice(
        bytes.byteOffset + at('blk.3.attn_q.weight'),
        bytes.byteOffset + at('blk.3.attn_q.weight') + 2 * 512 * 512,
      ),
    );
    const exponents = [...q].map((h) => (h >> 10) & 0x1f);
    expect(exponents.every((e) => e !== 0x1f)).toBe(true); // no Inf or NaN
    expect(new Set(q).size).toBeGreaterThan(10_000);
  });
});
