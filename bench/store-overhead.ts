// Disk cost of a stored model: what IndexedDB grew by, against the catalog's bytes for the model,
// and proof there is only one copy: no model file in Cache Storage (the service worker's precache
// holds the shell and the wasm runtimes, which are counted separately and must not grow).
import type { Page } from 'playwright-core';
import { summarise, type Summary } from './stats';

export interface StorageSnapshot {
  /** navigator.storage.estimate().usageDetails (Chromium only); null where a detail is missing. */
  indexedDB: number | null;
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
      indexedDB: estimate.usageDetails?.indexedDB ?? null,
      caches: estimate.usageDetails?.caches ?? null,
      usage: estimate.usage ?? 0,
      cacheEntries,
      modelCacheEntries,
      modelCacheBytes,
    };
  }, new URL(mirrorUrl).origin);
}

export interface OverheadSample {
  /** IndexedDB bytes after the download minus before, over the catalog's bytes for the model. */
  ratio: number | null;
  indexedDBDelta: number | null;
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
  const indexedDBDelta = delta(after.indexedDB, before.indexedDB);
  return {
    ratio: indexedDBDelta === null ? null : indexedDBDelta / modelBytes,
    indexedDBDelta,
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
