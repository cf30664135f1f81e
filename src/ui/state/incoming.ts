// Files shared to Hearth or opened with it wait in the incoming-files cache until Knowledge can take
// them: the library open with an embedding model and no other import running. Then they go through
// the same import as picked files, and leave the cache once it has ended (a tab closed mid-way
// imports them again next time rather than losing them).
import { signal } from '@preact/signals';
import { incomingFiles, removeIncomingFiles } from '../../store/incoming-files';
import { importFiles, importing, libraryState } from './knowledge';
import { chatStores } from './vault';

/** Files waiting because the library is not ready yet. */
export const waitingIncoming = signal(0);

let taking = false;

export async function importIncoming(): Promise<void> {
  if (taking) return;
  taking = true;
  try {
    // The library is ready only once the vault is open, so this does not wait long.
    const { vault } = await chatStores();
    const { inboxUnwrapper } = await import('../../platform/inbox-key');
    const waiting = await incomingFiles(await inboxUnwrapper(vault)).catch(() => ({ files: [], unreadable: [] }));
    // Sealed for an inbox key that is gone with its vault (Erase everything keeps neither): no way in.
    if (waiting.unreadable.length) await removeIncomingFiles(waiting.unreadable);
    const incoming = waiting.files;
    waitingIncoming.value = incoming.length;
    if (!incoming.length || libraryState.value.state !== 'ready' || importing.value) return;
    waitingIncoming.value = 0;
    await importFiles(incoming.map((i) => i.file));
    await removeIncomingFiles(incoming.map((i) => i.key));
  } finally {
    taking = false;
  }
}
