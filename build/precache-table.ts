// `npm run precache-table`: writes docs/precache.md from the build (HEARTH_DIST or dist/), keeping
// the reasons already written and marking new assets with a TODO.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTable, readPrecache, renderTable, TODO_REASON } from './precache.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(process.env.HEARTH_DIST ?? path.join(root, 'dist'));
const doc = path.join(root, 'docs', 'precache.md');

const reasons = new Map(fs.existsSync(doc) ? parseTable(fs.readFileSync(doc, 'utf8')).map((r) => [r.asset, r.why]) : []);
const rows = readPrecache(dist).map((r) => ({ ...r, why: reasons.get(r.asset) ?? TODO_REASON }));
fs.mkdirSync(path.dirname(doc), { recursive: true });
fs.writeFileSync(doc, renderTable(rows));
const todo = rows.filter((r) => r.why === TODO_REASON).map((r) => r.asset);
console.log(`wrote ${doc}: ${rows.length} rows${todo.length ? `; say why for ${todo.join(', ')}` : ''}`);
