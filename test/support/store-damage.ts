// Damages a stored model file the way a disk error would: one byte inverted in one of its chunks,
// written straight into the app's IndexedDB from the page (test tooling, not product code).
import type { Page } from 'playwright-core';

/** Inverts the byte in the middle of the file's last chunk (weights, not headers: no format check
 *  would notice). Returns the chunk index and offset it changed. */
export function flipStoredByte(page: Page, repo: string, path: string): Promise<{ chunk: number; offset: number }> {
  return page.evaluate(
    async ({ key }) => {
      const request = <T>(req: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      const db = await request(indexedDB.open('hearth-models'));
      try {
        const range = IDBKeyRange.bound([key, 0], [key, Infinity]);
        const keys = (await request(db.transaction('chunks').objectStore('chunks').getAllKeys(range))) as Array<[string, number]>;
        const last = keys[keys.length - 1];
        if (!last) throw new Error(`no chunks stored for ${key}`);
        const stored = (await request(db.transaction('chunks').objectStore('chunks').get(last))) as { data: Blob };
        const bytes = new Uint8Array(await stored.data.arrayBuffer());
        const offset = Math.floor(bytes.length / 2);
        bytes[offset] = bytes[offset]! ^ 0xff;
        await request(
          db
            .transaction('chunks', 'readwrite')
            .objectStore('chunks')
            .put({ ...stored, data: new Blob([bytes]) }, last),
        );
        return { chunk: last[1], offset };
      } finally {
        db.close();
      }
    },
    { key: `${repo}@main/${path}` },
  );
}
