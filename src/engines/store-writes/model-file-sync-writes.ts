// The worker side of ModelFileWrites: OPFS sync access handles, which exist only in dedicated
// workers. A file's handle stays open while its download writes (opening one costs several ms,
// as much as writing 2 MiB) and is closed when the writer releases the file, before any removal,
// and after a second without writes: a handle is an exclusive lock, and readers must not meet one.
//
// Writes are flushed to disk when the handle closes, not after each 2 MiB: a flush there cost
// ~20 ms (the download ran at 0.4x the network read). Written bytes are in the OS's cache at once,
// so a closed tab or a killed browser loses nothing; only a power cut can leave a record counting
// bytes that never reached the disk, and then the file's SHA-256 at the end (or the check when it is
// loaded) fails and the file is fetched again: slow, never wrong.
import { StorageError, StorageQuotaError } from '../../core/errors';
import {
  errorName,
  modelFileName,
  modelFolder,
  removeAllModelFiles,
  removeModelFiles,
  type ModelFileWrites,
} from '../../store/model-files';

const IDLE_CLOSE_MS = 1000;

interface OpenFile {
  handle: FileSystemSyncAccessHandle;
  idle: ReturnType<typeof setTimeout>;
}

export class ModelFileSyncWrites implements ModelFileWrites {
  #usable: Promise<boolean> | null = null;
  readonly #open = new Map<string, OpenFile>();

  usable(): Promise<boolean> {
    return (this.#usable ??= probe());
  }

  async writeAt(folderName: string, key: string, offset: number, parts: Uint8Array[]): Promise<void> {
    const bytes = parts.reduce((sum, p) => sum + p.byteLength, 0);
    try {
      const handle = await this.#handle(folderName, key);
      let at = offset;
      for (const part of parts) {
        const written = handle.write(part, { at });
        if (written !== part.byteLength) throw new StorageQuotaError(bytes, null); // a short write is a full disk
        at += written;
      }
    } catch (e) {
      this.release(folderName, key); // whatever state it is in, the next write starts from a fresh handle
      if (errorName(e) === 'QuotaExceededError') throw new StorageQuotaError(bytes, null);
      if (e instanceof StorageQuotaError) throw e;
      throw new StorageError(`Saving ${key} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  }

  release(folderName: string, key: string): void {
    const id = `${folderName}/${key}`;
    const open = this.#open.get(id);
    if (!open) return;
    this.#open.delete(id);
    clearTimeout(open.idle);
    try {
      open.handle.flush();
    } finally {
      open.handle.close();
    }
  }

  async remove(folderName: string, keys: string[]): Promise<void> {
    for (const key of keys) this.release(folderName, key);
    await removeModelFiles(folderName, keys);
  }

  async removeAll(folderName: string): Promise<void> {
    for (const id of [...this.#open.keys()])
      if (id.startsWith(`${folderName}/`)) this.release(folderName, id.slice(folderName.length + 1));
    await removeAllModelFiles(folderName);
  }

  async #handle(folderName: string, key: string): Promise<FileSystemSyncAccessHandle> {
    const id = `${folderName}/${key}`;
    let open = this.#open.get(id);
    if (!open) {
      const folder = await modelFolder(folderName, true);
      if (!folder) throw new StorageError('This browser has no private file system for model files');
      const handle = await openLocked(await folder.getFileHandle(modelFileName(key), { create: true }));
      open = { handle, idle: setTimeout(() => {}, 0) };
      this.#open.set(id, open);
    }
    clearTimeout(open.idle);
    open.idle = setTimeout(() => this.release(folderName, key), IDLE_CLOSE_MS);
    return open.handle;
  }
}

/** A handle is exclusive, and the worker of a page just reloaded or closed may hold this file's for
 *  a moment more (the file lock it wrote under is already free): wait for it, briefly. */
async function openLocked(file: FileSystemFileHandle): Promise<FileSystemSyncAccessHandle> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await file.createSyncAccessHandle();
    } catch (e) {
      if (errorName(e) !== 'NoModificationAllowedError' || attempt >= 20) throw e;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function probe(): Promise<boolean> {
  try {
    const folder = await modelFolder('.probe', true);
    if (!folder) return false;
    const handle = await (await folder.getFileHandle('.probe', { create: true })).createSyncAccessHandle();
    handle.close();
    await (await navigator.storage.getDirectory()).removeEntry('.probe', { recursive: true });
    return true;
  } catch {
    return false;
  }
}
