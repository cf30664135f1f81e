// Keeps the bench off the network without slowing what it times. Chromium is told to send every
// request through this "proxy", which records what was asked for and refuses it; loopback (the app
// and the mirror) bypasses proxies in Chromium by default, so timed requests pay nothing. The tests'
// offNetworkGuard (Playwright route()) round-trips every request through Node instead, which cost
// about a fifth of the raw fetch throughput on a 2-core machine.
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface NetworkTrap {
  /** Chromium flags that route all non-loopback traffic here. */
  args: string[];
  /** First request lines refused, e.g. "CONNECT huggingface.co:443". */
  refused: string[];
  close(): Promise<void>;
}

// Chromium itself (component updater, account checks) asks Google hosts even with background
// networking off; Hearth never does. Everything else refused is something the app tried.
const BROWSER_HOSTS = /(^|\.)(google\.com|googleapis\.com|gvt1\.com|gstatic\.com)(:\d+)?$/;

/** Splits refused request lines into Chromium's own and the rest (which should be none). */
export function classifyRefused(lines: string[]): { browser: string[]; app: string[] } {
  const host = (line: string) => {
    const target = line.split(' ')[1] ?? '';
    return /^[a-z]+:\/\//.test(target) ? new URL(target).host : target;
  };
  return { browser: lines.filter((l) => BROWSER_HOSTS.test(host(l))), app: lines.filter((l) => !BROWSER_HOSTS.test(host(l))) };
}

export async function startNetworkTrap(): Promise<NetworkTrap> {
  const refused: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.once('data', (head) => {
      refused.push(
        head
          .toString('latin1')
          .split('\r\n')[0]!
          .replace(/ HTTP\/1\.[01]$/, ''),
      );
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    args: [`--proxy-server=http://127.0.0.1:${port}`],
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
