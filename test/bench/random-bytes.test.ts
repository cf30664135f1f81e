// The bench's generated 512 MiB file (bench/random-bytes.ts) against the catalog entry that pins it:
// the store accepts only the pinned bytes, so the generator and the entry must not drift apart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RANDOM_BYTES, writeRandomBytes } from '../../bench/random-bytes';
import { ALL_MODELS } from '../support/all-models';

describe('bench/random-bytes.ts', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-random-bytes-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes exactly the file the catalog pins', () => {
    const made = writeRandomBytes(dir);
    const entry = ALL_MODELS.find((m) => m.repo === RANDOM_BYTES.repo);
    expect(entry?.testOnly).toBe(true);
    expect(entry?.files).toEqual([{ path: RANDOM_BYTES.path, bytes: made.bytes, sha256: made.sha256 }]);
    expect(fs.statSync(made.file).size).toBe(RANDOM_BYTES.bytes);
  }, 120_000);
});
