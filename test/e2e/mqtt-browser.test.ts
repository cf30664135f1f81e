// The MQTT connector in Chromium, as the app will run it: mqtt.js's browser build (bundled by Vite
// with the browser conditions) over a real WebSocket to mosquitto on loopback, with the simulated
// devices on its TCP side. The Node tests cover the connector's behaviour in depth; this one proves
// the browser path: discovery, a command and its state, and the browser's own error for a port with
// no broker (a WebSocket error event carries no code) read as "unreachable".
import http from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MqttConnection as Connection } from '../../src/connectors/mqtt-connection';
import { launchBrowser, type LaunchedBrowser } from '../support/browser';
import { freePort, startMosquitto, type Mosquitto } from '../support/mosquitto';
import { allowLocalOrigin } from '../support/page-guards';
import { repoRoot } from '../support/paths';
import { SimulatedHome } from '../support/sim-devices';

let broker: Mosquitto;
let home: SimulatedHome;
let browser: LaunchedBrowser;
let server: http.Server;
let pageUrl: string;
let bundleDir: string;

beforeAll(async () => {
  broker = await startMosquitto();
  allowLocalOrigin(broker.wsUrl);
  home = new SimulatedHome();
  await home.connect(broker);
  bundleDir = await mkdtemp(path.join(os.tmpdir(), 'hearth-mqtt-bundle-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    root: repoRoot,
    build: {
      outDir: bundleDir,
      emptyOutDir: true,
      minify: false,
      lib: { entry: path.join(repoRoot, 'src/connectors/mqtt-connection.ts'), formats: ['es'], fileName: () => 'connector.js' },
    },
  });
  const bundle = await readFile(path.join(bundleDir, 'connector.js'));
  server = http.createServer((request, response) => {
    if (request.url === '/connector.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    } else {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          '<!doctype html><title>mqtt</title><script type="module">' +
            "import { MqttConnection } from '/connector.js'; window.MqttConnection = MqttConnection;</script>",
        );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  pageUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  allowLocalOrigin(pageUrl);
  browser = await launchBrowser({ webgpu: false });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await home?.close();
  await broker?.close();
  if (bundleDir) await rm(bundleDir, { recursive: true, force: true });
});

describe('MQTT connector in Chromium', () => {
  it('discovers the devices over WebSockets, sends a command and shows the new state', async () => {
    const page = await browser.newPage();
    await page.goto(pageUrl);
    await page.waitForFunction(() => 'MqttConnection' in window);
    await page.evaluate(
      async ({ url, username, password }) => {
        const { MqttConnection } = window as unknown as { MqttConnection: typeof Connection };
        const connection = new MqttConnection({ url, username, password, pageProtocol: location.protocol });
        (window as unknown as { connection: unknown }).connection = connection;
        connection.connect();
      },
      { url: broker.wsUrl, username: broker.username, password: broker.password },
    );
    await page.waitForFunction(() => {
      const { connection } = window as unknown as {
        connection: { registry: { entity(id: string): { available: boolean } | undefined } };
      };
      return ['sim-kitchen-ceiling', 'sim-coffee', 'sim-front-door', 'sim-living-temp', 'sim-garage'].every(
        (id) => connection.registry.entity(id)?.available === true,
      );
    });
    const wanted = !home.coffee.on;
    const sent = await page.evaluate(
      (on) =>
        (window as unknown as { connection: { send(id: string, command: unknown): Promise<unknown> } }).connection.send(
          'sim-coffee',
          { kind: on ? 'turn_on' : 'turn_off' },
        ),
      wanted,
    );
    expect(sent).toMatchObject({ ok: true });
    await home.waitForCommand((command) => command.topic === 'sim/coffee/set' && command.payload === (wanted ? 'brew' : 'idle'));
    await page.waitForFunction((on) => {
      const { connection } = window as unknown as {
        connection: { registry: { entity(id: string): { state: { on?: boolean } } | undefined } };
      };
      return connection.registry.entity('sim-coffee')?.state.on === on;
    }, wanted);
    await page.evaluate(() => (window as unknown as { connection: { close(): Promise<void> } }).connection.close());
    await page.close();
  });

  it("reads the browser's error for a port with no broker as unreachable", async () => {
    const port = await freePort();
    allowLocalOrigin(`ws://127.0.0.1:${port}`);
    const page = await browser.newPage();
    await page.goto(pageUrl);
    await page.waitForFunction(() => 'MqttConnection' in window);
    const status = await page.evaluate(async (url) => {
      const { MqttConnection } = window as unknown as { MqttConnection: typeof Connection };
      const connection = new MqttConnection({ url, pageProtocol: location.protocol });
      const seen = new Promise((resolve) =>
        connection.onStatus((next) => {
          if (next.state === 'unreachable') resolve(next);
        }),
      );
      connection.connect();
      const result = await seen;
      await connection.close();
      return result;
    }, `ws://127.0.0.1:${port}`);
    expect(status).toMatchObject({
      state: 'unreachable',
      problem: 'unreachable',
      message: expect.stringContaining(`127.0.0.1:${port}`),
    });
    await page.close();
  });
});
