// The sealed response cache against fake-indexeddb and Node's WebCrypto.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { AnswerStats } from '../../src/core/chat-types';
import { closeVaultDb, Vault } from '../../src/platform/crypto-vault';
import { MAX_ENTRIES, RESPONSES_DB_NAME, ResponseCacheStore } from '../../src/platform/response-cache-store';
import { deleteAllDatabases, dumpAll, readRaw, writeRaw } from '../support/idb-raw';

const stats: AnswerStats = { modelId: 'stories', engine: 'wllama', tokens: 3, ttftMs: 12, tokensPerSecond: 40 };
const KEY = 'a3f1'.repeat(16); // shaped like core/response-cache-key's SHA-256 hex

async function openVault(): Promise<Vault> {
  const opening = await Vault.open();
  if (opening.state !== 'ready') throw new Error('expected a device key');
  return opening.vault;
}

const opened: ResponseCacheStore[] = [];
async function openCache(vault: Vault, maxEntries?: number): Promise<ResponseCacheStore> {
  const cache = await ResponseCacheStore.open(vault, maxEntries ? { maxEntries } : {});
  opened.push(cache);
  return cache;
}

afterEach(async () => {
  opened.splice(0).forEach((c) => c.close());
  closeVaultDb();
  await deleteAllDatabases();
});

describe('response cache', () => {
  test('a miss, then the stored answer with its time; clear() empties it', async () => {
    const cache = await openCache(await openVault());
    expect(await cache.get(KEY)).toBeNull();
    const before = Date.now();
    await cache.put(KEY, { text: 'Once there was a fox.', stats });
    const hit = await cache.get(KEY);
    expect(hit).toMatchObject({ text: 'Once there was a fox.', stats });
    expect(hit!.createdAt).toBeGreaterThanOrEqual(before);
    expect(await cache.get(KEY.replace('a', 'b'))).toBeNull();
    await cache.clear();
    expect(await cache.get(KEY)).toBeNull();
  });

  test('the request key is stored only blinded, and the answer only sealed', async () => {
    const cache = await openCache(await openVault());
    await cache.put(KEY, { text: 'plain answer text', stats });
    const dump = await dumpAll();
    expect(dump).toContain(`## ${RESPONSES_DB_NAME}/answers`);
    expect(dump).not.toContain(KEY);
    expect(dump).not.toContain('plain answer text');
    expect(dump).not.toContain('stories'); // the stats are sealed too
  });

  test('an entry that does not decrypt is a miss and is dropped', async () => {
    const vault = await openVault();
    const cache = await openCache(vault);
    await cache.put(KEY, { text: 'x', stats });
    const id = await vault.blindIndex(KEY);
    const row = await readRaw<{ sealed: { data: ArrayBuffer } }>(RESPONSES_DB_NAME, 'answers', id);
    const bytes = new Uint8Array(row.sealed.data);
    bytes[0]! ^= 1;
    await writeRaw(RESPONSES_DB_NAME, 'answers', { ...row, sealed: { ...row.sealed, data: bytes.buffer } });
    expect(await cache.get(KEY)).toBeNull();
    expect(await readRaw(RESPONSES_DB_NAME, 'answers', id)).toBeUndefined();
  });

  test('bounded: past the limit the least recently used entries go first', async () => {
    expect(MAX_ENTRIES).toBe(200);
    const cache = await openCache(await openVault(), 3);
    await cache.put('k1', { text: 'a1', stats });
    await cache.put('k2', { text: 'a2', stats });
    await cache.put('k3', { text: 'a3', stats });
    expect((await cache.get('k1'))?.text).toBe('a1'); // k1 is now the most recently used
    await cache.put('k4', { text: 'a4', stats });
    expect(await cache.get('k2')).toBeNull();
    expect((await Promise.all(['k1', 'k3', 'k4'].map((k) => cache.get(k)))).map((a) => a?.text)).toEqual(['a1', 'a3', 'a4']);
  });

  test('after a passphrase change, reseal keeps every entry answerable under the new secret', async () => {
    const vault = await openVault();
    const cache = await openCache(vault);
    await cache.put(KEY, { text: 'kept across the change', stats });
    const oldId = await vault.blindIndex(KEY);
    await vault.setPassphrase('correct horse battery', { testIterations: 1000 });
    expect(await cache.get(KEY)).toBeNull(); // looked up under the new secret's blind index
    await cache.reseal();
    expect((await cache.get(KEY))?.text).toBe('kept across the change');
    expect(await readRaw(RESPONSES_DB_NAME, 'answers', oldId)).toBeUndefined();
  });
});
