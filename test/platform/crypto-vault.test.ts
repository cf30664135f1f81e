// The vault against fake-indexeddb and Node's WebCrypto. Node 20's structuredClone copies a
// CryptoKey, so the device key really goes into IndexedDB and comes back out here.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import {
  closeVaultDb,
  DecryptError,
  PBKDF2_ITERATIONS,
  Vault,
  VAULT_DB_NAME,
  VaultChangedError,
  vaultInfo,
  WrongPassphraseError,
  type VaultOpening,
} from '../../src/platform/crypto-vault';
import { deleteAllDatabases, dumpAll, readRaw } from '../support/idb-raw';

const FAST = { testIterations: 1000 }; // for tests that are not about the production count

interface RawLock {
  mode: string;
  key?: CryptoKey;
  salt?: Uint8Array;
  iterations?: number;
}
const rawRecord = () => readRaw<{ lock: RawLock; roots: { id: string }[]; currentId: string }>(VAULT_DB_NAME, 'meta', 'vault');

function ready(opening: VaultOpening): Vault {
  if (opening.state !== 'ready') throw new Error(`expected a ready vault, got ${opening.state}`);
  return opening.vault;
}

function locked(opening: VaultOpening): (passphrase: string) => Promise<Vault> {
  if (opening.state !== 'locked') throw new Error(`expected a locked vault, got ${opening.state}`);
  return opening.unlock;
}

/** The vault as a new page load finds it. */
async function reopen(): Promise<VaultOpening> {
  closeVaultDb();
  return Vault.open();
}

afterEach(async () => {
  closeVaultDb();
  await deleteAllDatabases();
});

describe('device key', () => {
  test('first open makes a non-extractable key that IndexedDB keeps; a reopened vault reads what the first sealed', async () => {
    const first = ready(await Vault.open());
    expect(first.mode).toBe('device');
    const sealed = await first.encryptJson({ text: 'héllo 🌍', n: 1 });
    expect(sealed.iv.byteLength).toBe(12);

    const { lock } = await rawRecord();
    expect(lock.mode).toBe('device');
    expect(lock.key).toBeInstanceOf(CryptoKey);
    expect(lock.key!.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', lock.key!)).rejects.toThrow();

    const again = ready(await reopen());
    expect(await again.decryptJson(sealed)).toEqual({ text: 'héllo 🌍', n: 1 });
    expect(await vaultInfo()).toEqual({ mode: 'device' });
  });

  test('two tabs opening for the first time at once end up with one key', async () => {
    const [a, b] = (await Promise.all([Vault.open(), Vault.open()])).map(ready);
    expect(await b!.decryptJson(await a!.encryptJson('from a'))).toBe('from a');
    expect(await a!.decryptJson(await b!.encryptJson('from b'))).toBe('from b');
  });

  test('every record gets a fresh IV, and changed ciphertext is refused by name', async () => {
    const vault = ready(await Vault.open());
    const a = await vault.encryptJson('same');
    const b = await vault.encryptJson('same');
    expect(Buffer.from(a.iv).equals(Buffer.from(b.iv))).toBe(false);
    const tampered = new Uint8Array(a.data.slice(0));
    tampered[0]! ^= 1;
    await expect(vault.decryptJson({ ...a, data: tampered.buffer }, 'The test record')).rejects.toThrow(DecryptError);
    await expect(vault.decryptJson({ ...a, keyId: 'unknown' })).rejects.toBeInstanceOf(DecryptError);
  });

  test('blind indexes are stable for one vault, differ between vaults, and are not a plain hash', async () => {
    const vault = ready(await Vault.open());
    const id = await vault.blindIndex('request');
    expect(await vault.blindIndex('request')).toBe(id);
    expect(await vault.blindIndex('request!')).not.toBe(id);
    const plain = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode('request'))).toString('hex');
    expect(id).not.toBe(plain);
    const other = ready(await Vault.open({ name: 'other-vault' }));
    expect(await other.blindIndex('request')).not.toBe(id);
    closeVaultDb('other-vault');
  });
});

