// A bench-only stand-in for a flaky network in front of the model mirror: it forwards every request
// and, while a cut plan is set, drops the connection of a file's response where the plan says. Cuts
// are planned as positions in the file, so a resumed request (Range from what the app stored) is cut
// at the plan's next position whatever byte it starts from. The mirror's own 'drop-after' fault
// counts from the start of a response and is decided before the request is seen, which cannot.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Like the mirror's drop: a short stall before the close lets the page read every byte sent
 *  (Chromium discards body bytes still queued when a connection fails at once). */
const DROP_STALL_MS = 300;

export interface CutPlan {
  /** The URL path of the file (as the mirror logs it). */
  path: string;
  /** File positions, ascending: the response that carries byte `p` is closed right before it. */
  positions: number[];
}

export interface ProxiedResponse {
  path: string;
  /** First file byte of the response (0 without a Range). */
  start: number;
  /** Body bytes sent to the page. */
  bytes: number;
  /** The file position it was cut at, if it was. */
  cutAt: number | null;
}

export interface CuttingProxy {
  url: string;
  plan(plan: CutPlan | null): void;
  readonly responses: readonly ProxiedResponse[];
  reset(): void;
  close(): Promise<void>;
}

export async function startCuttingProxy(targetUrl: string): Promise<CuttingProxy> {
  const target = new URL(targetUrl);
  let plan: CutPlan | null = null;
  let responses: ProxiedResponse[] = [];

  const server = http.createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://proxy').pathname);
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        const start = Number(/^bytes (\d+)-/.exec(String(answer.headers['content-range'] ?? ''))?.[1] ?? 0);
        const record: ProxiedResponse = { path, start, bytes: 0, cutAt: null };
        if (req.method === 'GET') responses.push(record);
        const cutAt = plan && plan.path === path ? (plan.positions.find((p) => p > start) ?? null) : null;
        answer.on('data', (data: Buffer) => {
          if (record.cutAt !== null) return;
          const room = cutAt === null ? Infinity : cutAt - (start + record.bytes);
          const chunk = data.subarray(0, Math.max(0, Math.min(data.length, room)));
          if (chunk.length) res.write(chunk);
          record.bytes += chunk.length;
          if (cutAt !== null && start + record.bytes >= cutAt) {
            record.cutAt = cutAt;
            plan = plan && { ...plan, positions: plan.positions.filter((p) => p !== cutAt) };
            answer.destroy();
            setTimeout(() => res.socket?.end(), DROP_STALL_MS);
          }
        });
        answer.on('end', () => {
          if (record.cutAt === null) res.end();
        });
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    plan: (p) => void (plan = p && { ...p, positions: [...p.positions].sort((a, b) => a - b) }),
    get responses() {
      return responses;
    },
    reset: () => void (responses = []),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
