// The inbox key pair that lets the service worker seal shared files without the vault (see
// store/incoming-files.ts): made once the vault is open, its private half sealed by the vault and
// resealed when the vault's secret changes, so a passphrase guards waiting files as it guards
// conversations.
import {
  INBOX_KEY_ALGORITHM,
  readInboxPrivateKey,
  writeInboxKeys,
  type SealedPrivateKey,
  type UnwrapFileKey,
} from '../store/incoming-files';
import type { Vault } from './crypto-vault';

async function openPrivate(vault: Vault, sealed: SealedPrivateKey): Promise<Uint8Array<ArrayBuffer> | null> {
  return vault.decryptBytes(sealed, 'The inbox key').catch(() => null);
}

/** Makes the pair when there is none this vault can open; reseals one sealed under an older secret. */
export async function ensureInboxKey(vault: Vault): Promise<void> {
  const sealed = await readInboxPrivateKey();
  const pkcs8 = sealed && (await openPrivate(vault, sealed));
  if (sealed && pkcs8) {
    if (!vault.isCurrent(sealed)) await writeInboxKeys(null, await vault.encryptBytes(pkcs8));
    pkcs8.fill(0);
    return;
  }
  // None yet, or one from a vault that is gone (files sealed for it cannot be opened anyway).
  const pair = await crypto.subtle.generateKey(INBOX_KEY_ALGORITHM, true, ['wrapKey', 'unwrapKey']);
  const [spki, fresh] = await Promise.all([
    crypto.subtle.exportKey('spki', pair.publicKey),
    crypto.subtle.exportKey('pkcs8', pair.privateKey).then((b) => new Uint8Array(b)),
  ]);
  await writeInboxKeys(spki, await vault.encryptBytes(fresh));
  fresh.fill(0);
}

/** What opens the files sealed for this inbox, or null when there is no key this vault can open. */
export async function inboxUnwrapper(vault: Vault): Promise<UnwrapFileKey | null> {
  const sealed = await readInboxPrivateKey();
  const pkcs8 = sealed && (await openPrivate(vault, sealed));
  if (!pkcs8) return null;
  const key = await crypto.subtle.importKey('pkcs8', pkcs8, INBOX_KEY_ALGORITHM, false, ['unwrapKey']);
  pkcs8.fill(0);
  return (wrapped) => crypto.subtle.unwrapKey('raw', wrapped, key, { name: 'RSA-OAEP' }, { name: 'AES-GCM' }, false, ['decrypt']);
}
