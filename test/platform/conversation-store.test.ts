// The encrypted conversation store against fake-indexeddb and Node's WebCrypto: round trips,
// passphrases, and a raw dump of every database that must not contain a canary's plaintext.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { ConversationMessage } from '../../src/core/chat-types';
import { ConversationStore, titleFrom } from '../../src/platform/conversation-store';
import { closeVaultDb, openVault, PBKDF2_ITERATIONS, prepareVault, vaultInfo, Vault, WrongPassphraseError } from '../../src/platform/crypto-vault';
import { APP_DATABASES, eraseEverything } from '../../src/platform/erase-everything';
import { MAX_ENTRIES, ResponseCacheStore } from '../../src/platform/response-cache-store';

const CANARY = 'canary-4f2a zebra whispers';
const FAST = 1000; // PBKDF2 iterations for tests that are not about the production count

const message = (role: 'user' | 'assistant', content: string, extra: Partial<ConversationMessage> = {}): ConversationMessage =>
  ({ id: crypto.randomUUID(), role, content, createdAt: Date.now(), status: 'complete', ...extra });

async function readyVault(): Promise<Vault> {
  const opening = await openVault();
  if (opening.state !== 'ready') throw new Error('expected a device key');
  return opening.vault;
}

/** Every key and value of every store of every database, as text (binary as UTF-8 and UTF-16). */
async function rawDump(): Promise<string> {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (v === null || v === undefined) return;
    if (typeof v === 'string') return void out.push(v);
    if (typeof v !== 'object') return void out.push(String(v));
    if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
      const bytes = v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      out.push(Buffer.from(bytes).toString('utf8'), Buffer.from(bytes.subarray(0, bytes.length & ~1)).toString('utf16le'));
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      walk(x);
    }
  };
  for (const { name } of await indexedDB.databases()) {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name!);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    for (const store of Array.from(db.objectStoreNames)) {
      const values = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      out.push(`## ${name}/${store}`);
      values.forEach(walk);
    }
    db.close();
  }
  return out.join('\n');
}

afterEach(async () => {
  closeVaultDb();
  for (const { name } of await indexedDB.databases()) {
    await new Promise((resolve) => {
      const req = indexedDB.deleteDatabase(name!);
      req.onsuccess = req.onerror = resolve;
    });
  }
});

describe('conversation store', () => {
  test('create, append, stream updates, rename, list newest first, search titles, remove', async () => {
    const store = await ConversationStore.open(await readyVault());
    const a = await store.create(titleFrom('Bedtime story for Lily\nwith dragons'));
    expect(a.title).toBe('Bedtime story for Lily');
    const q = message('user', 'Once upon a time');
    await store.appendMessage(a.id, q);
    const draft = message('assistant', '', { status: 'streaming' });
    await store.appendMessage(a.id, draft);
    // Streaming updates without awaiting each: the queue keeps them in order.
    const writes = ['Once', 'Once there', 'Once there was'].map((content) => store.updateMessage(a.id, draft.id, { content }));
    await Promise.all(writes);
    await store.updateMessage(a.id, draft.id, { status: 'complete', error: undefined });
    const b = await store.create('Café recipes');
    await store.rename(b.id, 'Crème brûlée');

    const got = await store.get(a.id);
    expect(got.messages.map((m) => [m.role, m.content, m.status])).toEqual([['user', 'Once upon a time', 'complete'], ['assistant', 'Once there was', 'complete']]);
    expect('error' in got.messages[1]!).toBe(false);
    const { conversations, damaged } = await store.list();
    expect(conversations.map((c) => c.title)).toEqual(['Crème brûlée', 'Bedtime story for Lily']);
    expect(damaged).toBe(0);
    expect((await store.searchTitles('CRÈME')).map((c) => c.id)).toEqual([b.id]);
    expect((await store.searchTitles('lily')).map((c) => c.id)).toEqual([a.id]);
    await store.remove(a.id);
    expect((await store.list()).conversations.map((c) => c.id)).toEqual([b.id]);
    await expect(store.get(a.id)).rejects.toThrow(/no longer exists/);
    store.close();
  });

  test('long first lines make short titles', () => {
    const title = titleFrom('Tell me everything you know about the migration of arctic terns across the oceans every year');
    expect(title.length).toBeLessThanOrEqual(61);
    expect(title.endsWith('…')).toBe(true);
    expect(titleFrom('   ')).toBe('New conversation');
  });

  test('a raw dump of IndexedDB holds no plaintext of a canary — and the dump does see plaintext when there is some', async () => {
    const vault = await readyVault();
    const store = await ConversationStore.open(vault);
    const conv = await store.create(`Title ${CANARY}`);
    await store.appendMessage(conv.id, message('user', `Question ${CANARY}`));
    const cache = await ResponseCacheStore.open(vault);
    await cache.put('k1', { text: `Answer ${CANARY}`, stats: { modelId: 'm', engine: 'wllama', tokens: 3, ttftMs: 1, tokensPerSecond: 2 } });
    const dump = await rawDump();
    expect(dump).toContain('## hearth-conversations/conversations');
    expect(dump).toContain('## hearth-responses/answers');
    expect(dump).not.toContain('canary-4f2a');
    // Control: the same dump finds the canary when it is stored in clear.
    const control = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open('control', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('s');
      req.onsuccess = () => resolve(req.result);
    });
    await new Promise((resolve) => { const tx = control.transaction('s', 'readwrite'); tx.objectStore('s').put({ text: CANARY }, 1); tx.oncomplete = resolve; });
    control.close();
    expect(await rawDump()).toContain('canary-4f2a');
    store.close();
    cache.close();
  });

  test('a record that does not decrypt is counted as damaged; the rest still list', async () => {
    const store = await ConversationStore.open(await readyVault());
    await store.create('kept');
    store.close();
    const other = (await prepareVault(null)).vault; // another key: the stored record no longer opens
    const foreign = await ConversationStore.open(other);
    await foreign.create('from another key');
    foreign.close();
    const again = await ConversationStore.open(await readyVault());
    const { conversations, damaged } = await again.list();
    expect(conversations.map((c) => c.title)).toEqual(['kept']);
    expect(damaged).toBe(1);
    again.close();
  });
});

