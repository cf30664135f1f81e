// The page's model store and download queue, as signals for the Models view. One instance of each
// per page: two DownloadManagers (or a manager and an import) writing the same file would interleave
// chunks. Opened on first use, not at import, so views that never touch models cost nothing.
import { computed, effect, signal } from '@preact/signals';
import { CATALOG, registerModels } from '../../catalog/catalog';
import type { ModelEntry, ModelTask } from '../../catalog/types';
import { detectCapabilities, type Capabilities } from '../../platform/capabilities';
import type { DownloadManager, Job } from '../../downloads/download-manager';
import type { ImportReport, PackFile } from '../../downloads/importer';
import { ModelStore, type ModelStatus } from '../../store/model-store';
import type { ModelFileWrites } from '../../store/model-files';
import { recommend, type Recommendation } from '../../core/model-fit';
import { effectiveModelSource } from '../../store/model-source';
import { pageBlocks } from '../../platform/page-policy';
import { settings, settingsLoaded } from './settings';
import { NetworkError } from '../../core/errors';
import { whenBack } from './resume';

export type StorageEstimate = { usage: number; quota: number };

export const capabilities = signal<Capabilities | null>(null);
export const storageEstimate = signal<StorageEstimate | null>(null);
export const storagePersisted = signal<boolean | null>(null);
/** Bytes the model store holds (each shared file once). */
export const modelBytes = signal<number | null>(null);
/** Keyed by catalog id, for every catalog entry (not only the visible ones). */
export const statuses = signal<ReadonlyMap<string, ModelStatus>>(new Map());
/** Downloads this page has started: queued, running, paused, failed or just finished. */
export const jobs = signal<ReadonlyMap<string, Job>>(new Map());
/** Opening the store or reading it failed: the view shows it, nothing else works until reload. */
export const storeError = signal<Error | null>(null);

/** Every catalog entry this page knows: the models every build offers, then the test fixtures once
 *  "Show test models" has loaded them. They stay for the session, so a stored fixture keeps its
 *  status if the setting is turned off again. */
export const knownModels = signal<readonly ModelEntry[]>(CATALOG);

/** What the Models view lists and the pickers offer: test fixtures only while the setting is on. */
export const visibleCatalog = computed(() => {
  const show = settings.value.showTestModels;
  return knownModels.value.filter((m) => show || !m.testOnly);
});

/** Catalog ids of the models whose files are all stored and verified. */
export const readyModelIds = computed(
  () => new Set([...statuses.value].filter(([, s]) => s.state === 'ready').map(([id]) => id)),
);

/** The visible models of one kind that are ready to run (what a picker offers). */
export const storedModels = (task: ModelTask) =>
  computed(() => visibleCatalog.value.filter((m) => m.task === task && readyModelIds.value.has(m.id)));

/** This device for the fit rules: its capabilities with the latest storage estimate; null until detected. */
export const fitDevice = computed(() => {
  const caps = capabilities.value;
  return caps && { ...caps, storage: storageEstimate.value ?? caps.storage };
});

/** Fit of each visible model on this device, judged against the current free storage. */
export const fits = computed<Recommendation>(() => {
  const device = fitDevice.value;
  if (!device) return { fits: new Map(), picks: new Map() };
  const stored = new Map([...statuses.value].map(([id, s]) => [id, s.storedBytes] as const));
  return recommend(visibleCatalog.value, device, stored);
});

interface Models {
  store: ModelStore;
  /** The download queue and its verifying writer (hash-wasm) are a chunk of their own, fetched on the
   *  first download, cancel or delete: opening Talk or Models only reads the store. */
  manager: () => Promise<DownloadManager>;
}

let opened: Promise<Models> | null = null;
let testModels: Promise<void> | null = null;

/** The test fixtures are a chunk of their own (catalog/test-models.ts), so production pages carry
 *  them only as a file the service worker precaches; they are fetched when the setting asks. */
