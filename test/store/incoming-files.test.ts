// Sealing a shared file for the inbox (store/incoming-files.ts) with WebCrypto as the service worker
// and the page use it: what is stored says nothing of the file, and only the inbox's private key
// opens it. The Cache plumbing runs in Chromium (test/e2e/knowledge-import.test.ts).
import { describe, expect, test } from 'vitest';
import { INBOX_KEY_ALGORITHM, openIncomingFile, sealIncomingFile, type UnwrapFileKey } from '../../src/store/incoming-files';

const CANARY = 'The spare key is under the blue flowerpot.';

async function inbox(): Promise<{ publicKey: CryptoKey; unwrap: UnwrapFileKey }> {
  const pair = await crypto.subtle.generateKey(INBOX_KEY_ALGORITHM, false, ['wrapKey', 'unwrapKey']);
  return {
    publicKey: pair.publicKey,
    unwrap: (wrapped) =>
      crypto.subtle.unwrapKey('raw', wrapped, pair.privateKey, { name: 'RSA-OAEP' }, { name: 'AES-GCM' }, false, ['decrypt']),
  };
}

const file = () => new File([CANARY], 'house-secrets.txt', { type: 'text/plain' });
const readable = (bytes: ArrayBuffer) => Buffer.from(bytes).toString('latin1');

describe('inbox sealing', () => {
  test('a sealed file opens to the same bytes, name and type', async () => {
    const { publicKey, unwrap } = await inbox();
    const sealed = await sealIncomingFile(file(), publicKey);
    const opened = await openIncomingFile(sealed.body, new Headers(sealed.headers), unwrap);
    expect(opened.name).toBe('house-secrets.txt');
    expect(opened.type).toBe('text/plain');
    expect(await opened.text()).toBe(CANARY);
  });

  test('what is stored holds neither the words nor the name', async () => {
    const { publicKey } = await inbox();
    const sealed = await sealIncomingFile(file(), publicKey);
    const stored = readable(sealed.body) + JSON.stringify(sealed.headers);
    expect(stored).not.toContain('flowerpot');
    expect(stored).not.toContain('house-secrets');
    expect(Object.values(sealed.headers).join(' ')).not.toMatch(/text\/plain/);
  });

  test('another inbox key, or changed bytes, cannot open it', async () => {
    const { publicKey } = await inbox();
    const other = await inbox();
    const sealed = await sealIncomingFile(file(), publicKey);
    await expect(openIncomingFile(sealed.body, new Headers(sealed.headers), other.unwrap)).rejects.toThrow();

    const mine = await inbox();
    const resealed = await sealIncomingFile(file(), mine.publicKey);
    const flipped = new Uint8Array(resealed.body.slice(0));
    flipped[3]! ^= 0xff;
    await expect(openIncomingFile(flipped.buffer, new Headers(resealed.headers), mine.unwrap)).rejects.toThrow();
  });
});
