// Every catalog entry, test fixtures included, for code that runs in Node (unit tests, the bench).
// The page fetches the fixtures only when "Show test models" is on (ui/state/models.ts); here they
// are simply imported.
import { CATALOG } from '../../src/catalog/catalog';
import { TEST_MODELS } from '../../src/catalog/test-models';
import type { ModelEntry } from '../../src/catalog/types';

export const ALL_MODELS: readonly ModelEntry[] = [...CATALOG, ...TEST_MODELS];

const BY_ID = new Map(ALL_MODELS.map((m) => [m.id, m]));

/** catalogById over every entry; throws on an unknown id so a renamed fixture fails loudly. */
export function modelById(id: string): ModelEntry {
  const model = BY_ID.get(id);
  if (!model) throw new Error(`no catalog entry "${id}" (src/catalog/catalog.ts, test-models.ts)`);
  return model;
}