function loadTestModels(): Promise<void> {
  testModels ??= import('../../catalog/test-models').then(
    ({ TEST_MODELS }) => {
      registerModels(TEST_MODELS); // catalogById, for the page's lookups by id
      knownModels.value = [...CATALOG, ...TEST_MODELS];
    },
    (e: unknown) => {
      testModels = null; // the next toggle or visit tries again
      throw e;
    },
  );
  return testModels;
}

/** Resolves once the entries the settings ask for are known: a stored fixture's id means nothing
 *  before its entry is (after a reload with the setting on, say). */
async function catalogReady(): Promise<void> {
  await settingsLoaded.catch(() => undefined);
  if (settings.value.showTestModels) await loadTestModels();
}

// Turning the setting on (or reading it on at start) fetches the fixtures; an open store then reads
// their statuses. A failed fetch shows when the store opens (initModels waits for catalogReady).
effect(() => {
  if (!settings.value.showTestModels) return;
  loadTestModels()
    .then(() => opened?.then(({ store }) => refresh(store)))
    .catch(() => undefined);
});

/** Opens the store, starts the queue and loads everything the view shows. Safe to call often. */
export function initModels(): Promise<Models> {
  opened ??= open().catch((e: unknown) => {
    opened = null; // let a later visit try again
    storeError.value = asError(e);
    throw e;
  });
  return opened;
}

/** The store-writes worker and its client load with the first download or import, not the page. */
const storeWrites = () => import('../../clients/store-writes-client').then((m) => m.storeWritesClient);
const lazyStoreWrites: ModelFileWrites = {
  usable: async () => (await storeWrites()).usable(),
  writeAt: async (...args) => (await storeWrites()).writeAt(...args),
  release: async (...args) => (await storeWrites()).release(...args),
  remove: async (...args) => (await storeWrites()).remove(...args),
  removeAll: async (...args) => (await storeWrites()).removeAll(...args),
};

async function open(): Promise<Models> {
  void detectCapabilities().then((caps) => {
    capabilities.value = caps;
    storagePersisted.value = caps.persisted;
  });
  await catalogReady();
  const store = await ModelStore.open(undefined, lazyStoreWrites);
  let manager: Promise<DownloadManager> | null = null;
  const managerOnce = (): Promise<DownloadManager> =>
    (manager ??= startManager(store).catch((e: unknown) => {
      manager = null; // the chunk failed to arrive: the next click tries again
      throw e;
    }));
  await refresh(store);
  return { store, manager: managerOnce };
}

async function startManager(store: ModelStore): Promise<DownloadManager> {
  const { DownloadManager } = await import('../../downloads/download-manager');
  const manager = new DownloadManager({
    store,
    source: () => effectiveModelSource(settings.value),
    models: () => [...knownModels.value],
    downloadOptions: { blockedByPolicy: pageBlocks },
  });
  let states = '';
  manager.subscribe((snapshot) => {
    jobs.value = snapshot;
    // Progress ticks arrive ~10 times a second; the store only changes when a job changes state.
    const next = [...snapshot.values()].map((j) => `${j.modelId}:${j.state}`).join();
    if (next !== states) {
      states = next;
      void refresh(store);
    }
  });
  return manager;
}

let refreshSeq = 0;

async function refresh(store: ModelStore): Promise<void> {
  const seq = ++refreshSeq;
  try {
    const [map, bytes, estimate, persisted] = await Promise.all([
      store.statuses([...knownModels.value]),
      store.modelBytesStored(),
      estimateStorage(),
      navigator.storage?.persisted?.().catch(() => null) ?? null,
    ]);
    if (seq !== refreshSeq) return; // a newer refresh started meanwhile: its answer wins
    statuses.value = map;
    modelBytes.value = bytes;
    storageEstimate.value = estimate;
    storagePersisted.value = persisted;
    storeError.value = null;
  } catch (e) {
    storeError.value = asError(e);
  }
}

async function estimateStorage(): Promise<StorageEstimate | null> {
  const est = await navigator.storage?.estimate?.().catch(() => null);
  return est && typeof est.quota === 'number' ? { usage: est.usage ?? 0, quota: est.quota } : null;
}

export async function refreshModels(): Promise<void> {
  await refresh((await initModels()).store);
}

