// A store holding the generated fake MLC build (test/support/fake-mlc-model.ts), downloaded through
// the real downloader from the test mirror: what the WebLLM cache, service and double tests read.
import 'fake-indexeddb/auto';
import type { ModelEntry } from '../../src/catalog/types';
import { download } from '../../src/downloads/downloader';
import { ModelStore } from '../../src/store/model-store';
import { modelById } from './all-models';
import { writeFakeMlcModel } from './fake-mlc-model';
import { start, type Mirror } from './mirror';
import { freshDbName } from './fixture-models';

export const FAKE_MLC = modelById('test-fake-mlc-q4f32-webllm');

export interface FakeMlcStore {
  model: ModelEntry;
  store: ModelStore;
  dbName: string;
  mirror: Mirror;
  close(): Promise<void>;
}

export async function fakeMlcStore(chatConfig: Record<string, unknown> = {}): Promise<FakeMlcStore> {
  const fake = writeFakeMlcModel({ chatConfig });
  const mirror = await start({ extraRoots: [fake.root] });
  const dbName = freshDbName();
  const store = await ModelStore.open(dbName);
  try {
    await download(FAKE_MLC, { store, source: mirror.url, storage: null });
  } catch (e) {
    await mirror.close();
    fake.remove();
    throw e;
  }
  return {
    model: FAKE_MLC,
    store,
    dbName,
    mirror,
    close: async () => {
      store.close();
      await mirror.close();
      fake.remove();
    },
  };
}
