// Streaming SHA-256 whose state can be saved next to each committed chunk and restored after a
// reload. WebCrypto's digest() needs the whole file in memory and cannot be resumed; hash-wasm's
// save()/load() can, at ~116 bytes of state.

import { importAgainOnFailure } from '../core/import-again';

export interface ResumableSha256 {
  update(bytes: Uint8Array): void;
  /** State covering every byte passed to update() so far. */
  save(): Uint8Array;
  /** Lower-case hex; the hasher must not be used afterwards. */
  digestHex(): string;
}

/** A fresh hasher, or one continuing from `state`. Throws when the state cannot be loaded (e.g. it
 *  was saved by another hash-wasm build): callers then re-hash the stored bytes. */
export async function createResumableSha256(state?: Uint8Array | null): Promise<ResumableSha256> {
  // Its wasm loads with the first hash, not the page. Destructured in the import's then(), so the
  // bundler keeps only SHA-256 of hash-wasm (18 KB instead of 216 KB).
  const createSHA256 = await importAgainOnFailure(() => import('hash-wasm').then(({ createSHA256 }) => createSHA256));
  const sha = await createSHA256();
  if (state) sha.load(state);
  else sha.init();
  return {
    update: (bytes) => void sha.update(bytes),
    save: () => sha.save(),
    digestHex: () => sha.digest('hex'),
  };
}

/** Bytes read from disk at a time when a stored file is hashed again: memory stays at one slice
 *  whatever the file's size. */
const READ_SLICE_BYTES = 4 * 1024 * 1024;

/** Feeds blobs in order, a slice at a time. */
export async function hashBlobs(hash: ResumableSha256, blobs: Blob[]): Promise<void> {
  for (const blob of blobs) {
    for (let at = 0; at < blob.size; at += READ_SLICE_BYTES) {
      hash.update(new Uint8Array(await blob.slice(at, at + READ_SLICE_BYTES).arrayBuffer()));
    }
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The SHA-256 an (X-Linked-)ETag carries, if it is one. Hub LFS files answer with the content
 *  SHA-256 in quotes; small git files answer with a 40-hex git blob id, which is not a content hash. */
export function sha256FromEtag(etag: string | null | undefined): string | null {
  if (!etag) return null;
  const bare = etag.trim().replace(/^W\//, '').replace(/^"|"$/g, '').toLowerCase();
  return SHA256_HEX.test(bare) ? bare : null;
}
