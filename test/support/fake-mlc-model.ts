// Writes a small repo in MLC's layout for the catalog entry 'test-fake-mlc-q4f32-webllm' (test tooling):
// mlc-chat-config.json, tensor-cache.json naming two weight shards (with their real md5sums),
// tokenizer.json, and a model library .wasm in the layout of MLC's library repo. The bytes mean
// nothing to a real engine; the WebLLM double (test/support/doubles/web-llm.ts) reads and checks them.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const FAKE_MLC_REPO = 'mlc-ai/Hearth-Test-Fake-q4f32_1-MLC';
export const FAKE_MLC_LIB = 'Hearth-Test-Fake-q4f32_1-webgpu.wasm';
const SHARD_BYTES = [160_000, 96_000];

export interface FakeMlcModel {
  /** A folder to add to the mirror's roots. */
  root: string;
  /** Bytes of every file, by repo-relative path. */
  sizes: Record<string, number>;
  remove(): void;
}

/** `chatConfig`: extra mlc-chat-config.json fields, e.g. the double's {"hearth_double": {"fail_load": "device-lost"}}. */
export function writeFakeMlcModel({ chatConfig = {} }: { chatConfig?: Record<string, unknown> } = {}): FakeMlcModel {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-fake-mlc-'));
  const repoDir = path.join(root, FAKE_MLC_REPO);
  fs.mkdirSync(repoDir, { recursive: true });
  const sizes: Record<string, number> = {};
  const write = (rel: string, data: Buffer | string) => {
    fs.writeFileSync(path.join(repoDir, rel), data);
    sizes[rel] = Buffer.byteLength(data);
  };
  const shards = SHARD_BYTES.map((n, i) => Buffer.from(Array.from({ length: n }, (_, j) => (j * 131 + i * 17) & 0xff)));
  shards.forEach((b, i) => write(`params_shard_${i}.bin`, b));
  write(
    'tensor-cache.json',
    JSON.stringify({
      metadata: { ParamSize: 2, ParamBytes: SHARD_BYTES[0]! + SHARD_BYTES[1]!, BitsPerParam: 4.5 },
      records: shards.map((b, i) => ({
        dataPath: `params_shard_${i}.bin`,
        format: 'raw-shard',
        nbytes: b.length,
        records: [
          { name: `param_${i}`, shape: [b.length / 4], dtype: 'float32', format: 'f32-to-bf16', nbytes: b.length, byteOffset: 0 },
        ],
        md5sum: crypto.createHash('md5').update(b).digest('hex'),
      })),
    }),
  );
  write(
    'mlc-chat-config.json',
    JSON.stringify({
      model_type: 'fake',
      quantization: 'q4f32_1',
      context_window_size: 1024,
      conv_template: { name: 'chatml' },
      temperature: 0.7,
      top_p: 0.95,
      tokenizer_files: ['tokenizer.json'],
      ...chatConfig,
    }),
  );
  write(
    'tokenizer.json',
    JSON.stringify({ version: '1.0', model: { type: 'WordLevel', vocab: { '<unk>': 0 }, unk_token: '<unk>' } }),
  );
  // A real (empty) wasm module with a custom section as filler: magic, version, section id 0.
  const filler = Buffer.alloc(20_000, 0x41);
  const name = Buffer.from('hearth-fake');
  const body = Buffer.concat([Buffer.from([name.length]), name, filler]);
  const lib = Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0]), leb128(body.length), body]);
  const libDir = path.join(root, 'mlc-ai/binary-mlc-llm-libs/web-llm-models/v0_2_86/base');
  fs.mkdirSync(libDir, { recursive: true });
  fs.writeFileSync(path.join(libDir, FAKE_MLC_LIB), lib);
  sizes[`webllm-lib/${FAKE_MLC_LIB}`] = lib.length;
  return { root, sizes, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

function leb128(n: number): Buffer {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return Buffer.from(out);
}
