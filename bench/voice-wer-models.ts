// Finds real Whisper models in a folder laid out like the hub ({org}/{name}/config.json, onnx/*.onnx),
// for the word-error-rate run. "Real" = Whisper-sized (d_model >= 384, tiny's width; the test fixture
// has 16) with encoder and decoder files that are ONNX, not Git LFS pointers.
import fs from 'node:fs';
import path from 'node:path';

export interface WhisperFolder {
  repo: string;
  dtype: 'fp32' | 'q8';
  multilingual: boolean;
}

export interface WhisperSearch {
  found: WhisperFolder[];
  /** Whisper folders passed over, with the reason. */
  passed: string[];
}

const SMALLEST_REAL_WIDTH = 384;
const FILES = {
  q8: ['encoder_model_quantized.onnx', 'decoder_model_merged_quantized.onnx'],
  fp32: ['encoder_model.onnx', 'decoder_model_merged.onnx'],
} as const;

const readJson = (file: string): Record<string, unknown> | null => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
};

/** A Git LFS pointer is a short text file starting with its spec line. */
function isLfsPointer(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(24);
    fs.readSync(fd, head, 0, head.length, 0);
    return head.toString('latin1').startsWith('version https://git-lfs');
  } finally {
    fs.closeSync(fd);
  }
}

function classify(dir: string, repo: string): WhisperFolder | string | null {
  const config = readJson(path.join(dir, 'config.json'));
  if (config?.model_type !== 'whisper') return null;
  if (typeof config.d_model !== 'number' || config.d_model < SMALLEST_REAL_WIDTH)
    return `${repo}: random test weights (d_model ${String(config.d_model)})`;
  const usable = (['q8', 'fp32'] as const).find((dtype) =>
    FILES[dtype].every((f) => {
      const file = path.join(dir, 'onnx', f);
      return fs.existsSync(file) && !isLfsPointer(file);
    }),
  );
  if (!usable) return `${repo}: no ONNX encoder and decoder files (or only Git LFS pointers)`;
  const generation = readJson(path.join(dir, 'generation_config.json'));
  return { repo, dtype: usable, multilingual: generation?.is_multilingual === true };
}

const subdirs = (dir: string) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort()
    : [];

export function findWhisperModels(modelsFolder: string): WhisperSearch {
  const search: WhisperSearch = { found: [], passed: [] };
  for (const org of subdirs(modelsFolder)) {
    for (const name of subdirs(path.join(modelsFolder, org))) {
      const verdict = classify(path.join(modelsFolder, org, name), `${org}/${name}`);
      if (typeof verdict === 'string') search.passed.push(verdict);
      else if (verdict) search.found.push(verdict);
    }
  }
  return search;
}
