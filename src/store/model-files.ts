// Model bytes in the origin private file system (OPFS): one file per stored model file, in a folder
// named after the store's database (stores of different names share nothing). IndexedDB keeps the records (sizes, hash states); the bytes live here because a
// worker's sync access handle writes them at disk speed, where IndexedDB Blobs cost a copy and an
// IPC each (measured on 2 cores: 128 MB download with SHA-256 ~80 MB/s into OPFS, ~28 MB/s into
// IndexedDB Blobs, against ~100 MB/s for the network read alone).
//
// Reading and removing work from the page and any worker; writing needs a dedicated worker (the
// sync handle exists only there), reached through a ModelFileWrites port.

/** Writes stored model bytes; the page's port runs them in the store-writes worker. */
export interface ModelFileWrites {
  /** Whether this browser can write model files (OPFS with sync access handles). */
  usable(): Promise<boolean>;
  /** Writes `parts` one after another from byte `offset` of the file and flushes them to disk before
   *  it resolves. Throws StorageQuotaError when the disk or the origin's quota is full. */
  writeAt(folder: string, key: string, offset: number, parts: Uint8Array[]): Promise<void>;
  /** Closes the file's handle (its writer is done with it): readers may open it. */
  release(folder: string, key: string): void | Promise<void>;
  /** Removes the files of `keys` (closing their handles first); those already gone are fine. */
  remove(folder: string, keys: string[]): Promise<void>;
  /** Removes every file of the folder (Erase everything). */
  removeAll(folder: string): Promise<void>;
}

/** The file name of a record key (keys hold '/', which a file name cannot). */
export const modelFileName = (key: string): string => encodeURIComponent(key);

export async function modelFolder(folder: string, create: boolean): Promise<FileSystemDirectoryHandle | null> {
  if (typeof navigator === 'undefined' || !navigator.storage?.getDirectory) return null;
  try {
    return await (await navigator.storage.getDirectory()).getDirectoryHandle(folder, { create });
  } catch (e) {
    if (errorName(e) === 'NotFoundError') return null;
    throw e;
  }
}

/** The stored file's bytes (disk-backed, read lazily), or null when it is not there. */
export async function readModelFile(folderName: string, key: string): Promise<File | null> {
  const folder = await modelFolder(folderName, false);
  if (!folder) return null;
  try {
    return await (await folder.getFileHandle(modelFileName(key))).getFile();
  } catch (e) {
    if (errorName(e) === 'NotFoundError') return null;
    throw e;
  }
}

/** Removes the files of `keys`; those already gone are fine. */
export async function removeModelFiles(folderName: string, keys: string[]): Promise<void> {
  const folder = await modelFolder(folderName, false);
  if (!folder) return;
  for (const key of keys) {
    try {
      await folder.removeEntry(modelFileName(key));
    } catch (e) {
      if (errorName(e) !== 'NotFoundError') throw e;
    }
  }
}

/** Removes every model file of the store (Erase everything). */
export async function removeAllModelFiles(folderName: string): Promise<void> {
  if (typeof navigator === 'undefined' || !navigator.storage?.getDirectory) return;
  try {
    await (await navigator.storage.getDirectory()).removeEntry(folderName, { recursive: true });
  } catch (e) {
    if (errorName(e) !== 'NotFoundError') throw e;
  }
}

export const errorName = (e: unknown): string =>
  typeof e === 'object' && e !== null && 'name' in e ? String((e as { name: unknown }).name) : '';
