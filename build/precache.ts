// The service worker's precache, read back from a build: every entry of the manifest Workbox injected
// into sw.js with its size on disk, grouped under a name without the content hash (the same chunk
// keeps its row from build to build). docs/precache.md lists each with why it is there;
// build/precache-table.ts writes that file and test/e2e/precache-table.test.ts holds the build to it.
import fs from 'node:fs';
import path from 'node:path';

export interface PrecacheRow {
  /** e.g. assets/talk-[hash].js */
  asset: string;
  files: number;
  bytes: number;
}

/** Vite's content hash: 8 base64url characters before the extension, only under assets/. */
export const assetKey = (url: string): string => url.replace(/^(assets\/.+)-[A-Za-z0-9_-]{8}(\.[a-z0-9]+)$/, '$1-[hash]$2');

export function readPrecache(distDir: string): PrecacheRow[] {
  const sw = fs.readFileSync(path.join(distDir, 'sw.js'), 'utf8');
  // vite-plugin-pwa lists the manifest's icons and the manifest itself a second time: one file each.
  const urls = [...new Set([...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!))];
  if (urls.length === 0) throw new Error(`${distDir}/sw.js holds no precache manifest`);
  const rows = new Map<string, PrecacheRow>();
  for (const url of urls) {
    const bytes = fs.statSync(path.join(distDir, url)).size;
    const key = assetKey(url);
    const row = rows.get(key) ?? { asset: key, files: 0, bytes: 0 };
    row.files++;
    row.bytes += bytes;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => b.bytes - a.bytes || a.asset.localeCompare(b.asset));
}

export interface TableRow extends PrecacheRow {
  why: string;
}

export const TODO_REASON = 'TODO: say why this is precached';
// Tolerates Prettier's column padding.
const ROW = /^\|\s*`([^`]+)`\s*\|\s*(\d+)\s*\|\s*([\d,]+)\s*\|\s*(.*?)\s*\|$/;

export function parseTable(markdown: string): TableRow[] {
  return markdown
    .split('\n')
    .map((line) => ROW.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ asset: m[1]!, files: Number(m[2]), bytes: Number(m[3]!.replace(/,/g, '')), why: m[4]!.trim() }));
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(2);

export function renderTable(rows: TableRow[]): string {
  const total = rows.reduce((n, r) => n + r.bytes, 0);
  return [
    '# What the service worker precaches',
    '',
    'Every file the app shell stores for offline use on the first visit, from the build',
    '(`npm run precache-table` rewrites the sizes from `dist/`, or `HEARTH_DIST`, and keeps the reasons;',
    'a new file gets a TODO that `test/e2e/precache-table.test.ts` refuses until it says why).',
    'Model weights are never precached: they are downloaded into the model store (OPFS) on request.',
    `Total: ${rows.reduce((n, r) => n + r.files, 0)} files, ${mb(total)} MB (1 MB = 10^6 bytes).`,
    '',
    '| asset | files | bytes | why |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| \`${r.asset}\` | ${r.files} | ${r.bytes.toLocaleString('en-US')} | ${r.why} |`),
    '',
  ].join('\n');
}

/** A row's size may move this much before the table must be regenerated (and looked at). */
export const sizeTolerance = (bytes: number): number => Math.max(4096, bytes * 0.1);
