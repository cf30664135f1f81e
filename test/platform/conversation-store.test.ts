// The conversation store against fake-indexeddb and Node's WebCrypto.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { ConversationMessage } from '../../src/core/chat-types';
import {
  CONVERSATIONS_DB_NAME,
  ConversationNotFoundError,
  ConversationStore,
  titleFrom,
  titleMatches,
  UNTITLED,
} from '../../src/platform/conversation-store';
import { closeVaultDb, DecryptError, Vault, type Sealed } from '../../src/platform/crypto-vault';
import { deleteAllDatabases, readRaw, writeRaw } from '../support/idb-raw';

let t = Date.UTC(2026, 0, 1);
const message = (role: 'user' | 'assistant', content: string, extra: Partial<ConversationMessage> = {}): ConversationMessage => ({
  id: crypto.randomUUID(),
  role,
  content,
  createdAt: t++,
  status: 'complete',
  ...extra,
});

async function openVault(name?: string): Promise<Vault> {
  const opening = await Vault.open(name ? { name } : {});
  if (opening.state !== 'ready') throw new Error('expected a device key');
  return opening.vault;
}

const opened: ConversationStore[] = [];
async function openStore(vault?: Vault): Promise<ConversationStore> {
  const store = await ConversationStore.open(vault ?? (await openVault()));
  opened.push(store);
  return store;
}

afterEach(async () => {
  opened.splice(0).forEach((s) => s.close());
  closeVaultDb();
  closeVaultDb('other-vault');
  await deleteAllDatabases();
});

