// Files that arrived from outside the app (the OS share sheet, through the service worker; or opened
// with Hearth, through the launch queue) and wait in a Cache for the Knowledge view to import them.
// Cache Storage because the service worker can write it without the page, and a File's bytes survive
// there as a Response. They stay until imported, then go.
//
// The vault's keys are the page's only, so the service worker cannot seal with them. Instead the
// page keeps an inbox key pair here: the public half in the clear, the private half sealed by the
// vault. Whoever receives a file seals it with a fresh AES-GCM key, wrapped with the public key
// (RSA-OAEP); its name and type are sealed with it, so nothing of a waiting file is readable without
// the vault. Before the page has made the pair (a share before the app ever opened its vault) a file
// waits unsealed, as it arrived.
const CACHE = 'hearth-incoming-files';
const FILE_PREFIX = '/incoming-file/';
const PUBLIC_KEY_PATH = '/incoming-key/public';
const PRIVATE_KEY_PATH = '/incoming-key/private';

const WRAPPED_KEY = 'X-Hearth-Wrapped-Key';
const BODY_IV = 'X-Hearth-Iv';
const META = 'X-Hearth-Meta';

export const INBOX_KEY_ALGORITHM: RsaHashedKeyGenParams = {
  name: 'RSA-OAEP',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};

export interface IncomingFile {
  file: File;
  /** For removing it once imported. */
  key: string;
}

/** Turns a wrapped file key back into an AES-GCM key; the page makes it from the vault. */
export type UnwrapFileKey = (wrapped: Uint8Array<ArrayBuffer>) => Promise<CryptoKey>;

/** The private half as the vault sealed it (crypto-vault's Sealed, kept opaque here). */
export interface SealedPrivateKey {
  keyId: string;
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

const toBase64 = (bytes: Uint8Array): string => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
const fromBase64 = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const url = (path: string) => new URL(path, location.origin).href;

export interface SealedFile {
  body: ArrayBuffer;
  headers: Record<string, string>;
}

/** Seals a file's bytes, name and type under a fresh key wrapped with the inbox's public key. */
export async function sealIncomingFile(file: File, publicKey: CryptoKey): Promise<SealedFile> {
  const fileKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const metaIv = crypto.getRandomValues(new Uint8Array(12));
  const meta = new TextEncoder().encode(JSON.stringify({ name: file.name, type: file.type }));
  const [body, sealedMeta, wrapped] = await Promise.all([
    crypto.subtle.encrypt({ name: 'AES-GCM', iv }, fileKey, await file.arrayBuffer()),
    crypto.subtle.encrypt({ name: 'AES-GCM', iv: metaIv }, fileKey, meta),
    crypto.subtle.wrapKey('raw', fileKey, publicKey, { name: 'RSA-OAEP' }),
  ]);
  const metaBytes = new Uint8Array(12 + sealedMeta.byteLength);
  metaBytes.set(metaIv);
  metaBytes.set(new Uint8Array(sealedMeta), 12);
  return {
    body,
    headers: {
      'Content-Type': 'application/octet-stream',
      [WRAPPED_KEY]: toBase64(new Uint8Array(wrapped)),
      [BODY_IV]: toBase64(iv),
      [META]: toBase64(metaBytes),
    },
  };
}

/** Opens a sealed file; throws when the key or the bytes are not the ones it was sealed with. */
export async function openIncomingFile(body: ArrayBuffer, headers: Headers, unwrap: UnwrapFileKey): Promise<File> {
  const fileKey = await unwrap(fromBase64(headers.get(WRAPPED_KEY) ?? ''));
  const metaBytes = fromBase64(headers.get(META) ?? '');
  const [bytes, meta] = await Promise.all([
    crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(headers.get(BODY_IV) ?? '') }, fileKey, body),
    crypto.subtle.decrypt({ name: 'AES-GCM', iv: metaBytes.slice(0, 12) }, fileKey, metaBytes.slice(12)),
  ]);
  const { name, type } = JSON.parse(new TextDecoder().decode(meta)) as { name: string; type: string };
  return new File([bytes], name, { type });
}

