// IndexedDB read and written directly, not through the stores or the vault: what anyone who can
// read the browser's storage gets.

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export function openRaw(name: string, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  const req = indexedDB.open(name, upgrade ? 1 : undefined);
  if (upgrade) req.onupgradeneeded = () => upgrade(req.result);
  return request(req);
}

export async function readRaw<T>(dbName: string, store: string, key: IDBValidKey): Promise<T> {
  const db = await openRaw(dbName);
  try {
    return (await request(db.transaction(store).objectStore(store).get(key))) as T;
  } finally {
    db.close();
  }
}

export async function writeRaw(dbName: string, store: string, value: unknown, key?: IDBValidKey): Promise<void> {
  const db = await openRaw(dbName);
  try {
    await request(db.transaction(store, 'readwrite').objectStore(store).put(value, key));
  } finally {
    db.close();
  }
}

/** A control database holding `value` in clear, to prove the dump would see plaintext. */
export async function storeInClear(dbName: string, value: unknown): Promise<void> {
  const db = await openRaw(dbName, (d) => d.createObjectStore('plain'));
  db.close();
  await writeRaw(dbName, 'plain', value, 1);
}

/** Every key and value of every object store of every database, as text. Strings as they are,
 *  binary data decoded as UTF-8 and as UTF-16 (both byte alignments), so no encoding hides a
 *  plaintext. */
export async function dumpAll(): Promise<string> {
  const out: string[] = [];
  const seen = new WeakSet<object>();
  const decode = (bytes: Uint8Array) => {
    out.push(Buffer.from(bytes).toString('utf8'));
    out.push(Buffer.from(bytes.subarray(0, bytes.length & ~1)).toString('utf16le'));
    out.push(Buffer.from(bytes.subarray(1, 1 + ((bytes.length - 1) & ~1))).toString('utf16le'));
  };
  const walk = async (v: unknown): Promise<void> => {
    if (v === null || v === undefined) return;
    if (typeof v !== 'object') return void out.push(String(v));
    if (seen.has(v)) return;
    seen.add(v);
    if (v instanceof ArrayBuffer) return decode(new Uint8Array(v));
    if (ArrayBuffer.isView(v)) return decode(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    if (v instanceof Blob) return decode(new Uint8Array(await v.arrayBuffer()));
    if (v instanceof CryptoKey) return void out.push(`[CryptoKey ${v.type} extractable=${v.extractable}]`);
    if (v instanceof Map) for (const [k, x] of v) await walk(k).then(() => walk(x));
    if (v instanceof Set) for (const x of v) await walk(x);
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      await walk(x);
    }
  };
  for (const { name } of await indexedDB.databases()) {
    const db = await openRaw(name!);
    for (const store of Array.from(db.objectStoreNames)) {
      const s = () => db.transaction(store).objectStore(store);
      const [keys, values] = await Promise.all([request(s().getAllKeys()), request(s().getAll())]);
      out.push(`## ${name}/${store}`);
      for (const k of keys) await walk(k);
      for (const v of values) await walk(v);
    }
    db.close();
  }
  return out.join('\n');
}

export async function deleteAllDatabases(): Promise<void> {
  for (const { name } of await indexedDB.databases()) {
    await new Promise((resolve) => {
      const req = indexedDB.deleteDatabase(name!);
      req.onsuccess = req.onerror = resolve;
    });
  }
}
