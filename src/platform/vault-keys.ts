// The vault's WebCrypto pieces, without storage. Two layers, so a passphrase change is one atomic
// write of the vault record and never a re-encryption that a closed tab could cut in half:
//  - a lock key (AES-GCM 256): random and non-extractable in device mode, or derived from the
//    passphrase with PBKDF2-SHA-256 (never stored). It seals only the root secrets below.
//  - root secrets (32 random bytes each). HKDF turns each into a non-extractable AES-GCM key that
//    seals records and an HMAC key that blinds lookup ids (the response cache's request hashes,
//    which would otherwise let anyone holding a guess confirm what was asked).

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
export const PBKDF2_ITERATIONS = 600_000;

export interface SealedBytes {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

export interface DataKeys {
  seal: CryptoKey;
  blind: CryptoKey;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

export const randomBytes = (n: number): Uint8Array<ArrayBuffer> => crypto.getRandomValues(new Uint8Array(n));

export const newDeviceLockKey = (): Promise<CryptoKey> =>
  crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);

export async function passphraseLockKey(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<CryptoKey> {
  // NFC: the same passphrase typed on another keyboard or OS may arrive decomposed.
  const material = await crypto.subtle.importKey('raw', utf8(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** AES-GCM with a fresh 96-bit IV; `context` is authenticated, so a sealed value cannot be moved
 *  to a place that expects another context. */
export async function sealBytes(key: CryptoKey, bytes: Uint8Array<ArrayBuffer>, context: string): Promise<SealedBytes> {
  const iv = randomBytes(12);
  return { iv, data: await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8(context) }, key, bytes) };
}

/** Throws (OperationError) for another key, another context or changed bytes. */
export async function openBytes(key: CryptoKey, sealed: SealedBytes, context: string): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(
    await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv, additionalData: utf8(context) }, key, sealed.data),
  );
}

export async function dataKeysFrom(root: Uint8Array<ArrayBuffer>): Promise<DataKeys> {
  const base = await crypto.subtle.importKey('raw', root, 'HKDF', false, ['deriveKey']);
  const hkdf = (info: string) => ({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: utf8(info) });
  const [seal, blind] = await Promise.all([
    crypto.subtle.deriveKey(hkdf('hearth record seal v1'), base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']),
    crypto.subtle.deriveKey(hkdf('hearth lookup blind v1'), base, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, [
      'sign',
    ]),
  ]);
  return { seal, blind };
}

export async function blindHex(key: CryptoKey, text: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', key, utf8(text));
  return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, '0')).join('');
}