/** True when the person has not yet accepted this model's licence. */
export async function needsLicence(model: ModelEntry): Promise<boolean> {
  return !(await (await initModels()).store.licenceAccepted(model.id));
}

export async function acceptLicence(model: ModelEntry): Promise<void> {
  await (await initModels()).store.acceptLicence(model.id);
}

/** Starts, or continues from the stored bytes (also after a reload, when no job exists yet). */
export async function startDownload(model: ModelEntry): Promise<void> {
  (await (await initModels()).manager()).start(model);
}

export async function pauseDownload(model: ModelEntry): Promise<void> {
  (await (await initModels()).manager()).pause(model.id);
}

export async function resumeDownload(model: ModelEntry): Promise<void> {
  const manager = await (await initModels()).manager();
  if (manager.snapshot().has(model.id)) manager.resume(model.id);
  else manager.start(model);
}

/** Stops the download and frees its partial bytes (files another stored model needs stay). */
export async function cancelDownload(model: ModelEntry): Promise<void> {
  const { store, manager: managerOnce } = await initModels();
  await (await managerOnce()).cancel(model.id);
  await refresh(store);
}

export async function deleteModel(model: ModelEntry): Promise<void> {
  const { store, manager: managerOnce } = await initModels();
  const manager = await managerOnce();
  const job = manager.snapshot().get(model.id);
  // An unfinished job may still be flushing its last chunk: cancel() waits for the writer, then
  // deletes. A finished one is deleted here, and cancel() only makes the manager forget it.
  if (job && job.state !== 'done') await manager.cancel(model.id);
  else {
    await store.deleteModel(model, [...knownModels.value]);
    await manager.cancel(model.id);
  }
  await refresh(store);
}

/** Drops the model's damaged files (found when an engine read them, or by "Check files") and
 *  downloads those again; its other files are kept and not fetched. */
export async function repairModel(model: ModelEntry): Promise<void> {
  const { store, manager } = await initModels();
  await store.discardDamaged(model);
  (await manager()).start(model);
  await refresh(store);
}

/** "Check files": hashes every stored file of the model again. Damage shows as the card's state;
 *  the count of files checked is returned for the all-clear. */
export async function checkModelFiles(model: ModelEntry): Promise<number> {
  const { store } = await initModels();
  try {
    await store.checkFiles(model);
  } finally {
    await refresh(store);
  }
  return (await store.resolved(model)).files.length;
}

/** Imports picked files (a folder or single files) into the store through the same verified path
 *  as downloads. Every known entry counts, hidden test models included once loaded. */
export async function importFiles(files: PackFile[]): Promise<ImportReport> {
  const { store } = await initModels();
  try {
    const { importPack } = await import('../../downloads/importer');
    return await importPack(files, [...knownModels.value], store);
  } finally {
    await refresh(store);
  }
}

/** Asks the browser not to evict the models under storage pressure. */
export async function requestPersistence(): Promise<boolean> {
  const granted = (await navigator.storage?.persist?.().catch(() => false)) ?? false;
  storagePersisted.value = granted;
  return granted;
}

const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/** Closes the page's model store (before "Erase everything" deletes its database). */
export async function closeModels(): Promise<void> {
  const models = await opened?.catch(() => null);
  opened = null;
  models?.store.close();
}

/** Back after the phone suspended the page: downloads whose connection dropped meanwhile (phones
 *  let the network go while asleep) continue from their stored bytes; the others kept going. */
async function resumeDroppedDownloads(): Promise<{ downloadsRestarted: number; downloadsRunning: number }> {
  const all = [...jobs.value.values()];
  const dropped = all.filter((j) => j.state === 'error' && j.error instanceof NetworkError);
  const downloadsRunning = all.filter((j) => j.state === 'downloading' || j.state === 'queued').length;
  if (dropped.length > 0) {
    const manager = await (await initModels()).manager();
    for (const job of dropped) manager.resume(job.modelId);
  }
  return { downloadsRestarted: dropped.length, downloadsRunning };
}
whenBack(resumeDroppedDownloads);
