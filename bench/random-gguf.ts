// A llama-architecture GGUF with random weights and a real model's per-token cost, for the bench's
// language-model part: stories260K writes a token in under a millisecond, so the app's fixed costs
// swamp its ratios; this one (28M parameters, F16, about 56 MB) takes tens of ms a token like a small
// real model would. No real GGUF of that size is in the fixtures and there is no network, so it is
// generated: the same seed gives the same bytes on every run (the catalog pins its size and sha256).
//   tsx bench/random-gguf.ts <root>     writes <root>/hearth-test/random-llama-28m/random-llama-28m-f16.gguf
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelsDir } from '../test/support/paths';
import { GgmlType, GgufType, ggufChunks, readGgufHeader, type GgufValue, type TensorToWrite } from './gguf-format';

export const RANDOM_LLAMA = { repo: 'hearth-test/random-llama-28m', path: 'random-llama-28m-f16.gguf' } as const;

/** The tokenizer (512-token sentencepiece vocabulary) and the llama.* key set come from here. */
export const TOKENIZER_SOURCE = path.join(modelsDir, 'ggml-org/models/tinyllamas/stories260K.gguf');

export interface LlamaShape {
  embd: number;
  layers: number;
  ff: number;
  heads: number;
  kvHeads: number;
  context: number;
}

export const RANDOM_LLAMA_SHAPE: LlamaShape = { embd: 512, layers: 8, ff: 1536, heads: 8, kvHeads: 8, context: 2048 };
export const DEFAULT_SEED = 1;

/** mulberry32: tiny, fast and the same everywhere, which is all a fixture needs. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
/** IEEE half from a float small enough to stay finite, rounded to nearest; tiny values flush to zero. */
function toHalf(x: number): number {
  f32[0] = x;
  const bits = u32[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exp = ((bits >>> 23) & 0xff) - 127 + 15;
  if (exp <= 0) return sign;
  const mantissa = bits & 0x7fffff;
  const rounded = (exp << 10) + (mantissa >>> 13) + ((mantissa >>> 12) & 1); // a carry into the exponent is still right
  return sign | rounded;
}

const norm = (name: string, n: number): TensorToWrite => ({
  name,
  dims: [n],
  type: GgmlType.F32,
  fill: (into) => new Float32Array(into.buffer, into.byteOffset, n).fill(1),
});

/** Uniform in ±sqrt(3 / fanIn): unit variance after a matmul with unit-RMS input, as a fresh init would
 *  have, so the RMS-normed stream never overflows F16 or goes NaN. `silentRows` are left zero. */
const random = (
  name: string,
  dims: [number, number],
  next: () => number,
  silentRows: ReadonlySet<number> = new Set(),
): TensorToWrite => ({
  name,
  dims,
  type: GgmlType.F16,
  fill: (into) => {
    const [fanIn, rows] = dims;
    const halves = new Uint16Array(into.buffer, into.byteOffset, fanIn * rows);
    const scale = Math.sqrt(3 / fanIn);
    for (let r = 0; r < rows; r++) {
      const silent = silentRows.has(r);
      for (let i = r * fanIn; i < (r + 1) * fanIn; i++) {
        const v = (2 * next() - 1) * scale; // drawn even when silent, so the stream does not depend on them
        halves[i] = silent ? 0 : toHalf(v);
      }
    }
  },
});

/** Tokens greedy decoding must never pick: everything but ordinary text pieces (type 1). Their output
 *  rows are zero, so their logit is 0 while the best text token's is well above it: no EOS after a few
 *  tokens, no byte tokens that stream as half a UTF-8 character (an empty piece), and no "\n" (a byte
 *  token here), which the chat's stop sequences start with. */
function nonTextTokens(kv: Map<string, GgufValue>): Set<number> {
  const types = kv.get('tokenizer.ggml.token_type');
  if (!types || types.type !== GgufType.ARRAY) throw new Error('tokenizer source has no tokenizer.ggml.token_type');
  return new Set(types.items.flatMap((t, id) => (Number(t) === 1 ? [] : [id])));
}

const u32kv = (value: number): GgufValue => ({ type: GgufType.UINT32, value });

function metadata(source: Map<string, GgufValue>, s: LlamaShape): Map<string, GgufValue> {
  const kv = new Map(source);
  kv.set('llama.context_length', u32kv(s.context));
  kv.set('llama.embedding_length', u32kv(s.embd));
  kv.set('llama.feed_forward_length', u32kv(s.ff));
  kv.set('llama.attention.head_count', u32kv(s.heads));
  kv.set('llama.attention.head_count_kv', u32kv(s.kvHeads));
  kv.set('llama.block_count', u32kv(s.layers));
  kv.set('llama.rope.dimension_count', u32kv(s.embd / s.heads));
  return kv;
}

/** Tensor names and ggml shapes (ne[0] = fan-in) as llama.cpp's llama loader asks for them. */
function tensors(s: LlamaShape, vocab: number, silentOutputs: ReadonlySet<number>, next: () => number): TensorToWrite[] {
  const kvDim = (s.embd / s.heads) * s.kvHeads;
  const blocks = Array.from({ length: s.layers }, (_, i) => [
    random(`blk.${i}.attn_q.weight`, [s.embd, s.embd], next),
    random(`blk.${i}.attn_k.weight`, [s.embd, kvDim], next),
    random(`blk.${i}.attn_v.weight`, [s.embd, kvDim], next),
    random(`blk.${i}.attn_output.weight`, [s.embd, s.embd], next),
    norm(`blk.${i}.attn_norm.weight`, s.embd),
    random(`blk.${i}.ffn_gate.weight`, [s.embd, s.ff], next),
    random(`blk.${i}.ffn_down.weight`, [s.ff, s.embd], next),
    random(`blk.${i}.ffn_up.weight`, [s.embd, s.ff], next),
    norm(`blk.${i}.ffn_norm.weight`, s.embd),
  ]);
  return [
    random('token_embd.weight', [s.embd, vocab], next),
    norm('output_norm.weight', s.embd),
    random('output.weight', [s.embd, vocab], next, silentOutputs),
    ...blocks.flat(),
  ];
}

export interface Generated {
  file: string;
  bytes: number;
  sha256: string;
}

/** Writes the model under `root` in the hub layout the mirror serves ({root}/{repo}/{path}). */
export function writeRandomLlama(
  root: string,
  { seed = DEFAULT_SEED, shape = RANDOM_LLAMA_SHAPE, tokenizer = TOKENIZER_SOURCE } = {},
): Generated {
  const source = readGgufHeader(fs.readFileSync(tokenizer)).kv;
  const vocab = source.get('tokenizer.ggml.tokens');
  if (!vocab || vocab.type !== GgufType.ARRAY) throw new Error(`${tokenizer}: no tokenizer.ggml.tokens`);
  const kv = metadata(source, shape);
  // Tensors are filled in the order written, from one stream: the order is part of the fixture.
  const all = tensors(shape, vocab.items.length, nonTextTokens(source), prng(seed));
  const file = path.join(root, RANDOM_LLAMA.repo, RANDOM_LLAMA.path);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  try {
    for (const chunk of ggufChunks(kv, all)) {
      fs.writeSync(fd, chunk);
      hash.update(chunk);
      bytes += chunk.length;
    }
  } finally {
    fs.closeSync(fd);
  }
  return { file, bytes, sha256: hash.digest('hex') };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2];
  if (!root) throw new Error('usage: tsx bench/random-gguf.ts <output root>');
  const made = writeRandomLlama(root);
  console.log(`${made.file}: ${made.bytes} bytes, sha256 ${made.sha256}`);
}
