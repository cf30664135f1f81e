// The page's knowledge library in Node: the real knowledge service in-process (random-weight BERT:
// the vectors prove plumbing, not meaning; the first hits here come from keywords), the sealed
// store on fake-indexeddb. Formats that need a browser (HTML, PDF) are in the e2e test.
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest';
import { TEST_MODELS } from '../../src/catalog/test-models';
import { DocumentUnreadableError } from '../../src/core/errors';
import { KnowledgeService } from '../../src/engines/embed/knowledge-service';
import { KnowledgeLibrary, type ImportProgress, type KnowledgeEngine } from '../../src/knowledge/library';
import { closeVaultDb, Vault } from '../../src/platform/crypto-vault';
import { KnowledgeStore } from '../../src/platform/knowledge-store';
import { deleteAllDatabases } from '../support/idb-raw';
import { start, type Mirror } from '../support/mirror';
import { nodeEmbedService, storeWith } from '../support/node-embed';

const MODEL = TEST_MODELS.find((m) => m.id === 'test-bert-embed-fp32')!;
let mirror: Mirror;
let modelDb: string;
beforeAll(async () => {
  mirror = await start();
  modelDb = await storeWith(mirror, [MODEL]);
}, 60_000);
afterAll(() => mirror.close());

const opened: KnowledgeStore[] = [];
afterEach(async () => {
  opened.splice(0).forEach((s) => s.close());
  closeVaultDb();
  // the model store's database stays: it is named apart and reused
  for (const { name } of await indexedDB.databases()) if (name !== modelDb) indexedDB.deleteDatabase(name!);
});
afterAll(() => deleteAllDatabases());

let embedCalls = 0;
async function library(wrap = (e: KnowledgeEngine) => e): Promise<KnowledgeLibrary> {
  const opening = await Vault.open();
  if (opening.state !== 'ready') throw new Error('expected a device key');
  const store = await KnowledgeStore.open(opening.vault);
  opened.push(store);
  const inner = nodeEmbedService(modelDb);
  const embed = inner.embed.bind(inner);
  inner.embed = (texts) => ((embedCalls += texts.length), embed(texts));
  const service = new KnowledgeService(inner);
  const engine: KnowledgeEngine = {
    load: (m) => service.load(m),
    index: (p, onProgress) => service.index(p, onProgress),
    stopIndexing: () => service.stop(),
    search: (q, n) => service.search(q, n),
    removeDocument: (id) => service.removeDocument(id),
  };
  return new KnowledgeLibrary(store, wrap(engine));
}

