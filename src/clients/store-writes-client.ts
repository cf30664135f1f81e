// The page's door to the store-writes worker. Writes are not queued here: the file writer has at
// most one commit in flight per file, and commits of different files may overlap.
import { transfer } from 'comlink';
import type { ModelFileWrites } from '../store/model-files';
import { workerBridge } from './worker-bridge';

const bridge = workerBridge<ModelFileWrites>(
  () => new Worker(new URL('../../workers/store-writes.ts', import.meta.url), { type: 'module', name: 'store-writes' }),
);

export const storeWritesClient: ModelFileWrites = {
  usable: () => bridge.remote().usable(),
  writeAt: (folder, key, offset, parts) => {
    const owned = parts.map(ownBuffer);
    return bridge.remote().writeAt(
      folder,
      key,
      offset,
      transfer(
        owned,
        owned.map((p) => p.buffer as ArrayBuffer),
      ),
    );
  },
  release: (folder, key) => bridge.remote().release(folder, key),
  remove: (folder, keys) => bridge.remote().remove(folder, keys),
  removeAll: (folder) => bridge.remote().removeAll(folder),
};

/** Network and file reads hand over whole buffers, done with once written: those are moved, not
 *  copied. A view into a bigger buffer is copied, so moving it cannot pull bytes from under its owner. */
const ownBuffer = (part: Uint8Array): Uint8Array =>
  part.byteOffset === 0 && part.byteLength === part.buffer.byteLength ? part : part.slice();
