// Disk cost of a stored model: what the model store (IndexedDB records and chunks, OPFS files) grew by, against the catalog's bytes for the model,
// and proof there is only one copy: no model file in Cache Storage (the service worker's precache
// holds the shell and the wasm runtimes, which are counted separately and must not grow).
import type { Page } from 'playwright-core';
import { summarise, type Summary } from './stats';

export interface StorageSnapshot {
  /** navigator.storage.estimate().usageDetails (Chromium only): IndexedDB plus the private file
   *  system, where the store keeps model bytes; null where neither detail is given. */
  modelStore: number | null;
  caches: number | null;
  usage: number;
  /** Cache Storage entries of any cache, and those that are model files (on the mirror, or a hub path). */
  cacheEntries: number;
  modelCacheEntries: number;
  modelCacheBytes: number;
}

export function snapshotStorage(page: Page, mirrorUrl: string): Promise<StorageSnapshot> {
  return page.evaluate(async (mirrorOrigin) => {
    const estimate = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: Record<string, number> };
    let cacheEntries = 0;
    let modelCacheEntries = 0;
    let modelCacheBytes = 0;
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        cacheEntries += 1;
        const url = new URL(request.url);
        if (url.origin !== mirrorOrigin && !url.pathname.includes('/resolve/')) continue;
        modelCacheEntries += 1;
        modelCacheBytes += (await (await cache.match(request))?.blob())?.size ?? 0;
      }
    }
    return {
      modelStore:
        estimate.usageDetails?.indexedDB === undefined && estimate.usageDetails?.fileSystem === undefined
          ? null
          : (estimate.usageDetails?.indexedDB ?? 0) + (estimate.usageDetails?.fileSystem ?? 0),
      caches: estimate.usageDetails?.caches ?? null,
      usage: estimate.usage ?? 0,
      cacheEntries,
      modelCacheEntries,
      modelCacheBytes,
    };
  }, new URL(mirrorUrl).origin);
}

export interface OverheadSample {
  /** Model-store bytes after the download minus before, over the catalog's bytes for the model. */
  ratio: number | null;
  modelStoreDelta: number | null;
  /** Growth of Cache Storage during the download: 0 when weights are stored once. */
  cachesDelta: number | null;
  modelCacheBytes: number;
  modelCacheEntries: number;
  /** All of Cache Storage after the download (the shell and runtimes), for scale. */
  cacheStorageBytes: number | null;
  cacheEntries: number;
}

export function overheadOf(before: StorageSnapshot, after: StorageSnapshot, modelBytes: number): OverheadSample {
  const delta = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
  const modelStoreDelta = delta(after.modelStore, before.modelStore);
  return {
    ratio: modelStoreDelta === null ? null : modelStoreDelta / modelBytes,
    modelStoreDelta,
    cachesDelta: delta(after.caches, before.caches),
    modelCacheBytes: after.modelCacheBytes,
    modelCacheEntries: after.modelCacheEntries,
    cacheStorageBytes: after.caches,
    cacheEntries: after.cacheEntries,
  };
}

export interface OverheadSummary {
  ratio: Summary | null;
  /** The largest values seen over all samples: any model bytes in Cache Storage is a second copy. */
  maxModelCacheBytes: number;
  maxCachesDelta: number | null;
}

export function summariseOverhead(samples: OverheadSample[]): OverheadSummary {
  const ratios = samples.map((s) => s.ratio).filter((r): r is number => r !== null);
  const cacheDeltas = samples.map((s) => s.cachesDelta).filter((d): d is number => d !== null);
  return {
    ratio: ratios.length ? summarise(ratios) : null,
    maxModelCacheBytes: Math.max(0, ...samples.map((s) => s.modelCacheBytes)),
    maxCachesDelta: cacheDeltas.length ? Math.max(...cacheDeltas) : null,
  };
}
