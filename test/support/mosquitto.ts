// A real Debian mosquitto for the device tests: loopback only, a WebSockets listener (what the app
// connects to) and a TCP listener (what the simulated devices use), one user in a password file,
// free ports, everything in a temp dir. stop/start keep the ports and the retained messages
// (persistence), so a test can restart the broker under a connected client.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const MOSQUITTO = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((candidate) => existsSync(candidate)) ?? 'mosquitto';

export interface Mosquitto {
  /** ws://127.0.0.1:<port> — the app's way in. */
  wsUrl: string;
  /** mqtt://127.0.0.1:<port> — the simulated devices' way in. */
  tcpUrl: string;
  wsPort: number;
  tcpPort: number;
  username: string;
  password: string;
  /** Everything the broker logged so far (for a failing test's message). */
  log(): string;
  /** Stops the broker (it saves its retained messages) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same ports. */
  start(): Promise<void>;
  /** Stops it and removes its directory. */
  close(): Promise<void>;
}

/** A port nothing listens on right now (the kernel's choice), on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startMosquitto(options: { username?: string; password?: string } = {}): Promise<Mosquitto> {
  const username = options.username ?? 'hearth';
  const password = options.password ?? 'correct horse battery';
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hearth-mosquitto-'));
  const passwordFile = path.join(dir, 'passwd');
  await writeFile(passwordFile, '');
  execFileSync('mosquitto_passwd', ['-b', passwordFile, username, password]);
  const tcpPort = await freePort();
  const wsPort = await freePort();
  const configFile = path.join(dir, 'mosquitto.conf');
  await writeFile(
    configFile,
    [
      'per_listener_settings false',
      'allow_anonymous false',
      `password_file ${passwordFile}`,
      // As root mosquitto would switch to its own user, who cannot read this private temp dir.
      `user ${os.userInfo().username}`,
      'persistence true',
      `persistence_location ${dir}/`,
      // stderr: stdout is block-buffered when it is a pipe, so the ready line would come late.
      'log_dest stderr',
      'log_type error',
      'log_type warning',
      'log_type notice',
      'log_type information',
      `listener ${tcpPort} 127.0.0.1`,
      `listener ${wsPort} 127.0.0.1`,
      'protocol websockets',
      '',
    ].join('\n'),
  );

  let output = '';
  let child: ChildProcess | undefined;

  const start = () =>
    new Promise<void>((resolve, reject) => {
      const process = spawn(MOSQUITTO, ['-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
      child = process;
      let ready = false;
      let own = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        own += chunk.toString();
        // Logged once every listener is open.
        if (!ready && / running\s*$/m.test(own)) {
          ready = true;
          resolve();
        }
      };
      process.stdout!.on('data', onData);
      process.stderr!.on('data', onData);
      process.once('exit', (code, signal) => {
        if (child === process) child = undefined;
        if (!ready) reject(new Error(`mosquitto exited (${code ?? signal}) before it was ready:\n${output}`));
      });
    });

  const stop = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  };

  await start();
  return {
    wsUrl: `ws://127.0.0.1:${wsPort}`,
    tcpUrl: `mqtt://127.0.0.1:${tcpPort}`,
    wsPort,
    tcpPort,
    username,
    password,
    log: () => output,
    stop,
    start,
    close: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
