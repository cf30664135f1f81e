// A 512 MiB file of seeded pseudo-random bytes for the download part: big enough that a store which
// buffered whole files, or leaked per chunk, would show it in the tab's heap and speed. AES-128-CTR
// over zeros with a fixed key: incompressible, the same bytes on every run (the catalog pins its
// size and sha256; test/bench/random-bytes.test.ts keeps them in step), written at disk speed.
//   tsx bench/random-bytes.ts <root>     writes <root>/hearth-test/random-bytes-512m/random-512m.bin
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const RANDOM_BYTES = { repo: 'hearth-test/random-bytes-512m', path: 'random-512m.bin', bytes: 512 * 1024 * 1024 } as const;

const KEY = Buffer.from('hearth-bench-512', 'utf8'); // 16 bytes
const IV = Buffer.alloc(16);
const BLOCK = 8 * 1024 * 1024;

export function writeRandomBytes(
  root: string,
  bytes: number = RANDOM_BYTES.bytes,
): { file: string; bytes: number; sha256: string } {
  const file = path.join(root, RANDOM_BYTES.repo, RANDOM_BYTES.path);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const cipher = crypto.createCipheriv('aes-128-ctr', KEY, IV);
  const hash = crypto.createHash('sha256');
  const zeros = Buffer.alloc(BLOCK);
  const fd = fs.openSync(file, 'w');
  try {
    for (let written = 0; written < bytes; written += BLOCK) {
      const block = cipher.update(zeros.subarray(0, Math.min(BLOCK, bytes - written)));
      hash.update(block);
      fs.writeSync(fd, block);
    }
  } finally {
    fs.closeSync(fd);
  }
  return { file, bytes, sha256: hash.digest('hex') };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(writeRandomBytes(process.argv[2] ?? '.'));
}
