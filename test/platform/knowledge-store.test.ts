// The knowledge store against fake-indexeddb and Node's WebCrypto: documents, passages and their
// embeddings round-trip, nothing readable is left at rest, and delete removes all that came from a
// document.
import 'fake-indexeddb/auto';
import { afterEach, expect, test } from 'vitest';
import { closeVaultDb, Vault, type Sealed } from '../../src/platform/crypto-vault';
import { KNOWLEDGE_DB_NAME, KnowledgeStore } from '../../src/platform/knowledge-store';
import { deleteAllDatabases, dumpAll, readRaw, writeRaw } from '../support/idb-raw';

const CANARY = 'Zebrafinch-canary-42';
const opened: KnowledgeStore[] = [];

async function openStore(): Promise<KnowledgeStore> {
  const opening = await Vault.open();
  if (opening.state !== 'ready') throw new Error('expected a device key');
  const store = await KnowledgeStore.open(opening.vault);
  opened.push(store);
  return store;
}

afterEach(async () => {
  opened.splice(0).forEach((s) => s.close());
  closeVaultDb();
  await deleteAllDatabases();
});

const boiler = () => ({
  info: { name: `Boiler ${CANARY}.md`, format: 'md' as const, bytes: 120 },
  text: `# Boiler\nKeep the pressure at 1.5 bar. ${CANARY}`,
  passages: [
    { text: `Boiler\nKeep the pressure at 1.5 bar. ${CANARY}`, headings: ['Boiler'] },
    { text: 'Bleed the radiators.', headings: ['Boiler'], page: 2 },
  ],
});

test('a document, its passages and their vectors round-trip; listing is newest first', async () => {
  const store = await openStore();
  const doc = boiler();
  const a = await store.addDocument(doc.info, doc.text, doc.passages, 1000);
  const b = await store.addDocument(
    { name: 'Recipes.txt', format: 'txt', bytes: 10 },
    'Knead.',
    [{ text: 'Knead.', headings: [] }],
    2000,
  );
  expect(a.passages).toBe(2);
  expect((await store.listDocuments()).documents.map((d) => d.name)).toEqual(['Recipes.txt', doc.info.name]);
  expect(await store.getDocument(a.id)).toMatchObject({ ...doc.info, text: doc.text, passages: 2 });

  expect((await store.passagesToEmbed('bge')).length).toBe(3);
  const vector = new Float32Array([0.25, -1, 3.5]);
  await store.setVectors('bge', new Map([[`${a.id}:0`, vector]]));
  expect(await store.passagesToEmbed('bge')).toEqual(expect.arrayContaining([`${a.id}:1`, `${b.id}:0`]));
  expect(await store.passagesToEmbed('bge')).toHaveLength(2);
  expect(await store.passagesToEmbed('other-model')).toHaveLength(3);

  const passages = await store.passages(a.id);
  expect(passages.map((p) => [p.index, p.text, p.page, p.headings])).toEqual([
    [0, doc.passages[0]!.text, undefined, ['Boiler']],
    [1, 'Bleed the radiators.', 2, ['Boiler']],
  ]);
  expect([...passages[0]!.vector!]).toEqual([0.25, -1, 3.5]);
  expect(passages[1]!.vector).toBeNull();

  await store.setSummary(a.id, 'About the boiler.');
  expect((await store.getDocument(a.id)).summary).toBe('About the boiler.');
});

test('nothing of a document is readable at rest: name, text, passages, vectors', async () => {
  const store = await openStore();
  const doc = boiler();
  const { id } = await store.addDocument(doc.info, doc.text, doc.passages);
  await store.setVectors('bge', new Map([[`${id}:0`, new Float32Array(new TextEncoder().encode(CANARY.padEnd(24)).buffer)]]));
  const dump = await dumpAll();
  expect(dump).toContain('## hearth-knowledge/passages'); // the dump did read the store
  expect(dump).not.toContain(CANARY);
  expect(dump).not.toContain('pressure');
  // control: the same dump sees a plaintext canary where there is one
  await writeRaw(KNOWLEDGE_DB_NAME, 'documents', { id: 'x', addedAt: 0, info: CANARY, text: '' });
  expect(await dumpAll()).toContain(CANARY);
});