describe('conversations', () => {
  test('create, append, get, rename, list newest first, remove', async () => {
    const store = await openStore();
    const a = await store.create(titleFrom('Bedtime story for Lily\nwith dragons'));
    expect(a).toMatchObject({ title: 'Bedtime story for Lily', messages: [] });
    const question = message('user', 'Once upon a time');
    await store.appendMessage(a.id, question);
    const b = await store.create();
    expect(b.title).toBe(UNTITLED);
    await store.rename(b.id, 'Crème brûlée');

    expect(await store.get(a.id)).toEqual({ ...a, updatedAt: expect.any(Number), messages: [question] });
    const listed = await store.list();
    expect(listed.conversations.map((c) => c.title)).toEqual(['Crème brûlée', 'Bedtime story for Lily']);
    expect(listed.damagedIds).toEqual([]);

    // A change moves a conversation to the top.
    await store.appendMessage(a.id, message('user', 'and then?'));
    expect((await store.list()).conversations.map((c) => c.id)).toEqual([a.id, b.id]);

    await store.remove(a.id);
    expect((await store.list()).conversations.map((c) => c.id)).toEqual([b.id]);
    await expect(store.get(a.id)).rejects.toBeInstanceOf(ConversationNotFoundError);
    await expect(store.appendMessage(a.id, question)).rejects.toBeInstanceOf(ConversationNotFoundError);
  });

  test('the question is stored before an answer starts, and a streamed answer after every update', async () => {
    const store = await openStore();
    const conv = await store.create('Story');
    await store.appendMessage(conv.id, message('user', 'Tell me a story'));
    const draft = message('assistant', '', { status: 'streaming' });
    await store.appendMessage(conv.id, draft);

    // A new page load (the tab closed mid-answer) sees exactly what was written so far.
    const afterTab = async () => (await (await openStore(await openVault())).get(conv.id)).messages;
    await store.updateMessage(conv.id, draft.id, { content: 'Once there' });
    expect((await afterTab()).map((m) => [m.content, m.status])).toEqual([
      ['Tell me a story', 'complete'],
      ['Once there', 'streaming'],
    ]);

    // Updates fired without waiting, with a message appended in between: the queue keeps the order.
    const late = message('user', 'next question');
    await Promise.all([
      store.updateMessage(conv.id, draft.id, { content: 'Once there was' }),
      store.updateMessage(conv.id, draft.id, { content: 'Once there was a fox' }),
      store.appendMessage(conv.id, late),
      store.updateMessage(conv.id, draft.id, {
        content: 'Once there was a fox.',
        status: 'complete',
        stats: { modelId: 'm', engine: 'wllama', tokens: 6, ttftMs: 9, tokensPerSecond: 30 },
      }),
    ]);
    const messages = await afterTab();
    expect(messages.map((m) => m.content)).toEqual(['Tell me a story', 'Once there was a fox.', 'next question']);
    expect(messages[1]).toMatchObject({ status: 'complete', stats: { tokens: 6 } });

    // Regenerate clears stats and error: undefined in a patch removes the field.
    await store.updateMessage(conv.id, draft.id, { content: '', status: 'streaming', stats: undefined, error: undefined });
    const cleared = (await store.get(conv.id)).messages[1]!;
    expect(cleared).toEqual({ id: draft.id, role: 'assistant', content: '', createdAt: draft.createdAt, status: 'streaming' });

    await expect(store.updateMessage(conv.id, 'no-such-message', { content: 'x' })).rejects.toThrow(/No message/);
  });

  test('begin returns the conversation at once with its question; writes asked for meanwhile land after it', async () => {
    const store = await openStore();
    const question = message('user', 'Tell me a story');
    const { conversation, stored } = store.begin('Story', [question], false);
    expect(conversation).toMatchObject({ title: 'Story', messages: [question], useDocuments: false });
    // Not awaited: the answer's draft and its first words are asked for while the question is written.
    const draft = message('assistant', '', { status: 'streaming' });
    const later = [
      store.appendMessage(conversation.id, draft),
      store.updateMessage(conversation.id, draft.id, { content: 'Once' }),
    ];
    await Promise.all([stored, ...later]);
    const reopened = await (await openStore(await openVault())).get(conversation.id);
    expect(reopened.messages.map((m) => m.content)).toEqual(['Tell me a story', 'Once']);
    expect(reopened).toMatchObject({ title: 'Story', useDocuments: false });
  });

  test('each update is one write of the sealed messages; id and times are the only clear fields', async () => {
    const store = await openStore();
    const conv = await store.create('Plain title?');
    const before = await readRaw<Record<string, unknown>>(CONVERSATIONS_DB_NAME, 'conversations', conv.id);
    await store.appendMessage(conv.id, message('user', 'hi'));
    const after = await readRaw<Record<string, unknown>>(CONVERSATIONS_DB_NAME, 'conversations', conv.id);
    expect(Object.keys(after).sort()).toEqual(['body', 'createdAt', 'id', 'title', 'updatedAt']);
    expect(after.title).toEqual(before.title); // the title is not resealed for a new message
    expect(after.body).not.toEqual(before.body);
    expect(after.updatedAt as number).toBeGreaterThan(before.updatedAt as number);
  });

  test('search matches titles case-insensitively across Unicode forms, after decryption', async () => {
    const store = await openStore();
    const [cafe, strasse, lily, zh] = await Promise.all(
      ['Café recipes', 'Straße names', 'Bedtime story for LILY', '晚安故事'].map((title) => store.create(title)),
    );
    const ids = async (q: string) => (await store.searchTitles(q)).map((c) => c.id);
    expect(await ids('CAFÉ')).toEqual([cafe!.id]);
    expect(await ids('cafe\u0301')).toEqual([cafe!.id]); // decomposed é
    expect(await ids('STRASSE')).toEqual([strasse!.id]);
    expect(await ids('lily')).toEqual([lily!.id]);
    expect(await ids('故事')).toEqual([zh!.id]);
    expect(await ids('nothing like it')).toEqual([]);
    expect(await ids('  ')).toHaveLength(4);
    expect(titleMatches('ΟΔΥΣΣΕΥΣ', 'οδυσσευς')).toBe(true);
  });

  test('a record that does not decrypt is reported by id; the rest still list, and it can be removed', async () => {
    const store = await openStore();
    const kept = await store.create('kept');
    const foreign = await (await openStore(await openVault('other-vault'))).create('sealed by another vault');
    const tampered = await store.create('tampered');
    const row = await readRaw<{ body: { data: ArrayBuffer } }>(CONVERSATIONS_DB_NAME, 'conversations', tampered.id);
    const bytes = new Uint8Array(row.body.data);
    bytes[3]! ^= 0xff;
    await writeRaw(CONVERSATIONS_DB_NAME, 'conversations', { ...row, body: { ...row.body, data: bytes.buffer } });

    const { conversations, damaged, damagedIds } = await store.list();
    // The tampered record's title still opens, so it lists; opening it names the damage.
    expect(conversations.map((c) => c.id)).toEqual([tampered.id, kept.id]);
    expect(damagedIds).toEqual([foreign.id]);
    expect(damaged).toBe(1);
    await expect(store.get(tampered.id)).rejects.toBeInstanceOf(DecryptError);
    await expect(store.get(foreign.id)).rejects.toThrow(/could not be decrypted/);
    await expect(store.appendMessage(tampered.id, message('user', 'x'))).rejects.toBeInstanceOf(DecryptError);
    expect((await store.get(kept.id)).title).toBe('kept');
    await store.remove(foreign.id);
    expect((await store.list()).damagedIds).toEqual([]);
  });

  test('after a passphrase change, reseal moves every record to the new secret; an interruption before it loses nothing', async () => {
    const vault = await openVault();
    const store = await openStore(vault);
    const conv = await store.create('Secret plans');
    await store.appendMessage(conv.id, message('user', 'hello'));
    await vault.setPassphrase('correct horse battery', { testIterations: 1000 });

    // As if the tab closed before reseal(): reopen, unlock, read.
    closeVaultDb();
    const opening = await Vault.open();
    if (opening.state !== 'locked') throw new Error('expected a locked vault');
    const unlocked = await opening.unlock('correct horse battery');
    const reopened = await openStore(unlocked);
    expect((await reopened.get(conv.id)).messages[0]!.content).toBe('hello');

    expect(await reopened.reseal()).toBe(1);
    const row = await readRaw<{ title: Sealed; body: Sealed }>(CONVERSATIONS_DB_NAME, 'conversations', conv.id);
    expect([unlocked.isCurrent(row.title), unlocked.isCurrent(row.body)]).toEqual([true, true]);
    expect(await reopened.reseal()).toBe(0);
    expect((await reopened.list()).conversations[0]!.title).toBe('Secret plans');
  });
});

