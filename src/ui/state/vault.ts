// The encrypted stores behind Talk, opened once the vault is: at once with a device key, after the
// passphrase otherwise. Everything that reads or writes conversation text waits on chatStores().
import { signal } from '@preact/signals';
import { ConversationStore, titleFrom } from '../../platform/conversation-store';
import { closeVaultDb, Vault, vaultInfo, WrongPassphraseError } from '../../platform/crypto-vault';
import { eraseEverything as eraseAll } from '../../platform/erase-everything';
import { KnowledgeStore } from '../../platform/knowledge-store';
import { ResponseCacheStore } from '../../platform/response-cache-store';
import { closeModels } from './models';

export type VaultState =
  { state: 'opening' } | { state: 'locked' } | { state: 'ready'; passphrase: boolean } | { state: 'error'; message: string };

export interface ChatStores {
  vault: Vault;
  conversations: ConversationStore;
  responses: ResponseCacheStore;
  knowledge: KnowledgeStore;
  titleFrom: (text: string) => string;
}

export const vaultState = signal<VaultState>({ state: 'opening' });
/** Whether a passphrase protects the conversations, read without opening them (Settings). */
export const passphraseSet = signal<boolean | null>(null);

export async function loadPassphraseInfo(): Promise<void> {
  passphraseSet.value = (await vaultInfo().catch(() => ({ mode: 'none' as const }))).mode === 'passphrase';
}

let unlockWith: ((passphrase: string) => Promise<Vault>) | null = null;
let resolveStores: (stores: ChatStores) => void = () => undefined;
let stores: Promise<ChatStores> = new Promise((resolve) => (resolveStores = resolve));

async function ready(vault: Vault): Promise<void> {
  const opened: ChatStores = {
    vault,
    conversations: await ConversationStore.open(vault),
    responses: await ResponseCacheStore.open(vault),
    knowledge: await KnowledgeStore.open(vault),
    titleFrom,
  };
  resolveStores(opened);
  vaultState.value = { state: 'ready', passphrase: vault.mode === 'passphrase' };
  keepInboxKey(vault);
}

/** Shared files wait sealed for a key only the vault opens (store/incoming-files.ts). */
function keepInboxKey(vault: Vault): void {
  void import('../../platform/inbox-key')
    .then((inbox) => inbox.ensureInboxKey(vault))
    .catch((e: unknown) => console.warn('The inbox key for shared files could not be made:', e));
}

export function chatStores(): Promise<ChatStores> {
  return stores;
}

let started: Promise<void> | null = null;

/** Opens the vault on first need (Talk, the passphrase form), not at boot: views that never touch
 *  conversations cost no key work and no database. */
export function startVault(): Promise<void> {
  return (started ??= openNow());
}

async function openNow(): Promise<void> {
  try {
    const opening = await Vault.open();
    if (opening.state === 'ready') await ready(opening.vault);
    else {
      unlockWith = opening.unlock;
      vaultState.value = { state: 'locked' };
    }
  } catch (e) {
    vaultState.value = { state: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}

/** false for a wrong passphrase; other failures throw. */
export async function unlockVault(passphrase: string): Promise<boolean> {
  if (!unlockWith) return false;
  try {
    await ready(await unlockWith(passphrase));
    unlockWith = null;
    return true;
  } catch (e) {
    if (e instanceof WrongPassphraseError) return false;
    throw e;
  }
}

/** Sets (or with null removes) the passphrase. The vault records the change in one write (every
 *  record stays readable however it is interrupted); the stores then reseal under the new secret. */
export async function setVaultPassphrase(passphrase: string | null): Promise<void> {
  const s = await stores;
  await s.vault.setPassphrase(passphrase);
  await s.conversations.reseal();
  await s.responses.reseal();
  await s.knowledge.reseal();
  keepInboxKey(s.vault);
  vaultState.value = { state: 'ready', passphrase: passphrase !== null };
  passphraseSet.value = passphrase !== null;
}

/** Wipes conversations, keys, cached answers, settings and models, then starts the app afresh. */
export async function eraseEverything(): Promise<void> {
  const s = vaultState.value.state === 'ready' ? await stores : null;
  closeVaultDb();
  started = null;
  await closeModels();
  stores = new Promise((resolve) => (resolveStores = resolve));
  await eraseAll(s ? [s.conversations, s.responses, s.knowledge] : []);
  location.reload();
}
