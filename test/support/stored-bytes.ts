// What the model store holds, read straight from IndexedDB (records, chunks of files stored there)
// and the private file system (one file per record whose bytesIn is 'opfs') from the page: test
// and bench tooling that looks at the disk the way the app left it, not through the app.
import type { Page } from 'playwright-core';

const MODELS_DB = 'hearth-models';

// Defined in the page before each snippet: evaluate() cannot carry Node-side helpers along.
const IN_PAGE = `
const request = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
const openModels = () => request(indexedDB.open(${JSON.stringify(MODELS_DB)}));
const modelFolder = async () => {
  try { return await (await navigator.storage.getDirectory()).getDirectoryHandle(${JSON.stringify(MODELS_DB)}); }
  catch (e) { if (e.name === 'NotFoundError') return null; throw e; }
};
const fileHandleOf = async (key) => (await modelFolder()).getFileHandle(encodeURIComponent(key));
const chunkRange = (key) => IDBKeyRange.bound([key, 0], [key, Infinity]);
const storedBlob = async (db, record) => record.bytesIn === 'opfs'
  ? (await (await fileHandleOf(record.key)).getFile()).slice(0, record.storedBytes)
  : new Blob((await request(db.transaction('chunks').objectStore('chunks').getAll(chunkRange(record.key)))).map((c) => c.data));
`;

function inPage<T>(page: Page, body: string, arg: unknown): Promise<T> {
  return page.evaluate(`(async (arg) => { ${IN_PAGE}\n${body} })(${JSON.stringify(arg)})`) as Promise<T>;
}

/** Records, the pieces (IndexedDB chunks and OPFS files) and bytes that hold model data, and how
 *  many of those bytes are in OPFS files. */
export function storeCounts(page: Page): Promise<{ pieces: number; bytes: number; fileBytes: number; files: number }> {
  return inPage(
    page,
    `const db = await openModels();
    const chunks = await request(db.transaction('chunks').objectStore('chunks').getAll());
    const files = await request(db.transaction('files').objectStore('files').getAll());
    db.close();
    let pieces = chunks.length, fileBytes = 0;
    const folder = await modelFolder();
    if (folder) for await (const handle of folder.values()) { pieces += 1; fileBytes += (await handle.getFile()).size; }
    return { pieces, bytes: fileBytes + chunks.reduce((s, c) => s + c.data.size, 0), fileBytes, files: files.length };`,
    null,
  );
}

/** SHA-256 (hex) of a stored file's bytes. */
export function storedSha256(page: Page, key: string): Promise<string> {
  return inPage(
    page,
    `const db = await openModels();
    const record = await request(db.transaction('files').objectStore('files').get(arg));
    const bytes = await (await storedBlob(db, record)).arrayBuffer();
    db.close();
    return [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');`,
    key,
  );
}

/** Damages a stored file the way a disk error would: the byte in the middle of its last 128 KiB
 *  (weights, not headers: no format check would notice) inverted in place. Returns its offset. */
export function flipStoredByte(page: Page, repo: string, path: string): Promise<{ offset: number }> {
  return inPage(
    page,
    `const db = await openModels();
    try {
      const record = await request(db.transaction('files').objectStore('files').get(arg));
      if (!record) throw new Error('nothing stored for ' + arg);
      const offset = Math.max(0, record.storedBytes - 65536);
      if (record.bytesIn === 'opfs') {
        const handle = await fileHandleOf(record.key);
        const byte = new Uint8Array(await (await handle.getFile()).slice(offset, offset + 1).arrayBuffer());
        const writable = await handle.createWritable({ keepExistingData: true });
        await writable.write({ type: 'write', position: offset, data: new Uint8Array([byte[0] ^ 0xff]) });
        await writable.close();
        return { offset };
      }
      const keys = await request(db.transaction('chunks').objectStore('chunks').getAllKeys(chunkRange(record.key)));
      const last = keys[keys.length - 1];
      if (!last) throw new Error('no chunks stored for ' + arg);
      const stored = await request(db.transaction('chunks').objectStore('chunks').get(last));
      const bytes = new Uint8Array(await stored.data.arrayBuffer());
      const at = Math.floor(bytes.length / 2);
      bytes[at] ^= 0xff;
      await request(db.transaction('chunks', 'readwrite').objectStore('chunks').put({ ...stored, data: new Blob([bytes]) }, last));
      return { offset: record.storedBytes - bytes.length + at };
    } finally {
      db.close();
    }`,
    `${repo}@main/${path}`,
  );
}

/** The bytes of a file a resume keeps: what its record counts, or for an OPFS file all the bytes
 *  written to it in order (a tab closed with a commit in flight leaves more than the record says;
 *  FileWriter.open keeps them), up to the file's size. 0 when nothing is stored. */
export function bytesKept(page: Page, key: string): Promise<number> {
  return inPage(
    page,
    `const db = await openModels();
    try {
      if (!db.objectStoreNames.contains('files')) return 0;
      const record = await request(db.transaction('files').objectStore('files').get(arg));
      if (!record) return 0;
      if (record.bytesIn !== 'opfs') return record.storedBytes;
      const size = await fileHandleOf(record.key).then((h) => h.getFile()).then((f) => f.size, () => 0);
      return Math.max(record.storedBytes, Math.min(size, record.expectedBytes));
    } finally {
      db.close();
    }`,
    key,
  );
}