describe('titleFrom', () => {
  test('the first line, cut near a word boundary, never through a character', () => {
    expect(titleFrom('  What is a quokka?  \nMore detail')).toBe('What is a quokka?');
    const long = titleFrom('Tell me everything you know about the migration of arctic terns across the oceans every year');
    expect(long).toBe('Tell me everything you know about the migration of arctic…');
    expect(titleFrom('🦊'.repeat(70))).toBe(`${'🦊'.repeat(60)}…`);
    expect(titleFrom('   ')).toBe(UNTITLED);
  });

  test('an answer keeps its sources and the conversation its "Use my documents" setting, sealed', async () => {
    const store = await openStore();
    const conv = await store.create('Boiler');
    expect((await store.get(conv.id)).useDocuments).toBeUndefined(); // unset: the default applies
    const source = {
      n: 1,
      docId: 'd',
      passageId: 'd:3',
      documentName: 'thermocouple-manual.md',
      headings: [],
      text: 'x',
      trimmed: false,
    };
    const answer = message('assistant', 'It closes [1].', { sources: [source] });
    await store.appendMessage(conv.id, answer);
    await store.setUseDocuments(conv.id, false);
    const again = await (await openStore(await openVault())).get(conv.id);
    expect(again.useDocuments).toBe(false);
    expect(again.messages[0]!.sources).toEqual([source]);
    const raw = await readRaw<Record<string, unknown>>(CONVERSATIONS_DB_NAME, 'conversations', conv.id);
    expect(Object.keys(raw).sort()).toEqual(['body', 'createdAt', 'id', 'title', 'updatedAt']); // nothing in clear
  });
});
