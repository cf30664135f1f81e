// The keys that encrypt conversation text at rest (AES-GCM 256, WebCrypto), in the 'hearth-vault'
// database. Two modes:
//  - device: the lock key is random, non-extractable and kept in IndexedDB. Script can use it but
//    never read it out. The browser still writes it into its profile folder, so this mode keeps text
//    out of a plain look at the storage, not away from someone who copies the whole profile.
//  - passphrase: the lock key is derived with PBKDF2-SHA-256 (the record names its iteration count)
//    and never stored; the app asks for it on open. The lock key seals the root secrets with
//    AES-GCM, whose tag fails for any other key: that is the check that names a wrong passphrase.
// Changing the lock (setting, changing or removing a passphrase) writes one record in one
// transaction: a new root secret becomes current, and the older ones stay in the ring under the new
// lock, so every record stays readable however the change is interrupted. Everything written after
// the change is sealed under a secret the old device key never saw (re-wrapping one data key would
// leave a copy of the device-mode profile able to read it all). Stores then reseal() older records
// too. Older secrets stay in the ring (a few dozen bytes each): they open records a reseal has not
// reached yet, so a reseal cut short loses nothing and a later one finishes it.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { InvalidInputError } from '../core/errors';
import {
  blindHex,
  dataKeysFrom,
  newDeviceLockKey,
  openBytes,
  passphraseLockKey,
  PBKDF2_ITERATIONS,
  randomBytes,
  sealBytes,
  type DataKeys,
  type SealedBytes,
} from './vault-keys';

export { PBKDF2_ITERATIONS } from './vault-keys';
export const VAULT_DB_NAME = 'hearth-vault';

/** A sealed JSON value and the root secret it was sealed under. */
export interface Sealed extends SealedBytes {
  keyId: string;
}

type Lock = { mode: 'device'; key: CryptoKey } | { mode: 'passphrase'; salt: Uint8Array<ArrayBuffer>; iterations: number };

interface WrappedRoot extends SealedBytes {
  id: string;
}

interface VaultRecord {
  lock: Lock;
  roots: WrappedRoot[];
  currentId: string;
}

interface VaultDb extends DBSchema {
  meta: { key: 'vault'; value: VaultRecord };
}

export class WrongPassphraseError extends Error {
  constructor() {
    super('The passphrase is not right');
    this.name = 'WrongPassphraseError';
  }
}

export class DecryptError extends Error {
  constructor(what: string) {
    super(`${what} could not be decrypted (damaged, or sealed with a key this vault does not hold)`);
    this.name = 'DecryptError';
  }
}

/** Another tab changed the passphrase since this one opened the vault. */
export class VaultChangedError extends Error {
  constructor() {
    super('The passphrase was changed in another tab; reload this one');
    this.name = 'VaultChangedError';
  }
}

export type VaultMode = 'device' | 'passphrase';
export type VaultOpening = { state: 'ready'; vault: Vault } | { state: 'locked'; unlock: (passphrase: string) => Promise<Vault> };

const connections = new Map<string, Promise<IDBPDatabase<VaultDb>>>();

function vaultDb(name: string): Promise<IDBPDatabase<VaultDb>> {
  let db = connections.get(name);
  if (!db) {
    db = openDB<VaultDb>(name, 2, {
      upgrade(database, oldVersion, _newVersion, tx) {
        if (oldVersion < 1) database.createObjectStore('meta');
        // Version 1 (before the first release) sealed records with the lock key itself; its records
        // cannot be read by this layout, and the conversation and cache stores drop theirs too.
        if (oldVersion === 1) void tx.objectStore('meta').clear();
      },
      blocking(_current, _next, event) {
        (event.target as IDBDatabase | null)?.close(); // let "Erase everything" delete it
        connections.delete(name);
      },
    });
    connections.set(name, db);
  }
  return db;
}

export function closeVaultDb(name = VAULT_DB_NAME): void {
  void connections.get(name)?.then((d) => d.close());
  connections.delete(name);
}

const rootContext = (id: string) => `hearth root secret ${id}`;
const RECORD_CONTEXT = 'hearth record';

export interface PassphraseOptions {
  /** Tests only: a lower PBKDF2 count so a suite does not spend seconds per derivation. */
  testIterations?: number;
}

export class Vault {
  readonly #name: string;
  #record: VaultRecord;
  #lockKey: CryptoKey;
  readonly #keys: Map<string, DataKeys>;

  private constructor(name: string, record: VaultRecord, lockKey: CryptoKey, keys: Map<string, DataKeys>) {
    this.#name = name;
    this.#record = record;
    this.#lockKey = lockKey;
    this.#keys = keys;
  }

