// A worker opens the model store once for its life: every model it loads reads its files through that
// one connection. A failed open is not remembered, so the next load tries again.
import { ModelStore } from '../../store/model-store';

export function storeOnce(open: () => Promise<ModelStore> = () => ModelStore.open()): () => Promise<ModelStore> {
  let opening: Promise<ModelStore> | null = null;
  return () => {
    opening ??= open().catch((e: unknown) => {
      opening = null;
      throw e;
    });
    return opening;
  };
}
