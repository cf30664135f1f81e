// The key that encrypts conversation text at rest (AES-GCM 256, WebCrypto). Two modes:
//  - device: a random non-extractable key kept in IndexedDB. Script on this origin can use it, but it
//    can never be read out, so a copied profile folder or a dump of IndexedDB yields only ciphertext.
//  - passphrase: the key is derived with PBKDF2-SHA-256 and never stored; the app asks on open. A
//    verifier (a fixed marker sealed with the key) tells a wrong passphrase from damaged data.
// Switching modes re-encrypts every record under the new key (see rekey() in vault-registry users).
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const VAULT_DB_NAME = 'hearth-vault';
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
export const PBKDF2_ITERATIONS = 600_000;
const VERIFIER_TEXT = 'hearth-vault-verifier-v1';

export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

type Meta =
  | { mode: 'device'; key: CryptoKey }
  | { mode: 'passphrase'; salt: Uint8Array<ArrayBuffer>; iterations: number; verifier: Sealed };

interface VaultDb extends DBSchema {
  meta: { key: 'vault'; value: Meta };
}

export class WrongPassphraseError extends Error {
  constructor() {
    super('The passphrase is not right');
    this.name = 'WrongPassphraseError';
  }
}

export class DecryptError extends Error {
  constructor(what: string) {
    super(`${what} could not be decrypted (damaged, or sealed with another key)`);
    this.name = 'DecryptError';
  }
}

/** Seals and opens JSON values with one AES-GCM key; a fresh 96-bit IV for every record. */
export class Vault {
  constructor(readonly key: CryptoKey, readonly mode: 'device' | 'passphrase') {}

  async seal(value: unknown): Promise<Sealed> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const plain = new TextEncoder().encode(JSON.stringify(value));
    return { iv, data: await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, this.key, plain) };
  }

  async open<T>(sealed: Sealed, what = 'A record'): Promise<T> {
    try {
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, this.key, sealed.data);
      return JSON.parse(new TextDecoder().decode(plain)) as T;
    } catch {
      throw new DecryptError(what);
    }
  }
}

export type VaultOpening = { state: 'ready'; vault: Vault } | { state: 'locked'; unlock: (passphrase: string) => Promise<Vault> };

let dbPromise: Promise<IDBPDatabase<VaultDb>> | null = null;
const db = () => (dbPromise ??= openDB<VaultDb>(VAULT_DB_NAME, 1, {
  upgrade(database) {
    database.createObjectStore('meta');
  },
  blocking(_current, _next, event) {
    (event.target as IDBDatabase | null)?.close(); // let "Erase everything" delete the database
    dbPromise = null;
  },
}));

export function closeVaultDb(): void {
  void dbPromise?.then((d) => d.close());
  dbPromise = null;
}

/** The vault for this origin: a new device key on first use, or locked behind the passphrase. */
export async function openVault(): Promise<VaultOpening> {
  const meta = await (await db()).get('meta', 'vault');
  if (!meta) {
    const key = await newDeviceKey();
    await (await db()).put('meta', { mode: 'device', key }, 'vault');
    return { state: 'ready', vault: new Vault(key, 'device') };
  }
  if (meta.mode === 'device') return { state: 'ready', vault: new Vault(meta.key, 'device') };
  return {
    state: 'locked',
    unlock: async (passphrase) => {
      const key = await deriveKey(passphrase, meta.salt, meta.iterations);
      const vault = new Vault(key, 'passphrase');
      const marker = await vault.open<string>(meta.verifier).catch(() => null);
      if (marker !== VERIFIER_TEXT) throw new WrongPassphraseError();
      return vault;
    },
  };
}

/** A new vault for `passphrase` (null: back to a device key). The caller re-encrypts every record
 *  with it and then calls commit(), so a crash half-way leaves the old key in charge. */
export async function prepareVault(passphrase: string | null, iterations = PBKDF2_ITERATIONS): Promise<{ vault: Vault; commit: () => Promise<void> }> {
  if (passphrase === null) {
    const key = await newDeviceKey();
    return { vault: new Vault(key, 'device'), commit: async () => void await (await db()).put('meta', { mode: 'device', key }, 'vault') };
  }
  if (iterations < 1) throw new Error('iterations must be positive');
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const vault = new Vault(await deriveKey(passphrase, salt, iterations), 'passphrase');
  const verifier = await vault.seal(VERIFIER_TEXT);
  return { vault, commit: async () => void await (await db()).put('meta', { mode: 'passphrase', salt, iterations, verifier }, 'vault') };
}

/** What the stored metadata says (tests and the Settings view read it; it holds no secret). */
export async function vaultInfo(): Promise<{ mode: 'device' | 'passphrase' | 'none'; iterations?: number }> {
  const meta = await (await db()).get('meta', 'vault');
  if (!meta) return { mode: 'none' };
  return meta.mode === 'device' ? { mode: 'device' } : { mode: 'passphrase', iterations: meta.iterations };
}

const newDeviceKey = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']) as Promise<CryptoKey>;

async function deriveKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material,
    { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}
