// MD5 for MLC weight shards: tensor-cache.json gives each shard's md5sum, the only published check of
// those bytes. Resumable like hasher.ts's SHA-256 (its ~100-byte state is saved with each chunk), so a
// download resumed after a reload still verifies without re-reading what was stored.
import { createMD5 } from 'hash-wasm';
import type { ResumableSha256 as ResumableHash } from './hasher';

export type { ResumableHash };

/** A fresh MD5, or one continuing from `state`; throws when the state cannot be loaded. */
export async function createResumableMd5(state?: Uint8Array | null): Promise<ResumableHash> {
  const md5 = await createMD5();
  if (state) md5.load(state);
  else md5.init();
  return {
    update: (bytes) => void md5.update(bytes),
    save: () => md5.save(),
    digestHex: () => md5.digest('hex'),
  };
}

const MD5_HEX = /^[0-9a-f]{32}$/;

/** The md5sum of a tensor-cache.json record, when it is one. */
export const md5Of = (value: unknown): string | null =>
  typeof value === 'string' && MD5_HEX.test(value.toLowerCase()) ? value.toLowerCase() : null;