  /** A new device-key vault on first use; locked when a passphrase is set. */
  static async open({ name = VAULT_DB_NAME }: { name?: string } = {}): Promise<VaultOpening> {
    const db = await vaultDb(name);
    let record = await db.get('meta', 'vault');
    if (!record) {
      const key = await newDeviceLockKey();
      const created = await newRecord({ mode: 'device', key }, key, []);
      // add, not put: two tabs opening for the first time must not each write their own key.
      const won = await db.add('meta', created.record, 'vault').then(
        () => true,
        (e: unknown) => {
          if (e instanceof DOMException && e.name === 'ConstraintError') return false;
          throw e;
        },
      );
      if (won)
        return {
          state: 'ready',
          vault: new Vault(name, created.record, key, new Map([[created.record.currentId, created.keys]])),
        };
      record = (await db.get('meta', 'vault'))!;
    }
    if (record.lock.mode === 'device') return { state: 'ready', vault: await Vault.#load(name, record, record.lock.key) };
    return {
      state: 'locked',
      unlock: async (passphrase) => {
        // Read again: another tab may have changed or removed the passphrase since.
        const now = (await (await vaultDb(name)).get('meta', 'vault')) ?? record;
        const { lock } = now;
        const key = lock.mode === 'device' ? lock.key : await passphraseLockKey(passphrase, lock.salt, lock.iterations);
        return Vault.#load(name, now, key).catch((e: unknown) => {
          throw lock.mode === 'passphrase' && e instanceof DecryptError ? new WrongPassphraseError() : e;
        });
      },
    };
  }

  static async #load(name: string, record: VaultRecord, lockKey: CryptoKey): Promise<Vault> {
    const keys = new Map<string, DataKeys>();
    for (const root of record.roots) {
      const bytes = await openBytes(lockKey, root, rootContext(root.id)).catch(() => null);
      if (!bytes) {
        if (root.id === record.currentId) throw new DecryptError('The vault key');
        continue; // an older secret that no longer opens: only records sealed under it are lost
      }
      keys.set(root.id, await dataKeysFrom(bytes));
      bytes.fill(0);
    }
    return new Vault(name, record, lockKey, keys);
  }

  get mode(): VaultMode {
    return this.#record.lock.mode;
  }

  /** Whether `sealed` is under the current root secret (else reseal() moves it there). */
  isCurrent(sealed: Sealed): boolean {
    return sealed.keyId === this.#record.currentId;
  }

  async encryptJson(value: unknown): Promise<Sealed> {
    const keyId = this.#record.currentId;
    const sealed = await sealBytes(this.#current().seal, new TextEncoder().encode(JSON.stringify(value)), RECORD_CONTEXT);
    return { keyId, ...sealed };
  }

  async decryptJson<T>(sealed: Sealed, what = 'A record'): Promise<T> {
    return JSON.parse(new TextDecoder().decode(await this.decryptBytes(sealed, what))) as T;
  }

  /** Binary records (embeddings) without JSON's tenfold size. */
  async encryptBytes(bytes: Uint8Array<ArrayBuffer>): Promise<Sealed> {
    const keyId = this.#record.currentId;
    return { keyId, ...(await sealBytes(this.#current().seal, bytes, RECORD_CONTEXT)) };
  }

  async decryptBytes(sealed: Sealed, what = 'A record'): Promise<Uint8Array<ArrayBuffer>> {
    const keys = this.#keys.get(sealed.keyId);
    if (!keys) throw new DecryptError(what);
    const plain = await openBytes(keys.seal, sealed, RECORD_CONTEXT).catch(() => null);
    if (!plain) throw new DecryptError(what);
    return plain;
  }

  /** A keyed hash of `text` under the current secret: equal texts give equal ids, and nobody
   *  without the key can test a guess against a stored id. */
  blindIndex(text: string): Promise<string> {
    return blindHex(this.#current().blind, text);
  }

  /** Sets, changes or (with null) removes the passphrase. One write: a new current root secret, every
   *  secret sealed under the new lock. Resolves once the new lock is stored. */
  async setPassphrase(passphrase: string | null, { testIterations }: PassphraseOptions = {}): Promise<void> {
    if (passphrase !== null && passphrase.length === 0) throw new InvalidInputError('An empty passphrase protects nothing');
    let lock: Lock;
    let lockKey: CryptoKey;
    if (passphrase === null) {
      lockKey = await newDeviceLockKey();
      lock = { mode: 'device', key: lockKey };
    } else {
      const iterations = testIterations ?? PBKDF2_ITERATIONS;
      if (!Number.isInteger(iterations) || iterations < 1)
        throw new InvalidInputError('PBKDF2 needs a positive whole iteration count');
      const salt = randomBytes(16);
      lock = { mode: 'passphrase', salt, iterations };
      lockKey = await passphraseLockKey(passphrase, salt, iterations);
    }
    const carried = this.#record.roots.filter((r) => this.#keys.has(r.id));
    const older = await Promise.all(
      carried.map(async (r) => ({ id: r.id, bytes: await openBytes(this.#lockKey, r, rootContext(r.id)) })),
    );
    const created = await newRecord(lock, lockKey, older);
    older.forEach((r) => r.bytes.fill(0));

    const tx = (await vaultDb(this.#name)).transaction('meta', 'readwrite');
    const stored = await tx.store.get('vault');
    if (stored?.currentId !== this.#record.currentId) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new VaultChangedError();
    }
    await Promise.all([tx.store.put(created.record, 'vault'), tx.done]);
    this.#keys.set(created.record.currentId, created.keys);
    this.#record = created.record;
    this.#lockKey = lockKey;
  }

  #current(): DataKeys {
    return this.#keys.get(this.#record.currentId)!;
  }
}

async function newRecord(
  lock: Lock,
  lockKey: CryptoKey,
  older: { id: string; bytes: Uint8Array<ArrayBuffer> }[],
): Promise<{ record: VaultRecord; keys: DataKeys }> {
  const current = { id: crypto.randomUUID(), bytes: randomBytes(32) };
  const roots = await Promise.all(
    [...older, current].map(async (r) => ({ id: r.id, ...(await sealBytes(lockKey, r.bytes, rootContext(r.id))) })),
  );
  const keys = await dataKeysFrom(current.bytes);
  current.bytes.fill(0);
  return { record: { lock, roots, currentId: current.id }, keys };
}

/** What the stored record says, without unlocking (Settings; tests). It holds no secret. */
export async function vaultInfo(name = VAULT_DB_NAME): Promise<{ mode: VaultMode | 'none'; iterations?: number }> {
  const record = await (await vaultDb(name)).get('meta', 'vault');
  if (!record) return { mode: 'none' };
  return record.lock.mode === 'device' ? { mode: 'device' } : { mode: 'passphrase', iterations: record.lock.iterations };
}
