// The Home Assistant connector in Chromium, as the app runs it: home-assistant-js-websocket bundled
// by Vite for the browser, over the page's own WebSocket to the protocol test server on loopback.
// The Node tests cover the connector in depth; this proves the browser path: the token, entities
// with their areas, a light toggled and its new state, a wrong token, a server that goes away and
// comes back, and malformed frames that never reach the page as errors. Then the same through the
// app's Devices view (the build in HEARTH_DIST), as a person would use it.
import http from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomeAssistantConnection as Connection } from '../../src/connectors/home-assistant-connection';
import * as appServer from '../support/app-server';
import { waitForServiceWorker } from '../support/app-page';
import { launchBrowser, type LaunchedBrowser } from '../support/browser';
import { HaTestServer } from '../support/ha-server';
import { allowLocalOrigin } from '../support/page-guards';
import { repoRoot } from '../support/paths';

let ha: HaTestServer;
let browser: LaunchedBrowser;
let server: http.Server;
let pageUrl: string;
let bundleDir: string;

type PageWindow = { HomeAssistantConnection: typeof Connection; connection: Connection; pageErrors: string[] };

beforeAll(async () => {
  ha = await HaTestServer.start();
  allowLocalOrigin(ha.url);
  bundleDir = await mkdtemp(path.join(os.tmpdir(), 'hearth-ha-bundle-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    root: repoRoot,
    build: {
      outDir: bundleDir,
      emptyOutDir: true,
      minify: false,
      lib: {
        entry: path.join(repoRoot, 'src/connectors/home-assistant-connection.ts'),
        formats: ['es'],
        fileName: () => 'connector.js',
      },
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
          '<!doctype html><title>ha</title><script>window.pageErrors = [];' +
            "addEventListener('error', (e) => pageErrors.push(String(e.message)));" +
            "addEventListener('unhandledrejection', (e) => pageErrors.push(String(e.reason)));</script>" +
            '<script type="module">' +
            "import { HomeAssistantConnection } from '/connector.js'; window.HomeAssistantConnection = HomeAssistantConnection;</script>",
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
  await ha?.close();
  if (bundleDir) await rm(bundleDir, { recursive: true, force: true });
});

async function openPage(url: string, token: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(pageUrl);
  await page.waitForFunction(() => 'HomeAssistantConnection' in window);
  await page.evaluate(
    ({ url, token }) => {
      const win = window as unknown as PageWindow;
      win.connection = new win.HomeAssistantConnection({
        url,
        token,
        pageProtocol: location.protocol,
        backoff: { initialMs: 100, maxMs: 1000, factor: 2 },
      });
      win.connection.connect();
    },
    { url, token },
  );
  return page;
}

const entityState = (page: Page, id: string) =>
  page.evaluate((id) => (window as unknown as PageWindow).connection.entities().find((e) => e.id === id), id);

describe('Home Assistant connector in Chromium', () => {
  it('lists entities by area with a token, toggles a light, and shows its new state', async () => {
    const page = await openPage(ha.url, ha.token);
    await page.waitForFunction(() => (window as unknown as PageWindow).connection.log().some((e) => e.code === 'synced'));
    const byArea = await page.evaluate(() => {
      const groups: Record<string, string[]> = {};
      for (const entity of (window as unknown as PageWindow).connection.entities()) {
        (groups[entity.area ?? '-'] ??= []).push(entity.name);
      }
      return Object.fromEntries(Object.entries(groups).map(([area, names]) => [area, names.sort()]));
    });
    expect(byArea).toEqual({
      Kitchen: ['Coffee maker', 'Kitchen ceiling'],
      'Living Room': ['Ceiling fan', 'Living temperature', 'Reading lamp', 'Thermostat'],
      Hallway: ['Front door'],
      Garage: ['Garage door'],
      '-': ['Sun'],
    });
    const wanted = (await entityState(page, 'light.kitchen_ceiling'))?.state.on !== true;
    const sent = await page.evaluate(
      (on) => (window as unknown as PageWindow).connection.send('light.kitchen_ceiling', { kind: on ? 'turn_on' : 'turn_off' }),
      wanted,
    );
    expect(sent).toEqual({ ok: true });
    expect(ha.serviceCalls.at(-1)).toMatchObject({ domain: 'light', service: wanted ? 'turn_on' : 'turn_off' });
    expect(ha.state('light.kitchen_ceiling')?.state).toBe(wanted ? 'on' : 'off');
    await page.waitForFunction(
      (on) =>
        (window as unknown as PageWindow).connection.entities().find((e) => e.id === 'light.kitchen_ceiling')?.state.on === on,
      wanted,
    );
    expect(await page.evaluate(() => (window as unknown as PageWindow).pageErrors)).toEqual([]);
    await page.evaluate(() => (window as unknown as PageWindow).connection.close());
    await page.close();
  });

  it('says so when Home Assistant refuses the token', async () => {
    const page = await openPage(ha.wsUrl, 'a wrong token');
    await page.waitForFunction(() => (window as unknown as PageWindow).connection.status.state === 'refused');
    const status = await page.evaluate(() => (window as unknown as PageWindow).connection.status);
    expect(status).toMatchObject({ problem: 'bad-credentials', message: expect.stringContaining('access token') });
    await page.close();
  });

  it('reconnects after the server went away and shows what changed meanwhile', async () => {
    const local = await HaTestServer.start();
    allowLocalOrigin(local.url);
    try {
      const page = await openPage(local.url, local.token);
      await page.waitForFunction(() => (window as unknown as PageWindow).connection.log().some((e) => e.code === 'synced'));
      await local.stop();
      await page.waitForFunction(() => (window as unknown as PageWindow).connection.status.state === 'reconnecting');
      local.setState('switch.coffee_maker', 'on');
      await local.start();
      await page.waitForFunction(
        () =>
          (window as unknown as PageWindow).connection.status.state === 'connected' &&
          (window as unknown as PageWindow).connection.entities().find((e) => e.id === 'switch.coffee_maker')?.state.on === true,
      );
      expect(await page.evaluate(() => (window as unknown as PageWindow).pageErrors)).toEqual([]);
      await page.evaluate(() => (window as unknown as PageWindow).connection.close());
      await page.close();
    } finally {
      await local.close();
    }
  });

  it('logs and skips malformed frames without an error in the page', async () => {
    const page = await openPage(ha.url, ha.token);
    await page.waitForFunction(() => (window as unknown as PageWindow).connection.log().some((e) => e.code === 'synced'));
    ha.sendRaw('{ not json');
    ha.sendRaw(JSON.stringify({ type: 'event', event: {} }));
    ha.sendEntitiesEvent({ a: { 'light.half': { a: {} } }, c: { 'light.kitchen_ceiling': { '+': { lc: 'soon' } } } });
    ha.setState('sensor.living_temperature', '18.25');
    await page.waitForFunction(
      () =>
        (window as unknown as PageWindow).connection.entities().find((e) => e.id === 'sensor.living_temperature')?.state
          .numeric === 18.25,
    );
    const skipped = await page.evaluate(() =>
      (window as unknown as PageWindow).connection
        .log()
        .filter((e) => e.code.startsWith('malformed'))
        .map((e) => e.message),
    );
    expect(skipped).toEqual(
      expect.arrayContaining([
        expect.stringContaining('not JSON'),
        expect.stringContaining('no numeric id'),
        expect.stringContaining('state is not text'),
      ]),
    );
    expect(await page.evaluate(() => (window as unknown as PageWindow).pageErrors)).toEqual([]);
    await page.evaluate(() => (window as unknown as PageWindow).connection.close());
    await page.close();
  });
});

describe('Home Assistant through the Devices view', () => {
  const NAME = 'My home';
  let app: appServer.AppServer;
  let home: HaTestServer;
  let page: Page;

  beforeAll(async () => {
    home = await HaTestServer.start();
    allowLocalOrigin(home.url);
    app = await appServer.start();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await page?.close();
    await app?.close();
    await home?.close();
  });

  const card = () => page.getByRole('article', { name: NAME });
  const room = (name: string) => page.getByRole('region', { name, exact: true });
  const connected = () => card().getByText(`Connected to ${home.url}.`);
  const coffee = () => room('Kitchen').getByRole('switch', { name: 'Coffee maker' });

  it('refuses a wrong token typed in the form, then connects with the right one', async () => {
    await page.goto(`${app.url}/#/devices`);
    await page.getByRole('heading', { level: 1, name: 'Devices' }).waitFor();
    await waitForServiceWorker(page);
    await page.getByRole('button', { name: 'Add a connection' }).click();
    await page.getByLabel('Kind').selectOption({ label: 'Home Assistant' });
    await page.getByLabel('Name', { exact: true }).fill(NAME);
    await page.getByLabel('Address').fill(home.url);
    await page.getByLabel('Long-lived access token').fill('not-the-token');
    await page.getByRole('button', { name: 'Save and connect' }).click();
    // The page's policy did not admit Home Assistant yet: it reloads through the service worker first.
    await card().getByRole('alert').filter({ hasText: 'Home Assistant refused the access token' }).waitFor({ timeout: 60_000 });
    expect(home.connectedClients).toBe(0);

    await card()
      .getByRole('button', { name: `Edit ${NAME}` })
      .click();
    await page.getByLabel('Long-lived access token').fill(home.token);
    await page.getByRole('button', { name: 'Save and connect' }).click();
    await connected().waitFor();
  });

  it('shows the entities by area, toggles a light and follows changes made in Home Assistant', async () => {
    for (const area of ['Kitchen', 'Living Room', 'Hallway', 'Garage']) await room(area).waitFor();
    await room('Living Room').getByText('21.5 °C').waitFor();
    await room('Hallway').getByText('locked', { exact: true }).waitFor();
    const ceiling = room('Kitchen').getByRole('switch', { name: 'Kitchen ceiling' });
    await expect.poll(() => ceiling.getAttribute('aria-checked')).toBe('false');
    await ceiling.click();
    await home.waitFor(() => home.state('light.kitchen_ceiling')?.state === 'on');
    expect(home.serviceCalls.at(-1)).toMatchObject({ domain: 'light', service: 'turn_on', entityIds: ['light.kitchen_ceiling'] });
    await expect.poll(() => ceiling.getAttribute('aria-checked')).toBe('true');

    home.setState('switch.coffee_maker', 'on');
    await expect.poll(() => coffee().getAttribute('aria-checked')).toBe('true');
    home.setState('sensor.living_temperature', '20.5');
    await room('Living Room').getByText('20.5 °C').waitFor();
  });

  it('shows Home Assistant’s reason when a service call fails', async () => {
    home.failServicesOn('switch.coffee_maker', 'The coffee maker did not respond');
    await coffee().click();
    await page
      .getByText(
        'Not sent: Home Assistant refused switch.turn_off for Coffee maker: The coffee maker did not respond (home_assistant_error)',
      )
      .waitFor();
    expect(home.state('switch.coffee_maker')?.state).toBe('on');
  });

  it('reconnects after Home Assistant went away and shows what changed meanwhile', async () => {
    await home.stop();
    await card()
      .getByText(/reconnecting/i)
      .first()
      .waitFor();
    home.setState('sensor.living_temperature', '17.5');
    await home.start();
    await connected().waitFor();
    await room('Living Room').getByText('17.5 °C').waitFor();

    await card()
      .getByRole('button', { name: `Remove ${NAME}` })
      .click();
    await page
      .getByRole('dialog', { name: `Remove ${NAME}?` })
      .getByRole('button', { name: 'Remove' })
      .click();
    await card().waitFor({ state: 'detached' });
  });
});