describe('passphrase', () => {
  test('the production derivation uses at least 600,000 PBKDF2 iterations, and the stored record says so', async () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const vault = ready(await Vault.open());
    await vault.setPassphrase('correct horse battery');
    const { lock } = await rawRecord();
    expect(lock).toMatchObject({ mode: 'passphrase', iterations: PBKDF2_ITERATIONS });
    expect(lock.salt).toHaveLength(16);
    expect(await vaultInfo()).toEqual({ mode: 'passphrase', iterations: PBKDF2_ITERATIONS });
    expect((await locked(await reopen())('correct horse battery')).mode).toBe('passphrase');
  }, 60_000);

  test('unlocking derives with the count the record names', async () => {
    const vault = ready(await Vault.open());
    const sealed = await vault.encryptJson('kept');
    await vault.setPassphrase('pass one', { testIterations: 1234 });
    expect((await rawRecord()).lock.iterations).toBe(1234);
    const unlocked = await locked(await reopen())('pass one');
    expect(await unlocked.decryptJson(sealed)).toBe('kept');
  });

  test('set: reopening is locked until the passphrase is given; the record holds neither passphrase nor key', async () => {
    const vault = ready(await Vault.open());
    const before = await vault.encryptJson({ secret: 1 });
    await vault.setPassphrase('correct horse battery', FAST);
    expect(vault.mode).toBe('passphrase');
    const after = await vault.encryptJson({ secret: 2 });
    expect(vault.isCurrent(after)).toBe(true);
    expect(vault.isCurrent(before)).toBe(false);

    const dump = await dumpAll();
    expect(dump).not.toContain('correct horse battery');
    expect(dump).not.toContain('[CryptoKey'); // the device key left with the device mode

    const unlocked = await locked(await reopen())('correct horse battery');
    expect(unlocked.mode).toBe('passphrase');
    // Records from before the change still open: the old secret is in the ring, under the new lock.
    expect(await unlocked.decryptJson(before)).toEqual({ secret: 1 });
    expect(await unlocked.decryptJson(after)).toEqual({ secret: 2 });
  });

  test('a wrong passphrase is refused by name and changes nothing', async () => {
    const vault = ready(await Vault.open());
    await vault.setPassphrase('correct horse battery', FAST);
    const sealed = await vault.encryptJson('still here');
    const stored = await dumpAll();

    const unlock = locked(await reopen());
    await expect(unlock('wrong horse battery')).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(unlock('')).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(await dumpAll()).toBe(stored);
    expect(await (await unlock('correct horse battery')).decryptJson(sealed)).toBe('still here');
  });

  test('change and removal: each lock opens everything sealed before it; without a passphrase it opens unasked', async () => {
    const vault = ready(await Vault.open());
    const one = await vault.encryptJson(1);
    await vault.setPassphrase('first', FAST);
    const two = await vault.encryptJson(2);
    await vault.setPassphrase('second', FAST);
    const three = await vault.encryptJson(3);

    const unlock = locked(await reopen());
    await expect(unlock('first')).rejects.toBeInstanceOf(WrongPassphraseError);
    const second = await unlock('second');
    await second.setPassphrase(null);
    expect(second.mode).toBe('device');

    const back = ready(await reopen());
    expect(await Promise.all([one, two, three].map((s) => back.decryptJson(s)))).toEqual([1, 2, 3]);
    expect(await vaultInfo()).toEqual({ mode: 'device' });
    expect((await rawRecord()).roots).toHaveLength(4);
  });

  test('a change made in another tab is not overwritten: the stale vault refuses, and what it sealed still opens', async () => {
    const tabA = ready(await Vault.open());
    const tabB = ready(await Vault.open());
    const fromB = await tabB.encryptJson('written in B before the change');
    await tabA.setPassphrase('set in A', FAST);
    await expect(tabB.setPassphrase('set in B', FAST)).rejects.toBeInstanceOf(VaultChangedError);
    const unlocked = await locked(await reopen())('set in A');
    expect(await unlocked.decryptJson(fromB)).toBe('written in B before the change');
  });

  test('an empty passphrase is refused', async () => {
    const vault = ready(await Vault.open());
    await expect(vault.setPassphrase('')).rejects.toThrow(/empty/);
    expect(await vaultInfo()).toEqual({ mode: 'device' });
  });
});
