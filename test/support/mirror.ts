// A local stand-in for the Hugging Face hub (test tooling, not product code). It serves shared/models
// as {base}/{org}/{repo}/resolve/{revision}/{path} with the headers the downloader relies on (Range,
// ETag and X-Linked-Etag = sha256, CORS and CORP for a cross-origin isolated page), and it breaks
// downloads on request so tests can prove resume, integrity checks and cancellation.
//   tsx test/support/mirror.ts [port]     prints its URL and serves until stopped
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseFileUrl } from '../../src/core/model-url';
import { modelsDir } from './paths';
import { allowLocalOrigin } from './page-guards';

/** `times` (default: every request) counts the requests a fault has broken; a spent fault is removed.
 *  'status' breaks GET and HEAD; the body faults break GET only, so a HEAD probe does not use them up. */
export type Fault = { match: RegExp; times?: number } & (
  | { kind: 'drop-after'; bytes: number } // close the connection after this many body bytes
  | { kind: 'status'; status: number }
  | { kind: 'corrupt' } // same length, some bytes flipped
  | { kind: 'slow'; bytesPerSecond: number }
  | { kind: 'ignore-range' } // answer 200 with the whole file
);

export interface RequestRecord {
  method: string;
  /** Decoded URL path, e.g. /ggml-org/models/resolve/main/tinyllamas/stories260K.gguf */
  path: string;
  range: string | null;
  status: number;
  /** Body bytes written so far. */
  bytes: number;
}

export interface Mirror {
  url: string;
  root: string;
  fault(fault: Fault): void;
  clearFaults(): void;
  /** Every request since start or resetLog(), oldest first (CORS preflights included). */
  readonly requests: readonly RequestRecord[];
  /** Body bytes sent for paths equal to `match` (a string) or matching it (a RegExp); all paths if omitted. */
  bytesSent(match?: string | RegExp): number;
  resetLog(): void;
  close(): Promise<void>;
}

// On every answer, errors included: the app's page is cross-origin isolated (COEP require-corp) and on
// another port, so without CORS and CORP it could not even read a 404.
const CROSS_ORIGIN = {
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Accept-Ranges, ETag, X-Linked-Etag, X-Linked-Size',
};
const BODY_FAULTS = new Set(['drop-after', 'corrupt', 'slow', 'ignore-range']);
const DROP_STALL_MS = 300;
const TYPES: Record<string, string> = { '.json': 'application/json', '.txt': 'text/plain; charset=utf-8' };

/** `extraRoots`: more folders laid out like hub repos (e.g. a generated fixture), searched after `root`. */
export async function start({
  port = 0,
  root = modelsDir,
  extraRoots = [],
}: { port?: number; root?: string; extraRoots?: string[] } = {}): Promise<Mirror> {
  root = path.resolve(root);
  const roots = [root, ...extraRoots.map((r) => path.resolve(r))];
  let faults: Fault[] = [];
  let requests: RequestRecord[] = [];
  const hashes = new Map<string, { key: string; hash: Promise<string> }>();

  // Hashing a file is only paid for when it is first served, then kept until the file changes.
  function sha256(file: string, stat: fs.Stats): Promise<string> {
    const key = `${stat.size}:${stat.mtimeMs}`;
    const cached = hashes.get(file);
    if (cached?.key === key) return cached.hash;
    const hash = new Promise<string>((resolve, reject) => {
      const h = crypto.createHash('sha256');
      fs.createReadStream(file)
        .on('data', (d) => h.update(d))
        .on('error', reject)
        .on('end', () => resolve(h.digest('hex')));
    });
    hashes.set(file, { key, hash });
    return hash;
  }

  function takeFaults(urlPath: string, method: string): Fault[] {
    const hits = faults.filter((f) => {
      f.match.lastIndex = 0; // a /g regex would otherwise alternate between hit and miss
      return f.match.test(urlPath) && (method === 'GET' || !BODY_FAULTS.has(f.kind));
    });
    for (const f of hits) if (f.times !== undefined) f.times -= 1;
    faults = faults.filter((f) => f.times === undefined || f.times > 0);
    return hits;
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const rawPath = new URL(req.url ?? '/', 'http://mirror').pathname;
    const record: RequestRecord = { method, path: safeDecode(rawPath), range: req.headers.range ?? null, status: 0, bytes: 0 };
    requests.push(record);
    const reply = (status: number, headers: Record<string, string | number> = {}, body?: string) => {
      record.status = status;
      res.writeHead(status, { ...CROSS_ORIGIN, ...headers });
      res.end(method === 'HEAD' ? undefined : body);
    };

    if (method === 'OPTIONS')
      return reply(204, {
        'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
        'Access-Control-Allow-Headers': 'Range, If-Range, If-None-Match, If-Match',
        'Access-Control-Max-Age': 600,
      });
    if (method !== 'GET' && method !== 'HEAD') return reply(405, { Allow: 'GET, HEAD, OPTIONS' }, 'method not allowed');

    const hits = takeFaults(record.path, method);
    const statusFault = hits.find((f) => f.kind === 'status');
    if (statusFault) return reply(statusFault.status, { 'Content-Type': 'text/plain' }, `injected fault: ${statusFault.status}`);

    const parsed = parseFileUrl(rawPath);
    const found =
      parsed &&
      roots
        .map((r) => {
          const candidate = path.resolve(r, parsed.repo, parsed.path);
          return candidate.startsWith(r + path.sep)
            ? { candidate, stat: fs.statSync(candidate, { throwIfNoEntry: false }) }
            : null;
        })
        .find((c) => c?.stat);
    const file = found?.candidate;
    const stat = found?.stat;
    if (!file || !stat?.isFile()) return reply(404, { 'Content-Type': 'text/plain' }, 'Entry not found');

    const etag = `"${await sha256(file, stat)}"`; // quoted like the hub's; X-Linked-Etag carries the LFS sha256
    const ifRange = req.headers['if-range'];
    const useRange = !hits.some((f) => f.kind === 'ignore-range') && (ifRange === undefined || ifRange === etag);
    const range = useRange ? parseRange(req.headers.range, stat.size) : null;
    const headers: Record<string, string | number> = {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Accept-Ranges': 'bytes',
      ETag: etag,
      'X-Linked-Etag': etag,
      'X-Linked-Size': stat.size,
      'Cache-Control': 'no-store',
    }; // tests count bytes: the browser's HTTP cache must not answer a repeat
    if (range === 'unsatisfiable') return reply(416, { ...headers, 'Content-Range': `bytes */${stat.size}` });

    const { start: first, end: last } = range ?? { start: 0, end: stat.size - 1 };
    if (range) headers['Content-Range'] = `bytes ${first}-${last}/${stat.size}`;
    headers['Content-Length'] = last - first + 1;
    if (method === 'HEAD' || stat.size === 0) return reply(range ? 206 : 200, headers);
    record.status = range ? 206 : 200;
    res.writeHead(record.status, { ...CROSS_ORIGIN, ...headers });
    await sendBody(res, file, first, last, hits, (n) => (record.bytes += n));
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('mirror:', err);
      if (!res.headersSent) res.writeHead(500).end(String(err));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actualPort } = server.address() as AddressInfo;
  allowLocalOrigin(`http://localhost:${actualPort}`);

  return {
    url: `http://localhost:${actualPort}`,
    root,
    fault: (fault) => void faults.push({ ...fault }),
    clearFaults: () => void (faults = []),
    get requests() {
      return requests;
    },
    bytesSent: (match) =>
      requests
        .filter(
          (r) =>
            match === undefined || (typeof match === 'string' ? r.path === match : ((match.lastIndex = 0), match.test(r.path))),
        )
        .reduce((sum, r) => sum + r.bytes, 0),
    resetLog: () => void (requests = []),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections(); // keep-alive sockets from a browser would hold close() open
        server.close(() => resolve());
      }),
  };
}

