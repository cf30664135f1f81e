// Encryption at rest, checked the way someone reading the storage would: every database dumped raw
// through plain indexedDB (not through the vault) must hold no plaintext of a canary. The same dump
// finds the canary when it is stored in clear, so this test can fail.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import { ConversationStore } from '../../src/platform/conversation-store';
import { closeVaultDb, Vault } from '../../src/platform/crypto-vault';
import { ResponseCacheStore } from '../../src/platform/response-cache-store';
import { deleteAllDatabases, dumpAll, storeInClear } from '../support/idb-raw';

const CANARY = 'canary-4f2a zebra whispers';

afterEach(async () => {
  closeVaultDb();
  await deleteAllDatabases();
});

describe('encryption at rest', () => {
  test('no title, question, streamed answer or cached answer is readable in a raw dump, before or after a passphrase', async () => {
    const opening = await Vault.open();
    if (opening.state !== 'ready') throw new Error('expected a device key');
    const vault = opening.vault;
    const conversations = await ConversationStore.open(vault);
    const responses = await ResponseCacheStore.open(vault);

    const conv = await conversations.create(`Title ${CANARY}`);
    await conversations.appendMessage(conv.id, {
      id: 'q',
      role: 'user',
      content: `Question ${CANARY}`,
      createdAt: 1,
      status: 'complete',
    });
    await conversations.appendMessage(conv.id, { id: 'a', role: 'assistant', content: '', createdAt: 2, status: 'streaming' });
    await conversations.updateMessage(conv.id, 'a', { content: `Partial ${CANARY}` });
    await responses.put(`request ${CANARY}`, {
      text: `Answer ${CANARY}`,
      stats: { modelId: 'm', engine: 'wllama', tokens: 3, ttftMs: 1, tokensPerSecond: 2 },
    });

    const dump = await dumpAll();
    expect(dump).toContain('## hearth-conversations/conversations');
    expect(dump).toContain('## hearth-responses/answers');
    expect(dump).toContain('## hearth-vault/meta');
    expect(dump).not.toContain('canary-4f2a');

    await vault.setPassphrase('correct horse battery', { testIterations: 1000 });
    await conversations.reseal();
    await responses.reseal();
    expect((await conversations.get(conv.id)).messages[1]!.content).toBe(`Partial ${CANARY}`);
    expect(await dumpAll()).not.toContain('canary-4f2a');
    conversations.close();
    responses.close();
  });

  test('control: the same dump finds the canary stored in clear, as text, UTF-8 bytes or UTF-16 code units', async () => {
    expect(await dumpAll()).not.toContain('canary-4f2a');
    await storeInClear('control-text', { note: CANARY });
    expect(await dumpAll()).toContain('canary-4f2a');
    await deleteAllDatabases();

    await storeInClear('control-utf8', { bytes: new TextEncoder().encode(CANARY).buffer });
    expect(await dumpAll()).toContain('canary-4f2a');
    await deleteAllDatabases();

    const utf16 = Uint16Array.from(CANARY, (c) => c.charCodeAt(0));
    const shifted = new Uint8Array(utf16.byteLength + 1);
    shifted.set(new Uint8Array(utf16.buffer), 1); // odd offset: the dump tries both alignments
    await storeInClear('control-utf16', { shifted });
    expect(await dumpAll()).toContain('canary-4f2a');
  });
});
