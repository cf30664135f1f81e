import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ModelEntry } from '../../src/catalog/types';
import { download } from '../../src/downloads/downloader';
import { FileWriter } from '../../src/store/file-writer';
import { importPack, type PackFile } from '../../src/downloads/importer';
import { matchLevel } from '../../src/downloads/pack-match';
import { ModelStore } from '../../src/store/model-store';
import { startRangeServer } from '../support/range-server';
import {
  bertFull,
  bertQuant,
  blobSha256,
  bytesOf,
  freshDbName,
  MODEL_ONNX_SHA256,
  REPO,
  serverFiles,
} from '../support/fixture-models';

let store: ModelStore;
beforeEach(async () => {
  store = await ModelStore.open(freshDbName());
});
afterEach(() => {
  vi.restoreAllMocks();
  store.close();
});

const pick = (
  prefix: string,
  paths: string[],
  tamper?: (path: string, b: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>,
): PackFile[] =>
  paths.map((p) => ({ relativePath: `${prefix}${p}`, file: new Blob([tamper ? tamper(p, bytesOf(p).slice()) : bytesOf(p)]) }));

const FULL_FILES = ['config.json', 'tokenizer.json', 'onnx/model.onnx'];

describe('matchLevel', () => {
  it('ranks repo, repo name, then bare path or one picked folder', () => {
    expect(matchLevel('models/test/tiny-random-bert-embed/onnx/model.onnx', REPO, 'onnx/model.onnx')).toBe(3);
    expect(matchLevel('test/tiny-random-bert-embed/onnx/model.onnx', REPO, 'onnx/model.onnx')).toBe(3);
    expect(matchLevel('tiny-random-bert-embed/onnx/model.onnx', REPO, 'onnx/model.onnx')).toBe(2);
    expect(matchLevel('C:\\packs\\tiny-random-bert-embed\\onnx\\model.onnx', REPO, 'onnx/model.onnx')).toBe(2);
    expect(matchLevel('onnx/model.onnx', REPO, 'onnx/model.onnx')).toBe(1);
    expect(matchLevel('my-bert/onnx/model.onnx', REPO, 'onnx/model.onnx')).toBe(1);
    expect(matchLevel('other-repo/onnx/x/model.onnx', REPO, 'onnx/model.onnx')).toBe(0);
    expect(matchLevel('xtiny-random-bert-embed/onnx/model.onnx.bak', REPO, 'onnx/model.onnx')).toBe(0);
  });
});

describe('importPack', () => {
  it('imports a hub-style folder through the verified path and reports what a sibling model still lacks', async () => {
    const writerOpen = vi.spyOn(FileWriter, 'open');
    const readme = { relativePath: 'tiny-random-bert-embed/README.md', file: new Blob(['# tiny random bert']) };
    const files = [...pick('tiny-random-bert-embed/', FULL_FILES), readme];
    const report = await importPack(files, [bertFull(), bertQuant()], store);

    expect(report.imported).toEqual(['bert-fp32']);
    expect(report.rejected).toEqual([]);
    expect(report.unmatched).toEqual(['tiny-random-bert-embed/README.md']);
    // bert-q8 shares config.json and tokenizer.json: touched, so its missing weight file is listed
    expect(report.missing).toEqual([{ modelId: 'bert-q8', files: ['onnx/model_quantized.onnx'] }]);
    expect(writerOpen).toHaveBeenCalledTimes(3); // one FileWriter per distinct repo file
    expect((await store.status(bertFull())).state).toBe('ready');
    expect((await store.status(bertQuant())).state).toBe('partial');
    expect(await blobSha256(await store.readFile(REPO, 'onnx/model.onnx'))).toBe(MODEL_ONNX_SHA256);
  });

  it('finds files under a longer prefix such as models/{org}/{repo}/', async () => {
    const report = await importPack(pick('models/test/tiny-random-bert-embed/', FULL_FILES), [bertFull()], store);
    expect(report).toEqual({ imported: ['bert-fp32'], rejected: [], missing: [], unmatched: [] });
  });

  it('rejects a file whose hash does not match and marks nothing ready', async () => {
    const files = pick('tiny-random-bert-embed/', FULL_FILES, (p, b) => {
      if (p === 'onnx/model.onnx') b[2_000_000]! ^= 0x55;
      return b;
    });
    const report = await importPack(files, [bertFull()], store);
    expect(report.imported).toEqual([]);
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]!.path).toBe('tiny-random-bert-embed/onnx/model.onnx');
    expect(report.rejected[0]!.reason).toContain(`${REPO}/onnx/model.onnx failed its SHA-256 check (expected b1f01664bc53`);
    expect(report.missing).toEqual([{ modelId: 'bert-fp32', files: ['onnx/model.onnx'] }]);
    expect((await store.status(bertFull())).state).toBe('partial');
    expect(await store.modelBytesStored()).toBe(513 + 466081); // no chunk of the bad file stayed
  });

  it('rejects a file of the wrong size without reading it', async () => {
    const files = pick('tiny-random-bert-embed/', ['config.json'], (_p, b) => b.subarray(0, 500));
    const report = await importPack(files, [bertFull()], store);
    expect(report.rejected).toEqual([
      {
        path: 'tiny-random-bert-embed/config.json',
        reason: `${REPO}/config.json has the wrong size: expected 513 bytes, got 500`,
      },
    ]);
    expect(await store.modelBytesStored()).toBe(0);
  });

  it('lets the hash decide for bare file names, and never claims a model by name alone', async () => {
    const other: ModelEntry = { ...bertQuant(), id: 'other', repo: 'someone/other-model' };
    // A bare "onnx/model_quantized.onnx" fits both repos (same size and hash): both get it.
    const report = await importPack(pick('', ['onnx/model_quantized.onnx']), [bertFull(), bertQuant(), other], store);
    expect(report.rejected).toEqual([]);
    expect(report.imported).toEqual([]);
    expect(report.missing.map((m) => m.modelId).sort()).toEqual(['bert-q8', 'other']);
    expect(report.missing.find((m) => m.modelId === 'other')!.files).toEqual(['config.json', 'tokenizer.json']);

    // A bare name of the wrong size is refused with the reason.
    const short = await importPack(
      pick('', ['config.json'], (_p, b) => b.subarray(0, 10)),
      [bertFull()],
      store,
    );
    expect(short.rejected[0]!.reason).toMatch(/wrong size: expected 513 bytes, got 10/);
  });

  it('replaces a partial download of the same file, and a later download fetches only the rest', async () => {
    const server = await startRangeServer(serverFiles());
    try {
      server.faults.dropAfterBytes = 200_000;
      await download(bertQuant(), { store, source: server.url, storage: null, retries: 0 }).catch(() => {});
      // config.json arrived; tokenizer.json is partial at 200 kB
      expect((await store.status(bertQuant())).storedBytes).toBe(513 + 200_000);
      const report = await importPack(pick('tiny-random-bert-embed/', ['tokenizer.json']), [bertQuant()], store);
      expect(report.missing).toEqual([{ modelId: 'bert-q8', files: ['onnx/model_quantized.onnx'] }]);
      delete server.faults.dropAfterBytes;
      const result = await download(bertQuant(), { store, source: server.url, storage: null });
      expect(result.fetchedBytes).toBe(1106989);
      expect((await store.status(bertQuant())).state).toBe('ready');
      expect(await blobSha256(await store.readFile(REPO, 'tokenizer.json'))).toBe(
        await blobSha256(new Blob([bytesOf('tokenizer.json')])),
      );
    } finally {
      await server.close();
    }
  });
});