/** One byte range, or null to serve the whole file (absent, malformed or multi-range: RFC 9110 lets a server ignore those). */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    // suffix range: the last N bytes
    const n = Number(m[2]);
    return n === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? Infinity : Number(m[2]);
  if (end < start) return null;
  return start >= size ? 'unsatisfiable' : { start, end: Math.min(end, size - 1) };
}

async function sendBody(
  res: http.ServerResponse,
  file: string,
  first: number,
  last: number,
  faults: Fault[],
  count: (n: number) => void,
): Promise<void> {
  const find = <K extends Fault['kind']>(kind: K) =>
    faults.find((f) => f.kind === kind) as Extract<Fault, { kind: K }> | undefined;
  const drop = find('drop-after');
  const slow = find('slow');
  const corrupt = find('corrupt');
  const limit = drop ? drop.bytes : Infinity;
  // Small chunks when throttled so a test can cancel between them.
  const chunkSize = slow ? Math.min(64 * 1024, Math.max(1, Math.floor(slow.bytesPerSecond / 10))) : 64 * 1024;
  const stream = fs.createReadStream(file, { start: first, end: last, highWaterMark: chunkSize });
  let sent = 0;
  const started = performance.now();
  try {
    for await (const data of stream as AsyncIterable<Buffer>) {
      let chunk = data.subarray(0, Math.max(0, limit - sent));
      if (corrupt) chunk = flip(chunk, sent);
      if (chunk.length > 0 && !(await write(res, chunk))) return; // the client went away
      sent += chunk.length;
      count(chunk.length);
      if (sent >= limit) break;
      // Paced against the start, not per chunk: timer slack then evens out instead of adding up, so
      // the rate holds as a link's would (the bench's link-limited download relies on it).
      if (slow) {
        const due = started + (sent / slow.bytesPerSecond) * 1000 - performance.now();
        if (due > 0) await new Promise((r) => setTimeout(r, due));
      }
      if (res.destroyed) return;
    }
  } finally {
    stream.destroy();
  }
  if (sent >= limit) {
    // Chromium throws away body bytes still queued for the page when the connection fails, so a
    // drop that follows the data at once reaches the page as "0 bytes, then an error". A short stall
    // first lets the page read all N bytes, as with a connection that hangs and then dies. end(), not
    // destroy(), so nothing written is lost; the connection closes short of Content-Length, which the
    // browser reports as a network error.
    res.flushHeaders();
    await new Promise((r) => setTimeout(r, DROP_STALL_MS));
    res.socket?.end();
    return;
  }
  res.end();
}

/** Inverts every 4096th body byte (the first one included), so any body of any length changes. */
function flip(chunk: Buffer, bodyOffset: number): Buffer {
  const out = Buffer.from(chunk);
  for (let i = (4096 - (bodyOffset % 4096)) % 4096; i < out.length; i += 4096) out[i] = out[i]! ^ 0xff;
  return out;
}

function write(res: http.ServerResponse, chunk: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = () => resolve(false);
    res.once('close', onClose);
    res.write(chunk, (err) => {
      res.off('close', onClose);
      resolve(!err);
    });
  });
}

function safeDecode(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const mirror = await start({ port: Number(process.argv[2] ?? process.env.MIRROR_PORT ?? 0) });
  console.log(`model mirror: ${mirror.url} (serving ${mirror.root})`);
  console.log(`  e.g. ${mirror.url}/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf`);
}
