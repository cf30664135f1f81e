// Saved home connections against fake-indexeddb and Node's WebCrypto: what comes back, and what a
// look at the raw storage shows (never the password, the token or the address).
import 'fake-indexeddb/auto';
import { afterEach, expect, test } from 'vitest';
import { closeVaultDb, Vault } from '../../src/platform/crypto-vault';
import {
  HOME_CONNECTIONS_DB_NAME,
  HomeConnectionStore,
  savedConnectionCount,
  type SavedConnection,
} from '../../src/platform/home-connection-store';
import { deleteAllDatabases, dumpAll, readRaw, writeRaw } from '../support/idb-raw';

const PASSWORD = 'canary-pw-7c1e';
const TOKEN = 'canary-token-93ab';

async function openVault(): Promise<Vault> {
  const opening = await Vault.open();
  if (opening.state !== 'ready') throw new Error('expected a device key');
  return opening.vault;
}

const opened: HomeConnectionStore[] = [];
async function openStore(): Promise<HomeConnectionStore> {
  const store = await HomeConnectionStore.open(await openVault());
  opened.push(store);
  return store;
}

const broker: SavedConnection = {
  id: 'c1',
  kind: 'mqtt',
  name: 'Upstairs broker',
  url: 'ws://canary-host.local:9001',
  username: 'hearth',
  secret: PASSWORD,
  sensitive: [],
  createdAt: 1,
};
const assistant: SavedConnection = {
  id: 'c2',
  kind: 'home-assistant',
  name: 'Home Assistant',
  url: 'http://homeassistant.local:8123',
  username: '',
  secret: TOKEN,
  sensitive: ['switch.kettle'],
  createdAt: 2,
};

afterEach(async () => {
  opened.splice(0).forEach((s) => s.close());
  closeVaultDb();
  await deleteAllDatabases();
});

test('saves, lists in the order added, replaces and removes connections', async () => {
  expect(await savedConnectionCount()).toBe(0);
  const store = await openStore();
  await store.save(assistant);
  await store.save(broker);
  expect(await savedConnectionCount()).toBe(2);
  expect((await store.list()).connections).toEqual([broker, assistant]);
  await store.save({ ...broker, sensitive: ['sim-coffee'], secret: 'new' });
  expect((await store.list()).connections[0]).toEqual({ ...broker, sensitive: ['sim-coffee'], secret: 'new' });
  await store.remove('c1');
  expect((await store.list()).connections).toEqual([assistant]);
  expect(await savedConnectionCount()).toBe(1);
});

test('a reopened vault reads them back; the raw storage never holds the secrets or the address', async () => {
  const store = await openStore();
  await store.save(broker);
  await store.save(assistant);
  store.close();
  closeVaultDb();
  const again = await openStore();
  expect((await again.list()).connections.map((c) => c.secret)).toEqual([PASSWORD, TOKEN]);
  const dump = await dumpAll();
  expect(dump).toContain('## hearth-home-connections/connections');
  for (const secret of [PASSWORD, TOKEN, 'canary-host', 'Upstairs broker']) expect(dump).not.toContain(secret);
  await again.remove('c1');
  expect(await dumpAll()).not.toContain(PASSWORD);
});

test('a damaged record is named, not thrown, and the others still list', async () => {
  const store = await openStore();
  await store.save(broker);
  await store.save(assistant);
  const row = await readRaw<{ body: { data: ArrayBuffer } }>(HOME_CONNECTIONS_DB_NAME, 'connections', 'c1');
  new Uint8Array(row.body.data)[0]! ^= 1;
  await writeRaw(HOME_CONNECTIONS_DB_NAME, 'connections', row);
  const listing = await store.list();
  expect(listing.damagedIds).toEqual(['c1']);
  expect(listing.connections.map((c) => c.id)).toEqual(['c2']);
});

test('after a passphrase change, reseal moves every record to the new secret', async () => {
  const vault = await openVault();
  const store = await HomeConnectionStore.open(vault);
  opened.push(store);
  await store.save(broker);
  await vault.setPassphrase('a passphrase', { testIterations: 1000 });
  expect(await store.reseal()).toBe(1);
  expect(await store.reseal()).toBe(0);
  expect((await store.list()).connections).toEqual([broker]);
});