describe('passphrase', () => {
  test('the production key derivation uses at least 600,000 PBKDF2 iterations, and the record says so', async () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const { commit } = await prepareVault('correct horse battery');
    await commit();
    expect(await vaultInfo()).toEqual({ mode: 'passphrase', iterations: PBKDF2_ITERATIONS });
  }, 60_000);

  test('set: conversations are re-sealed, reopening is locked, a wrong passphrase is refused, the right one opens', async () => {
    const store = await ConversationStore.open(await readyVault());
    const conv = await store.create('Secret plans');
    await store.appendMessage(conv.id, message('user', 'hello'));
    const cache = await ResponseCacheStore.open(await readyVault());
    await cache.put('k', { text: 'cached', stats: { modelId: 'm', engine: 'wllama', tokens: 1, ttftMs: null, tokensPerSecond: null } });
    const { vault, commit } = await prepareVault('correct horse battery', FAST);
    await store.rekey(vault);
    await cache.rekey(vault);
    await commit();
    store.close();
    cache.close();
    closeVaultDb();

    const opening = await openVault();
    expect(opening.state).toBe('locked');
    if (opening.state !== 'locked') return;
    await expect(opening.unlock('wrong horse')).rejects.toBeInstanceOf(WrongPassphraseError);
    const unlocked = await opening.unlock('correct horse battery');
    const reopened = await ConversationStore.open(unlocked);
    expect((await reopened.get(conv.id)).messages[0]!.content).toBe('hello');
    expect(await (await ResponseCacheStore.open(unlocked)).get('k')).toBeNull(); // the cache starts afresh

    // Removing the passphrase goes back to a device key.
    const device = await prepareVault(null);
    await reopened.rekey(device.vault);
    await device.commit();
    reopened.close();
    closeVaultDb();
    const back = await openVault();
    expect(back.state).toBe('ready');
    if (back.state === 'ready') expect((await (await ConversationStore.open(back.vault)).list()).conversations[0]!.title).toBe('Secret plans');
  });
});

describe('response cache', () => {
  test('hits, misses and a bounded size (oldest out first)', async () => {
    const cache = await ResponseCacheStore.open(await readyVault());
    const stats = { modelId: 'm', engine: 'wllama' as const, tokens: 1, ttftMs: null, tokensPerSecond: null };
    expect(await cache.get('nope')).toBeNull();
    for (let i = 0; i <= MAX_ENTRIES; i++) await cache.put(`k${i}`, { text: `a${i}`, stats });
    expect(await cache.get('k0')).toBeNull();
    expect((await cache.get(`k${MAX_ENTRIES}`))?.text).toBe(`a${MAX_ENTRIES}`);
    cache.close();
  }, 30_000);
});

describe('erase everything', () => {
  test('deletes every app database, conversations and keys included', async () => {
    const vault = await readyVault();
    const store = await ConversationStore.open(vault);
    await store.create('to be erased');
    const cache = await ResponseCacheStore.open(vault);
    const report = await eraseEverything(); // open connections close themselves on versionchange
    expect(report.databases).toEqual([...APP_DATABASES]);
    const left = (await indexedDB.databases()).map((d) => d.name);
    for (const name of APP_DATABASES) expect(left).not.toContain(name);
    cache.close();
  });
});
