// Minimal loopback model source for downloader unit tests: serves byte buffers under hub paths
// (/{org}/{repo}/resolve/{revision}/{path}), honours Range, and injects the few faults the
// downloader must survive. The fuller fault-injecting mirror for browser tests is test/support/mirror.ts.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseFileUrl } from '../../src/core/model-url';
import { allowLocalOrigin } from './page-guards';

export interface RangeServerFaults {
  /** Destroy the connection after sending this many body bytes of a response. */
  dropAfterBytes?: number;
  /** Send this many body bytes, then hang until the client goes away (for pause/abort tests). */
  stallAfterBytes?: number;
  /** Answer every request with this status and no body. */
  status?: number;
  /** Flip one byte in the middle of every file (the same byte every time). */
  corrupt?: boolean;
  /** Answer 200 with the whole file even to Range requests. */
  ignoreRange?: boolean;
  /** Send this many bytes more than the file holds (a wrong file on the source). */
  extraBytes?: number;
}

export interface ServedRequest {
  method: string;
  path: string;
  range: string | null;
  status: number;
  bytesSent: number;
}

export interface RangeServer {
  /** Base URL to pass as the model source. */
  url: string;
  /** Mutable: tests switch faults between runs. */
  faults: RangeServerFaults;
  /** Extra response headers per "{repo}/{path}" (e.g. ETag, X-Linked-Etag). */
  headers: Map<string, Record<string, string>>;
  requests: ServedRequest[];
  /** Body bytes sent over all requests so far. */
  bytesSent(): number;
  close(): Promise<void>;
}

/** files: "{org}/{repo}/{path}" -> bytes, served at revision "main". */
export async function startRangeServer(files: Record<string, Uint8Array>): Promise<RangeServer> {
  const faults: RangeServerFaults = {};
  const headers = new Map<string, Record<string, string>>();
  const requests: ServedRequest[] = [];

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const parsed = parseFileUrl(req.url ?? '');
    const key = parsed && parsed.revision === 'main' ? `${parsed.repo}/${parsed.path}` : '';
    const range = req.headers.range ?? null;
    const log: ServedRequest = { method: req.method ?? 'GET', path: req.url ?? '', range, status: 0, bytesSent: 0 };
    requests.push(log);
    const source = files[key];
    const reply = (status: number, extra: Record<string, string> = {}) => {
      log.status = status;
      res.writeHead(status, { 'Accept-Ranges': 'bytes', ...headers.get(key), ...extra });
    };
    if (faults.status) return (reply(faults.status), res.end());
    if (!source) return (reply(404), res.end());

    let body = Buffer.from(source);
    if (faults.corrupt && body.length > 0) body[body.length >> 1]! ^= 0xff;
    if (faults.extraBytes) body = Buffer.concat([body, Buffer.alloc(faults.extraBytes, 0x2a)]);
    const m = /^bytes=(\d+)-(\d*)$/.exec(range ?? '');
    let start = 0;
    let end = body.length - 1;
    if (m && !faults.ignoreRange) {
      start = Number(m[1]);
      if (m[2]) end = Math.min(end, Number(m[2]));
      if (start >= body.length) return (reply(416, { 'Content-Range': `bytes */${body.length}` }), res.end());
      reply(206, { 'Content-Range': `bytes ${start}-${end}/${body.length}`, 'Content-Length': String(end - start + 1) });
    } else {
      reply(200, { 'Content-Length': String(body.length) });
    }
    let slice = body.subarray(start, end + 1);
    const cut = faults.dropAfterBytes ?? faults.stallAfterBytes;
    const cutting = cut !== undefined && cut < slice.length;
    if (cutting) slice = slice.subarray(0, cut);
    log.bytesSent = req.method === 'HEAD' ? 0 : slice.length;
    res.write(slice, () => {
      if (!cutting) res.end();
      else if (faults.dropAfterBytes !== undefined) res.destroy();
      // stalling: leave the response open; close() or the client's abort ends it
    });
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  allowLocalOrigin(`http://127.0.0.1:${port}`);
  return {
    url: `http://127.0.0.1:${port}`,
    faults,
    headers,
    requests,
    bytesSent: () => requests.reduce((sum, r) => sum + r.bytesSent, 0),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
