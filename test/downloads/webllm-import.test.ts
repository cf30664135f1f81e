// A WebLLM build imported from a pack (no network): the pack's tensor-cache.json names the shards, the
// library is found in MLC's layout, the model is ready only with all of them, and the engine (the
// WebLLM double, reading through the store-backed `caches`) loads and answers from it.
import 'fake-indexeddb/auto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { download } from '../../src/downloads/downloader';
import { importPack, type PackFile } from '../../src/downloads/importer';
import { mlcLibPath } from '../../src/downloads/mlc-files';
import { ModelStore } from '../../src/store/model-store';
import { WebLlmService } from '../../src/engines/llm/webllm-service';
import { CreateMLCEngine } from '../support/doubles/web-llm';
import { writeFakeMlcModel, type FakeMlcModel } from '../support/fake-mlc-model';
import { start } from '../support/mirror';
import { ALL_MODELS } from '../support/all-models';
import { freshDbName } from '../support/fixture-models';
import { FAKE_MLC } from '../support/webllm-fixture';

let fake: FakeMlcModel;
let pack: PackFile[];
let store: ModelStore;
let dbName: string;

function walk(root: string, dir = root): PackFile[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory()
      ? walk(root, full)
      : [{ relativePath: path.relative(root, full), file: new Blob([fs.readFileSync(full)]) }];
  });
}

beforeAll(() => {
  fake = writeFakeMlcModel();
  pack = walk(fake.root);
});
afterAll(() => fake.remove());
afterEach(() => store.close());
const open = async () => (store = await ModelStore.open((dbName = freshDbName())));
const lib = mlcLibPath(FAKE_MLC.webllm!.modelLib);

describe('importing a WebLLM build', () => {
  it('stores every file the pack and its tensor cache name, and the engine answers from them', async () => {
    await open();
    const report = await importPack(pack, [...ALL_MODELS], store);
    expect(report.imported).toEqual([FAKE_MLC.id]);
    expect(report.rejected).toEqual([]);
    expect(report.unmatched).toEqual([]);
    const status = await store.status(FAKE_MLC);
    expect(status.state).toBe('ready');
    expect(status.totalBytes).toBe(Object.values(fake.sizes).reduce((a, b) => a + b, 0));
    expect((await store.resolved(FAKE_MLC)).files.map((f) => f.path).sort()).toEqual(Object.keys(fake.sizes).sort());

    const service = new WebLlmService({ createEngine: CreateMLCEngine, openStore: () => ModelStore.open(dbName) });
    try {
      await service.load(FAKE_MLC);
      expect((await service.chat([{ role: 'user', content: 'imported offline' }])).text).toBe('Echo: imported offline');
    } finally {
      await service.unload();
    }
  });

  it('without the library the build stays partial, says what is missing, and a download completes it', async () => {
    await open();
    const withoutLib = pack.filter((f) => !f.relativePath.endsWith('.wasm'));
    const report = await importPack(withoutLib, [...ALL_MODELS], store);
    expect(report.imported).toEqual([]);
    expect(report.missing).toEqual([{ modelId: FAKE_MLC.id, files: [lib] }]);
    expect((await store.status(FAKE_MLC)).state).toBe('partial');

    const mirror = await start({ extraRoots: [fake.root] });
    try {
      await download(FAKE_MLC, { store, source: mirror.url, storage: null });
      // The imported fixed files were kept: only sizes were asked for, and the listing read once.
      const gets = mirror.requests.filter((r) => r.method === 'GET').map((r) => r.path.split('/').pop());
      expect(gets.sort()).toEqual([
        'Hearth-Test-Fake-q4f32_1-webgpu.wasm',
        'params_shard_0.bin',
        'params_shard_1.bin',
        'tensor-cache.json',
      ]);
    } finally {
      await mirror.close();
    }
    expect((await store.status(FAKE_MLC)).state).toBe('ready');
  });

  it('a fixed-file-only pick never makes a WebLLM build ready', async () => {
    await open();
    const fixedOnly = pack.filter((f) => /(mlc-chat-config|tensor-cache|tokenizer)\.json$/.test(f.relativePath));
    const report = await importPack(fixedOnly, [...ALL_MODELS], store);
    expect(report.imported).toEqual([]);
    expect(await store.markReady(FAKE_MLC)).toBe(false);
    expect((await store.status(FAKE_MLC)).state).toBe('partial');
  });
});