export async function readInboxPublicKey(): Promise<CryptoKey | null> {
  const response = await (await caches.open(CACHE)).match(url(PUBLIC_KEY_PATH));
  if (!response) return null;
  const spki = await response.arrayBuffer();
  return crypto.subtle.importKey('spki', spki, INBOX_KEY_ALGORITHM, false, ['wrapKey']).catch(() => null);
}

export async function readInboxPrivateKey(): Promise<SealedPrivateKey | null> {
  const response = await (await caches.open(CACHE)).match(url(PRIVATE_KEY_PATH));
  const keyId = response?.headers.get('X-Hearth-Key-Id');
  const iv = response?.headers.get(BODY_IV);
  if (!response || !keyId || !iv) return null;
  return { keyId, iv: fromBase64(iv), data: await response.arrayBuffer() };
}

/** Keeps the inbox key pair: the public half as SPKI (null: unchanged), the private half sealed by
 *  the vault. */
export async function writeInboxKeys(publicSpki: ArrayBuffer | null, sealedPrivate: SealedPrivateKey): Promise<void> {
  const cache = await caches.open(CACHE);
  await cache.put(
    url(PRIVATE_KEY_PATH),
    new Response(sealedPrivate.data, {
      headers: { 'X-Hearth-Key-Id': sealedPrivate.keyId, [BODY_IV]: toBase64(sealedPrivate.iv) },
    }),
  );
  if (publicSpki) await cache.put(url(PUBLIC_KEY_PATH), new Response(publicSpki));
}

let sequence = 0;

export async function putIncomingFiles(files: readonly File[]): Promise<void> {
  const cache = await caches.open(CACHE);
  const publicKey = await readInboxPublicKey();
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  for (const file of files) {
    // The order they came in is kept by the key's number.
    const key = `${FILE_PREFIX}${stamp}-${String(sequence++).padStart(4, '0')}`;
    if (publicKey) {
      const sealed = await sealIncomingFile(file, publicKey);
      await cache.put(url(key), new Response(sealed.body, { headers: sealed.headers }));
    } else {
      const headers = { 'Content-Type': file.type || 'application/octet-stream' };
      await cache.put(url(`${key}/${encodeURIComponent(file.name)}`), new Response(file, { headers }));
    }
  }
}

export interface WaitingFiles {
  files: IncomingFile[];
  /** Keys of sealed files this inbox key cannot open (sealed for a key since replaced). */
  unreadable: string[];
}

export async function incomingFiles(unwrap: UnwrapFileKey | null): Promise<WaitingFiles> {
  const waiting: WaitingFiles = { files: [], unreadable: [] };
  if (!(await caches.has(CACHE))) return waiting;
  const cache = await caches.open(CACHE);
  const requests = [...(await cache.keys())].filter((r) => new URL(r.url).pathname.startsWith(FILE_PREFIX));
  for (const request of requests.sort((a, b) => (a.url < b.url ? -1 : 1))) {
    const response = await cache.match(request);
    if (!response) continue;
    if (response.headers.has(WRAPPED_KEY)) {
      if (!unwrap) continue;
      const file = await openIncomingFile(await response.arrayBuffer(), response.headers, unwrap).catch(() => null);
      if (file) waiting.files.push({ file, key: request.url });
      else waiting.unreadable.push(request.url);
    } else {
      const name = decodeURIComponent(new URL(request.url).pathname.split('/').pop() ?? 'shared file');
      const blob = await response.blob();
      waiting.files.push({ file: new File([blob], name, { type: blob.type }), key: request.url });
    }
  }
  return waiting;
}

export async function removeIncomingFiles(keys: readonly string[]): Promise<void> {
  const cache = await caches.open(CACHE);
  await Promise.all(keys.map((key) => cache.delete(key)));
}
