// File lists from a model pack: a pack that carries a WebLLM build's fixed files, its
// tensor-cache.json and its model library gives the whole list without any network, as a download's
// resolution does; for an entry whose sizes the catalog cannot state, the picked files give them.
import type { ModelEntry, ModelFile } from '../catalog/types';
import { mlcLibPath, shardsFromTensorCache } from './mlc-files';
import { libPackPlaces, matchLevel, type PackFile } from './pack-match';

/** Only picks under the repo's own folder count: bare names fit every MLC build alike. */
const pickOf = (files: PackFile[], repo: string, path: string): PackFile | undefined =>
  files.find((f) => matchLevel(f.relativePath, repo, path) >= 2);

/** The build's whole file list from the pack, or null when the pack lacks a part of it (a download can
 *  then resolve it from the source) or its tensor-cache.json is not one. */
export async function filesFromPack(model: ModelEntry, files: PackFile[]): Promise<ModelFile[] | null> {
  if (!model.webllm) {
    // Sizes the catalog cannot state: the picked files' own, once every one of them is here.
    const picked = model.files.map((f) => pickOf(files, model.repo, f.path));
    if (picked.some((p) => !p)) return null;
    return model.files.map((f, i) => (f.bytes > 0 ? f : { ...f, bytes: picked[i]!.file.size }));
  }
  const fixed = model.files.map((f) => pickOf(files, model.repo, f.path));
  const lib = libPackPlaces(model)
    .map((p) => pickOf(files, p.repo, p.path))
    .find(Boolean);
  const cache = pickOf(files, model.repo, 'tensor-cache.json');
  if (!lib || !cache || fixed.some((f) => !f)) return null;
  let shards: ModelFile[];
  try {
    shards = shardsFromTensorCache(JSON.parse(await cache.file.text()));
  } catch {
    return null;
  }
  return [
    ...model.files.map((f, i) => ({ ...f, bytes: fixed[i]!.file.size })),
    ...shards,
    { path: mlcLibPath(model.webllm.modelLib), bytes: lib.file.size, sha256: null },
  ];
}
