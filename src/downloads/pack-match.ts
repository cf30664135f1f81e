// Which picked file is which catalog file. Pure: no store, no reading of bytes.
import type { ModelEntry } from '../catalog/types';
import { fileKey } from '../store/db';
import { sizeError, type FileTarget } from '../store/file-writer';
import { revisionOf } from '../store/model-status';
import { MLC_LIB_REPO, MLC_LIB_VERSION, mlcLibPath } from './mlc-files';

export interface PackFile {
  /** As a folder picker reports it, e.g. "tiny-random-bert-embed/onnx/model.onnx". */
  relativePath: string;
  file: Blob;
}

export interface PackTarget {
  key: string;
  target: FileTarget;
  /** Candidates in pick order; the first that verifies wins. */
  uploads: PackFile[];
  modelIds: string[];
  /** Matched by file name alone: only a verified hash may claim the model. */
  byNameOnly: boolean;
}

export interface PackPlan {
  targets: PackTarget[];
  /** Models named by folder (repo or repo name) in the pack. */
  touched: string[];
  rejected: Array<{ path: string; reason: string }>;
  unmatched: string[];
}

export const normalisePath = (p: string): string => p.replace(/\\/g, '/').replace(/^(\.\/|\/)+/, '');

/** 3: ".../{org}/{repo}/{path}"; 2: ".../{repo}/{path}"; 1: "{path}" alone, or under one folder
 *  of any name (the folder a person picked); 0: no match. */
export function matchLevel(relativePath: string, repo: string, path: string): 0 | 1 | 2 | 3 {
  const rel = normalisePath(relativePath);
  const under = (prefix: string) => rel === `${prefix}/${path}` || rel.endsWith(`/${prefix}/${path}`);
  if (under(repo)) return 3;
  if (under(repo.split('/').pop() ?? repo)) return 2;
  if (rel === path || rel.slice(rel.indexOf('/') + 1) === path) return 1;
  return 0;
}

interface Candidate {
  model: ModelEntry;
  target: FileTarget;
  key: string;
}

export function matchPack(files: PackFile[], models: ModelEntry[]): PackPlan {
  const plan: PackPlan = { targets: [], touched: [], rejected: [], unmatched: [] };
  const byKey = new Map<string, PackTarget>();
  const touched = new Set<string>();
  for (const upload of files) {
    let best = 0;
    let found: Candidate[] = [];
    for (const model of models) {
      for (const file of model.files) {
        const level = placesOf(model, file).reduce(
          (best, p) => Math.max(best, matchLevel(upload.relativePath, p.repo, p.path)),
          0,
        );
        if (level === 0 || level < best) continue;
        if (level > best) found = [];
        best = level;
        const target = { repo: model.repo, revision: revisionOf(model), file };
        found.push({ model, target, key: fileKey(target.repo, target.revision, file.path) });
      }
    }
    if (found.length === 0) {
      plan.unmatched.push(upload.relativePath);
      continue;
    }
    if (best === 1) {
      const refusal = narrowByName(found, upload);
      if (typeof refusal === 'string') {
        plan.rejected.push({ path: upload.relativePath, reason: refusal });
        continue;
      }
      found = refusal;
    } else {
      found.forEach((c) => touched.add(c.model.id));
    }
    for (const c of found) {
      const t = byKey.get(c.key) ?? { key: c.key, target: c.target, uploads: [], modelIds: [], byNameOnly: best === 1 };
      byKey.set(c.key, t);
      if (!t.uploads.includes(upload)) t.uploads.push(upload);
      if (!t.modelIds.includes(c.model.id)) t.modelIds.push(c.model.id);
      t.byNameOnly &&= best === 1;
    }
  }
  plan.targets = [...byKey.values()];
  plan.touched = [...touched];
  return plan;
}

/** Where a pack may hold a WebLLM library: beside the weights as the store keeps it, or in MLC's library repo. */
export function libPackPlaces(model: ModelEntry): Array<{ repo: string; path: string }> {
  if (!model.webllm) return [];
  const lib = model.webllm.modelLib;
  return [
    { repo: model.repo, path: mlcLibPath(lib) },
    { repo: MLC_LIB_REPO, path: `web-llm-models/${MLC_LIB_VERSION}/${lib}` },
  ];
}

/** Where a pack may hold a catalog file: its repo path, and for a WebLLM library also MLC's library repo. */
function placesOf(model: ModelEntry, file: ModelEntry['files'][number]): Array<{ repo: string; path: string }> {
  const own = { repo: model.repo, path: file.path };
  const lib = libPackPlaces(model);
  return lib[0]?.path === file.path ? lib : [own];
}

/** A bare "config.json" fits many models: keep the candidates of the right size, and when more than
 *  one file remains, only those whose catalog hash can prove which one it is. */
function narrowByName(found: Candidate[], upload: PackFile): Candidate[] | string {
  const sized = found.filter((c) => c.target.file.bytes === upload.file.size);
  if (sized.length === 0) {
    const c = found[0]!;
    return sizeError(`${c.target.repo}/${c.target.file.path}`, c.target.file.bytes, upload.file.size).message;
  }
  if (new Set(sized.map((c) => c.key)).size === 1) return sized;
  const hashed = sized.filter((c) => c.target.file.sha256 !== null);
  if (hashed.length > 0) return hashed;
  return `${upload.relativePath} could belong to several models; pick the model's folder instead`;
}