const file = (name: string, body: string | Uint8Array, type = '') => {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return { name, type, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer };
};
const utf16le = (text: string) =>
  new Uint8Array([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);

const BOILER = `# Boiler manual\n\n## Pressure\n\nKeep the boiler pressure between 1 and 1.5 bar.\n\n## Radiators\n\n- Bleed the radiators in autumn.\n- Check the valves.`;
const ZH = '锅炉说明书\n\n锅炉的压力应该保持在一点五巴。\n\n每年秋天给暖气片放气。';

test('files are imported one by one; each unusable one is named and the others go on', async () => {
  const lib = await library();
  await lib.open(MODEL);
  const progress: ImportProgress[] = [];
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
  const results = await lib.importFiles(
    [
      file('boiler.md', BOILER),
      file('photo.txt', png),
      file('empty.txt', ''),
      file('blank.md', '\n\n   \n'),
      file('program.exe', 'MZ'),
      file('windows-note.txt', utf16le('Recycling goes out on Tuesday.')),
      file('说明书.txt', ZH),
    ],
    { onProgress: (p) => progress.push(p) },
  );
  expect(results.map((r) => [r.file, r.stage, (r.error as DocumentUnreadableError | undefined)?.reason])).toEqual([
    ['boiler.md', 'done', undefined],
    ['photo.txt', 'failed', 'binary'],
    ['empty.txt', 'failed', 'empty'],
    ['blank.md', 'failed', 'empty'],
    ['program.exe', 'failed', 'unsupported'],
    ['windows-note.txt', 'done', undefined],
    ['说明书.txt', 'done', undefined],
  ]);
  expect(progress.filter((p) => p.file === 'boiler.md').map((p) => p.stage)).toEqual(
    expect.arrayContaining(['read', 'chunk', 'store', 'embed', 'done']),
  );
  const embedded = progress.filter((p) => p.file === 'boiler.md' && p.stage === 'embed').at(-1);
  expect(embedded!.embedded).toBe(embedded!.total);

  const [hit] = await lib.search('what pressure should the boiler have', 3);
  expect(hit).toMatchObject({ documentName: 'boiler.md', headings: ['Boiler manual', 'Pressure'] });
  expect(hit!.text).toContain('1.5 bar');
  expect((await lib.search('锅炉压力', 1))[0]!.documentName).toBe('说明书.txt');
  expect((await lib.search('recycling tuesday', 1))[0]!.documentName).toBe('windows-note.txt');
});

test('the next file is read and stored while the one before it is embedded', async () => {
  let secondStored!: () => void;
  const stored = new Promise<void>((resolve) => (secondStored = resolve));
  const order: string[] = [];
  let importing = false;
  const lib = await library((engine) => ({
    ...engine,
    index: async (passages, onProgress) => {
      if (!importing) return engine.index(passages, onProgress); // open() indexing the empty store
      const first = order.length === 0;
      order.push(`embed ${passages.length}`);
      // The first file's embedding ends only once the second is stored: serial code never gets there.
      if (first) await stored;
      return engine.index(passages, onProgress);
    },
  }));
  await lib.open(MODEL);
  importing = true;
  const progress: ImportProgress[] = [];
  const results = await lib.importFiles([file('same.md', BOILER), file('same.md', ZH)], {
    onProgress: (p) => {
      progress.push(p);
      if (p.index === 1 && p.stage === 'store') secondStored();
    },
  });
  expect(results.map((r) => [r.index, r.stage])).toEqual([
    [0, 'done'],
    [1, 'done'],
  ]);
  expect(order).toHaveLength(2);
  // Reports name their file by place: both are called same.md and were in progress together.
  const stagesOf = (i: number) => progress.filter((p) => p.index === i).map((p) => p.stage);
  for (const i of [0, 1]) expect(stagesOf(i)).toEqual(expect.arrayContaining(['read', 'chunk', 'store', 'embed', 'done']));
  expect(progress.findIndex((p) => p.index === 1 && p.stage === 'store')).toBeLessThan(
    progress.findIndex((p) => p.index === 0 && p.stage === 'done'),
  );
  expect((await lib.search('锅炉压力', 1))[0]!.docId).toBe(results[1]!.document!.id);
});

test('reopening embeds nothing again; delete removes a document from search for good', async () => {
  const first = await library();
  await first.open(MODEL);
  const [boiler] = await first.importFiles([file('boiler.md', BOILER), file('说明书.txt', ZH)]);
  embedCalls = 0;
  const again = await library();
  const reopened = await again.open(MODEL);
  expect(reopened.made.size).toBe(0);
  expect(embedCalls).toBe(0);
  expect((await again.search('boiler valves', 1))[0]!.documentName).toBe('boiler.md');

  await again.remove(boiler!.document!.id);
  expect((await again.search('boiler valves radiators pressure', 10)).map((h) => h.documentName)).not.toContain('boiler.md');
  const third = await library();
  await third.open(MODEL);
  expect((await third.search('boiler valves radiators pressure', 10)).map((h) => h.documentName)).not.toContain('boiler.md');
});

test('cancel during embedding keeps the document; the next open embeds the rest', async () => {
  let afterStored!: () => void;
  const stored = new Promise<void>((resolve) => (afterStored = resolve));
  let importing = false;
  const lib = await library((engine) => ({
    ...engine,
    // garden.txt is embedded only once after.txt, read ahead meanwhile, is stored.
    index: async (passages, onProgress) => (importing && (await stored), engine.index(passages, onProgress)),
  }));
  await lib.open(MODEL);
  importing = true;
  const controller = new AbortController();
  const long = Array.from({ length: 60 }, (_, i) => `Paragraph ${i} is about the garden shed number ${i}. `.repeat(6)).join(
    '\n\n',
  );
  const results = await lib.importFiles([file('garden.txt', long), file('after.txt', 'The ladder hangs in the shed.')], {
    signal: controller.signal,
    onProgress: (p) => {
      if (p.index === 1 && p.stage === 'store') afterStored();
      if (p.index === 0 && p.stage === 'embed' && (p.embedded ?? 0) > 0) controller.abort();
    },
  });
  expect(results.map((r) => [r.stage, r.kept])).toEqual([
    ['cancelled', undefined],
    ['cancelled', false],
  ]);
  const next = await library();
  const reopened = await next.open(MODEL);
  expect(reopened.made.size).toBeGreaterThan(0); // what was left of garden.txt
  expect(reopened.indexed).toBeGreaterThan(reopened.made.size);
  // The file after the one cancelled is gone, though it had been stored ahead.
  expect((await next.search('ladder', 10)).map((h) => h.documentName)).not.toContain('after.txt');
});

test('a typed note is knowledge too', async () => {
  const lib = await library();
  await lib.open(MODEL);
  await lib.addNote('Wifi', 'The guest wifi password is on the fridge.');
  expect((await lib.search('guest wifi password', 1))[0]).toMatchObject({ documentName: 'Wifi' });
  await expect(lib.addNote('Blank', '  ')).rejects.toMatchObject({ reason: 'empty' });
});

test('a search decrypts the passages it shows and their documents, not the rest of them', async () => {
  const lib = await library();
  await lib.open(MODEL);
  const long = Array.from({ length: 120 }, (_, i) => `## Part ${i}\n\nRoutine paragraph ${i} about nothing much.`);
  long[77] = '## Safety\n\nThe thermocouple closes the gas valve.';
  await lib.importFiles([file('manual.md', long.join('\n\n'))]);
  const decrypt = vi.spyOn(Vault.prototype, 'decryptJson');
  try {
    const hits = await lib.search('thermocouple', 3);
    expect(hits[0]!.documentName).toBe('manual.md');
    expect(hits.some((h) => h.text.includes('thermocouple'))).toBe(true);
    // One per passage shown and one per document named: not the manual's 120 passages.
    expect(decrypt.mock.calls.length).toBeLessThanOrEqual(hits.length + 1);
  } finally {
    decrypt.mockRestore();
  }
});
