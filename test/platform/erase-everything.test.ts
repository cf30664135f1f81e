// "Erase everything" against fake-indexeddb (which implements indexedDB.databases()) and a small
// in-memory Cache Storage (Node has none).
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { openModelsDB } from '../../src/store/db';
import { ConversationStore } from '../../src/platform/conversation-store';
import { closeVaultDb, Vault, vaultInfo } from '../../src/platform/crypto-vault';
import { APP_DATABASES, eraseEverything } from '../../src/platform/erase-everything';
import { HomeConnectionStore } from '../../src/platform/home-connection-store';
import { ResponseCacheStore } from '../../src/platform/response-cache-store';
import { TimerStore } from '../../src/platform/timer-store';
import { loadSettings, saveSettings } from '../../src/store/settings';
import { deleteAllDatabases, openRaw } from '../support/idb-raw';

const databaseNames = async () => (await indexedDB.databases()).map((d) => d.name);

async function openVault(): Promise<Vault> {
  const opening = await Vault.open();
  if (opening.state !== 'ready') throw new Error('expected a device key');
  return opening.vault;
}

afterEach(async () => {
  vi.unstubAllGlobals();
  closeVaultDb();
  await deleteAllDatabases();
});

describe('erase everything', () => {
  test('closes what is open, then deletes conversations, keys, cached answers, settings and models', async () => {
    const vault = await openVault();
    const conversations = await ConversationStore.open(vault);
    await conversations.create('to be erased');
    const responses = await ResponseCacheStore.open(vault);
    await responses.put('k', {
      text: 'answer',
      stats: { modelId: 'm', engine: 'wllama', tokens: 1, ttftMs: null, tokensPerSecond: null },
    });
    const timers = await TimerStore.open(vault);
    const home = await HomeConnectionStore.open(vault);
    await home.save({
      id: 'c1',
      kind: 'mqtt',
      name: 'Broker',
      url: 'ws://127.0.0.1:9001',
      username: 'u',
      secret: 'p',
      sensitive: [],
      createdAt: 1,
    });
    await saveSettings({ systemPrompt: 'custom persona' });
    const models = await openModelsDB();
    await models.put('models', { id: 'some-model', licenceAcceptedAt: 1, readyAt: null, lastError: null });
    const closeModels = vi.spyOn(models, 'close');
    expect(await databaseNames()).toEqual(expect.arrayContaining([...APP_DATABASES]));

    const report = await eraseEverything([conversations, responses, timers, home, models]);
    expect(closeModels).toHaveBeenCalled();
    expect([...report.databases].sort()).toEqual([...APP_DATABASES].sort());
    expect(report.pending).toEqual([]);
    const left = await databaseNames();
    for (const name of APP_DATABASES) expect(left).not.toContain(name);

    // A fresh start: a new device key, nothing stored, default settings.
    expect(await vaultInfo()).toEqual({ mode: 'none' });
    const fresh = await ConversationStore.open(await openVault());
    expect((await fresh.list()).conversations).toEqual([]);
    fresh.close();
    expect((await loadSettings()).systemPrompt).not.toBe('custom persona');
  });

  test('reports only databases that existed', async () => {
    await openVault();
    expect((await eraseEverything()).databases).toEqual(['hearth-vault']);
  });

  test('a connection held elsewhere leaves its database pending instead of hanging, and it goes once that closes', async () => {
    await openVault();
    const otherTab = await openRaw('hearth-models', (d) => d.createObjectStore('models')); // ignores versionchange
    const report = await eraseEverything([], { blockedWaitMs: 50 });
    expect(report.pending).toEqual(['hearth-models']);
    expect(report.databases).toEqual(['hearth-vault']);
    otherTab.close();
    await vi.waitFor(async () => expect(await databaseNames()).not.toContain('hearth-models'));
  });

  test('Cache Storage: every cache goes except the app shell precache', async () => {
    const names = new Set(['workbox-precache-v2-https://hearth.example/', 'runtime-responses', 'other']);
    vi.stubGlobal('caches', {
      keys: async () => [...names],
      delete: async (name: string) => names.delete(name),
    });
    const report = await eraseEverything();
    expect(report.caches.sort()).toEqual(['other', 'runtime-responses']);
    expect([...names]).toEqual(['workbox-precache-v2-https://hearth.example/']);
  });
});