test('delete removes the document and every passage and vector, and only those', async () => {
  const store = await openStore();
  const doc = boiler();
  const a = await store.addDocument(doc.info, doc.text, doc.passages);
  const b = await store.addDocument({ name: 'Other.txt', format: 'txt', bytes: 5 }, 'Other.', [{ text: 'Other.', headings: [] }]);
  await store.setVectors('bge', new Map([[`${a.id}:0`, new Float32Array([1])]]));
  expect(await store.remove(a.id)).toBe(2);
  expect((await store.passages()).map((p) => p.docId)).toEqual([b.id]);
  expect((await store.listDocuments()).documents.map((d) => d.id)).toEqual([b.id]);
  await expect(store.getDocument(a.id)).rejects.toThrow(/no longer on this device/);
  expect(await readRaw(KNOWLEDGE_DB_NAME, 'passages', `${a.id}:1`)).toBeUndefined();
  // vectors for a deleted passage are dropped, not resurrected
  await store.setVectors('bge', new Map([[`${a.id}:1`, new Float32Array([2])]]));
  expect(await store.passages()).toHaveLength(1);
});

test('a document that no longer decrypts is listed as damaged, not thrown', async () => {
  const store = await openStore();
  const { id } = await store.addDocument(boiler().info, 'x', []);
  const row = await readRaw<{ info: { iv: Uint8Array } }>(KNOWLEDGE_DB_NAME, 'documents', id);
  row.info.iv = new Uint8Array(row.info.iv.length); // a different nonce: authentication fails
  await writeRaw(KNOWLEDGE_DB_NAME, 'documents', row);
  expect(await store.listDocuments()).toEqual({ documents: [], damagedIds: [id] });
  await expect(store.getDocument(id)).rejects.toThrow(/This document/);
  await store.remove(id);
  expect((await store.listDocuments()).damagedIds).toEqual([]);
});

test('after a passphrase change, reseal moves every document, passage and vector to the new secret', async () => {
  const opening = await Vault.open();
  if (opening.state !== 'ready') throw new Error('expected a device key');
  const store = await KnowledgeStore.open(opening.vault);
  opened.push(store);
  const doc = boiler();
  const { id } = await store.addDocument(doc.info, doc.text, doc.passages, 1000);
  await store.setVectors('bge', new Map([[`${id}:0`, new Float32Array([0.25, -1, 3])]]));
  await opening.vault.setPassphrase('correct horse battery', { testIterations: 1000 });

  // As if the tab closed before reseal(): reopen, unlock, read.
  opened.splice(0).forEach((s) => s.close());
  closeVaultDb();
  const locked = await Vault.open();
  if (locked.state !== 'locked') throw new Error('expected a locked vault');
  const vault = await locked.unlock('correct horse battery');
  const reopened = await KnowledgeStore.open(vault);
  opened.push(reopened);
  expect((await reopened.getDocument(id)).text).toBe(doc.text);

  expect(await reopened.reseal()).toBe(3); // the document and its two passages
  const rawDoc = await readRaw<{ info: Sealed; text: Sealed }>(KNOWLEDGE_DB_NAME, 'documents', id);
  expect([vault.isCurrent(rawDoc.info), vault.isCurrent(rawDoc.text)]).toEqual([true, true]);
  for (const n of [0, 1]) {
    const raw = await readRaw<{ body: Sealed; vector: Sealed | null }>(KNOWLEDGE_DB_NAME, 'passages', `${id}:${n}`);
    expect(vault.isCurrent(raw.body), `passage ${n}`).toBe(true);
    if (raw.vector) expect(vault.isCurrent(raw.vector), `vector ${n}`).toBe(true);
  }
  expect(await reopened.reseal()).toBe(0);
  const passages = await reopened.passages(id);
  expect(passages.map((p) => p.text)).toEqual(doc.passages.map((p) => p.text));
  expect(Array.from(passages[0]!.vector!)).toEqual([0.25, -1, 3]);
});
