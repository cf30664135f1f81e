// Stored bytes can change after they were verified (a disk error, a half-written blob, another
// program editing the profile). Where the check happens, and why:
//
// - When an engine reads a file (ModelStore.readFile), its bytes are hashed again and compared with
//   the SHA-256 recorded when the file was stored, once per file per worker session. An engine reads
//   every byte of a model anyway, so the check costs hashing, not a second trip to disk for most of
//   the file, and a runtime is never handed bytes that differ from what was verified: a flipped weight
//   does not fail a load with a format error, it quietly makes the model answer worse, so waiting for
//   a format error (or a person's "Check files") would miss most damage.
// - One file at a time and one 4 MiB slice at a time, so memory stays small whatever the model's size.
// - A mismatch marks the file damaged in its record (the model stops being "ready", its card offers a
//   repair that downloads that file only) and the load fails with StoredFileDamagedError, which names
//   the file.
import { importAgainOnFailure } from '../core/import-again';
import { StoredFileDamagedError } from '../core/errors';
import type { FileRecord, ModelsDatabase } from './db';
import type { FileRecords } from './file-records';

/** Files already checked in this context (worker or page), by their record's identity: a model
 *  loaded again in the same session is not hashed again. */
const checkedThisSession = new Set<string>();

const sessionKey = (db: ModelsDatabase, r: FileRecord) => `${db.name}\n${r.key}\n${r.sha256}\n${r.updatedAt}`;

/** SHA-256 of a stored file's bytes, read a slice at a time. */
export async function sha256OfBlob(blob: Blob): Promise<string> {
  // hash-wasm is fetched when a check first runs: pages that only read the store's statuses
  // (the first view) do not carry it.
  const { createResumableSha256, hashBlobs } = await importAgainOnFailure(() => import('./hasher'));
  const hash = await createResumableSha256();
  await hashBlobs(hash, [blob]);
  return hash.digestHex();
}

/** Throws StoredFileDamagedError (after marking the record) when the stored bytes no longer hash to
 *  the SHA-256 recorded at download. Records without a hash are left alone: nothing to compare with. */
export async function checkStoredBytes(db: ModelsDatabase, record: FileRecord, bytes: Blob): Promise<void> {
  if (!record.sha256 || record.damaged) {
    if (record.damaged) throw new StoredFileDamagedError(record.repo, record.path);
    return;
  }
  const token = sessionKey(db, record);
  if (checkedThisSession.has(token)) return;
  const actual = await sha256OfBlob(bytes);
  if (actual === record.sha256) {
    checkedThisSession.add(token);
    return;
  }
  await markDamaged(db, record.key, actual);
  throw new StoredFileDamagedError(record.repo, record.path);
}

/** Hashes one stored file again, whatever this session checked before ("Check files"). */
export async function checkStoredFile(
  db: ModelsDatabase,
  records: FileRecords,
  key: string,
): Promise<'ok' | 'damaged' | 'absent'> {
  const record = await records.get(key);
  if (record?.state !== 'done') return 'absent';
  const bytes = await records.storedBlob(record);
  checkedThisSession.delete(sessionKey(db, record));
  try {
    await checkStoredBytes(db, { ...record, damaged: null }, bytes);
    if (record.damaged) await markDamaged(db, key, null); // it hashes right again: nothing to repair
    return 'ok';
  } catch (e) {
    if (e instanceof StoredFileDamagedError) return 'damaged';
    throw e;
  }
}

/** Records (or clears, with null) what the damaged bytes hash to, in the file's own record. */
async function markDamaged(db: ModelsDatabase, key: string, actualSha256: string | null): Promise<void> {
  const tx = db.transaction('files', 'readwrite');
  const current = await tx.store.get(key);
  if (current) await tx.store.put({ ...current, damaged: actualSha256 ? { at: Date.now(), sha256: actualSha256 } : null });
  await tx.done;
}
