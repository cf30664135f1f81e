// Real bytes for the model-store tests: the tiny random BERT from shared/models, described as two
// catalog entries that share config.json and tokenizer.json (like the real fp32/q8 pair), with
// hashes computed here so a wrong fixture fails loudly instead of passing by accident.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ModelEntry, ModelFile } from '../../src/catalog/types';
import { modelsDir } from './paths';

export const REPO = 'test/tiny-random-bert-embed';
/** Published in shared/models/MANIFEST.md. */
export const MODEL_ONNX_SHA256 = 'b1f01664bc53afe71bc1189f9f87dc96cc2cdd77cad40b50f185c85972aeebfe';
export const MODEL_ONNX_BYTES = 4036814;

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const cache = new Map<string, Uint8Array<ArrayBuffer>>();
export function bytesOf(file: string): Uint8Array<ArrayBuffer> {
  let bytes = cache.get(file);
  if (!bytes) cache.set(file, (bytes = new Uint8Array(readFileSync(path.join(modelsDir, REPO, file)))));
  return bytes;
}

export const fileEntry = (p: string, hashed = true): ModelFile => ({
  path: p,
  bytes: bytesOf(p).byteLength,
  sha256: hashed ? sha256(bytesOf(p)) : null,
});

function entry(id: string, files: ModelFile[]): ModelEntry {
  return {
    id,
    name: id,
    task: 'embed',
    runtime: 'transformers',
    repo: REPO,
    files,
    quantization: 'fp32',
    licence: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0', commercialUse: true },
    needs: { ramBytes: 16 * 1024 * 1024 },
    languages: ['en'],
    testOnly: true,
    randomWeights: true,
    description: 'test fixture',
  };
}

/** config + tokenizer + onnx/model.onnx: 4.5 MB, so the 2 MiB commit size gives three chunks. */
export const bertFull = (): ModelEntry =>
  entry('bert-fp32', [fileEntry('config.json'), fileEntry('tokenizer.json'), fileEntry('onnx/model.onnx')]);
/** Shares config.json and tokenizer.json with bertFull. */
export const bertQuant = (): ModelEntry =>
  entry('bert-q8', [fileEntry('config.json'), fileEntry('tokenizer.json'), fileEntry('onnx/model_quantized.onnx')]);

/** Server contents: "{repo}/{path}" -> bytes, for every fixture file. */
export const serverFiles = (): Record<string, Uint8Array> =>
  Object.fromEntries(
    ['config.json', 'tokenizer.json', 'onnx/model.onnx', 'onnx/model_quantized.onnx', 'vocab.txt'].map((p) => [
      `${REPO}/${p}`,
      bytesOf(p),
    ]),
  );

let dbCounter = 0;
/** A fresh database per test: fake-indexeddb keeps every database for the life of the worker. */
export const freshDbName = (): string => `hearth-models-test-${process.pid}-${++dbCounter}-${Date.now()}`;

export async function blobSha256(blob: Blob): Promise<string> {
  return sha256(new Uint8Array(await blob.arrayBuffer()));
}
