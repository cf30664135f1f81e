// The Devices view against a real mosquitto (WebSockets on loopback) and the simulated devices on its
// TCP side, driven as a person would: a connection added with a wrong password, then corrected; the
// devices by room; commands reaching the command topics with the declared payloads; a lock that asks
// first; a malformed discovery message logged while the rest works; the broker restarted under the
// page; a reload that brings the connection back by itself; and the password never in IndexedDB in
// clear. The page guards stay on: no CSP violation, no request the harness did not set up. Every
// wait is for a state on the page or the broker, never for time.
import mqtt from 'mqtt';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as appServer from '../support/app-server';
import { waitForServiceWorker } from '../support/app-page';
import { formatAxe, launchBrowser, runAxe, type LaunchedBrowser } from '../support/browser';
import { HaTestServer } from '../support/ha-server';
import { freePort, startMosquitto, type Mosquitto } from '../support/mosquitto';
import { allowLocalOrigin } from '../support/page-guards';
import { SimulatedHome } from '../support/sim-devices';
import { dumpIndexedDb } from '../support/talk-page';

const WRONG_PASSWORD = 'wrong-canary-5d1f';
const NAME = 'Home broker';

let app: appServer.AppServer;
let broker: Mosquitto;
let home: SimulatedHome;
let launched: LaunchedBrowser;
let page: Page;
let ha: HaTestServer;

beforeAll(async () => {
  ha = await HaTestServer.start();
  allowLocalOrigin(ha.url);
  broker = await startMosquitto();
  allowLocalOrigin(broker.wsUrl);
  home = new SimulatedHome();
  await home.connect(broker);
  app = await appServer.start();
  launched = await launchBrowser({ webgpu: false });
  page = await launched.newPage();
});

afterAll(async () => {
  await launched?.close();
  await app?.close();
  await home?.close();
  await broker?.close();
  await ha?.close();
});

const pagePolicy = () =>
  page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
const card = (): Locator => page.getByRole('article', { name: NAME });
const room = (name: string): Locator => page.getByRole('region', { name, exact: true });
const lightSwitch = () => room('Kitchen').getByRole('switch', { name: 'Kitchen ceiling Ceiling light' });
const coffeeSwitch = () => room('Kitchen').getByRole('switch', { name: 'Coffee maker' });
const connectedText = () => `Connected to ${broker.wsUrl}.`;

async function waitConnected(): Promise<void> {
  await card().getByText(connectedText()).waitFor();
}

async function openDevices(): Promise<void> {
  await page.goto(`${app.url}/#/devices`);
  await page.getByRole('heading', { level: 1, name: 'Devices' }).waitFor();
}

describe('Devices view with mosquitto', () => {
  it('names a refused password, connects once it is corrected, and admits the broker in the CSP', async () => {
    await openDevices();
    await waitForServiceWorker(page);
    await page.getByText('Connect Home Assistant or an MQTT broker').waitFor();
    expect(await pagePolicy()).not.toContain(broker.wsUrl);

    await page.getByRole('button', { name: 'Add a connection' }).click();
    await page.getByLabel('Name', { exact: true }).fill(NAME);
    await page.getByLabel('Address').fill(broker.wsUrl);
    await page.getByLabel('User name').fill(broker.username);
    await page.getByLabel('Password').fill(WRONG_PASSWORD);
    await page.getByRole('button', { name: 'Save and connect' }).click();
    // The page's policy did not admit the broker: it reloads through the service worker, whose
    // policy now names it, and the saved connection connects by itself.
    await card()
      .getByRole('alert')
      // mosquitto answers a wrong password with "not authorised" (MQTT 3.1.1 code 5).
      .filter({ hasText: 'The broker refused the login: not authorised' })
      .waitFor({ timeout: 60_000 });
    expect(await pagePolicy()).toMatch(new RegExp(`connect-src [^;]*${broker.wsUrl.replace(/[.]/g, '\\.')}`));

    await card()
      .getByRole('button', { name: `Edit ${NAME}` })
      .click();
    await page.getByLabel('Password').fill(broker.password);
    await page.getByRole('button', { name: 'Save and connect' }).click();
    await waitConnected();
  });

  it('shows the devices by room with live state, and a command reaches the device', async () => {
    for (const name of ['Kitchen', 'Hallway', 'Garage', 'Bedroom', 'Living room']) await room(name).waitFor();
    await expect.poll(() => lightSwitch().getAttribute('aria-checked')).toBe(String(home.light.on));
    await room('Living room').getByText('21.5 °C').waitFor();
    await room('Hallway').getByText('locked', { exact: true }).waitFor();

    expect(home.light.on).toBe(false);
    await lightSwitch().click();
    await home.waitForCommand((c) => c.topic === 'sim/kitchen_ceiling/set' && c.payload === 'ON');
    await page.waitForFunction(
      () =>
        document.querySelector('[role="switch"][aria-label="Kitchen ceiling Ceiling light"]')?.getAttribute('aria-checked') ===
        'true',
    );
    expect(home.light.on).toBe(true);

    // Brightness, in % on the slider, reaches the device on its own 0–255 scale.
    await room('Kitchen').getByRole('slider', { name: 'Brightness of Kitchen ceiling Ceiling light' }).fill('40');
    await home.waitForCommand((c) => c.topic === 'sim/kitchen_ceiling/brightness/set' && c.payload === '102');
    await room('Kitchen').getByText('On, 40 %').waitFor();

    // A garage door asks first, then opens with the payload its discovery declared.
    await room('Garage').getByRole('button', { name: 'Open Garage door' }).click();
    await page.getByRole('dialog', { name: 'Open Garage door?' }).getByRole('button', { name: 'Yes: Open Garage door' }).click();
    await home.waitForCommand((c) => c.topic === 'sim/garage/set' && c.payload === 'UP');
    await room('Garage').getByText('open, 100 %').waitFor();
  });

  it('asks before unlocking: nothing on Cancel, the unlock on Yes', async () => {
    await room('Hallway').getByRole('button', { name: 'Unlock Front door' }).click();
    const dialog = page.getByRole('dialog', { name: 'Unlock Front door?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    // A later command arriving first shows the cancelled one was never sent.
    await coffeeSwitch().click();
    await home.waitForCommand((c) => c.topic === 'sim/coffee/set');
    expect(home.commands.some((c) => c.topic === 'sim/front_door/set')).toBe(false);

    await room('Hallway').getByRole('button', { name: 'Unlock Front door' }).click();
    await dialog.getByRole('button', { name: 'Yes: Unlock Front door' }).click();
    await home.waitForCommand((c) => c.topic === 'sim/front_door/set' && c.payload === 'UNLOCK_IT');
    await room('Hallway').getByText('unlocked', { exact: true }).waitFor();

    // A device the person marks asks first too.
    const askCoffee = room('Kitchen').getByRole('checkbox', { name: 'Ask before acting (Coffee maker)' });
    await askCoffee.check();
    await coffeeSwitch().click();
    await page
      .getByRole('dialog', { name: /Coffee maker\?$/ })
      .getByRole('button', { name: 'Cancel' })
      .click();
  });

  it('logs malformed, unknown and oversized discovery messages with a reason while the rest works', async () => {
    const intruder = await mqtt.connectAsync(broker.tcpUrl, { username: broker.username, password: broker.password });
    await intruder.publishAsync('homeassistant/light/broken/config', '{"name": "Broken", ', { retain: true, qos: 1 });
    await intruder.publishAsync('homeassistant/vacuum/robot/config', '{"name": "Robot"}', { retain: true, qos: 1 });
    const huge = JSON.stringify({ name: 'Huge', command_topic: 'x/set', padding: 'x'.repeat(70 * 1024) });
    await intruder.publishAsync('homeassistant/switch/huge/config', huge, { retain: true, qos: 1 });
    await intruder.endAsync();
    await card()
      .getByText(/^Log \(/)
      .click();
    const log = card().getByRole('list', { name: `Log of ${NAME}, newest first` });
    await log.getByText('homeassistant/light/broken/config').waitFor();
    await expect.poll(() => log.getByRole('listitem').filter({ hasText: 'malformed-json' }).count()).toBeGreaterThan(0);
    await log.getByRole('listitem').filter({ hasText: 'unknown-component' }).first().waitFor();
    await log.getByRole('listitem').filter({ hasText: 'oversized' }).first().waitFor();

    // From the keyboard: the switch is a button, Space toggles it.
    await lightSwitch().focus();
    await page.keyboard.press('Space');
    await home.waitForCommand((c) => c.topic === 'sim/kitchen_ceiling/set' && c.payload === 'OFF');
    await page.waitForFunction(
      () =>
        document.querySelector('[role="switch"][aria-label="Kitchen ceiling Ceiling light"]')?.getAttribute('aria-checked') ===
        'false',
    );
    expect(await runAxe(page).then(formatAxe)).toBe('');
  });

  it('reconnects after the broker restarts and shows state changed meanwhile', async () => {
    const before = home.coffee.on;
    await broker.stop();
    await card()
      .getByText(/The connection dropped; reconnecting/)
      .waitFor();
    home.coffee.on = !before; // flipped by hand while the broker was away
    await broker.start();
    await waitConnected();
    await expect.poll(() => coffeeSwitch().getAttribute('aria-checked'), { timeout: 60_000 }).toBe(String(!before));
  });

  it('comes back by itself after a reload, the password only ever sealed in IndexedDB', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Devices' }).waitFor();
    await waitConnected();
    // A hard reload skips the service worker: the build's policy does not name the broker, so the
    // page loads itself again through the worker and connects there.
    let loads = 0;
    const countLoad = () => void (loads += 1);
    page.on('load', countLoad);
    const cdp = await launched.context.newCDPSession(page);
    await cdp.send('Page.reload', { ignoreCache: true });
    await expect.poll(() => loads, { timeout: 60_000 }).toBe(2);
    page.off('load', countLoad);
    await page.getByRole('heading', { level: 1, name: 'Devices' }).waitFor();
    await waitConnected();
    await lightSwitch().waitFor();
    // The mark survived the reload with the connection.
    expect(await room('Kitchen').getByRole('checkbox', { name: 'Ask before acting (Coffee maker)' }).isChecked()).toBe(true);
    // Opened on another view, the app connects them too (the broker sees a new Hearth client).
    const hearthClients = () => (broker.log().match(/New client connected from [^\n]* as hearth-/g) ?? []).length;
    const before = hearthClients();
    await page.goto(`${app.url}/#/settings`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await expect.poll(hearthClients, { timeout: 60_000 }).toBeGreaterThan(before);
    await openDevices();
    await waitConnected();
    const dump = await dumpIndexedDb(page);
    expect(dump).toContain('hearth-home-connections');
    expect(dump).not.toContain(broker.password);
    expect(dump).not.toContain(WRONG_PASSWORD);
  });

  it('removing the connection drops its devices and takes the broker out of the CSP', async () => {
    await card()
      .getByRole('button', { name: `Remove ${NAME}` })
      .click();
    await page
      .getByRole('dialog', { name: `Remove ${NAME}?` })
      .getByRole('button', { name: 'Remove' })
      .click();
    await card().waitFor({ state: 'detached' });
    expect(await page.getByRole('switch').count()).toBe(0);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Devices' }).waitFor();
    await page.getByText('Connect Home Assistant or an MQTT broker').waitFor();
    expect(await pagePolicy()).not.toContain(broker.wsUrl);
  });
});

describe('Devices view: addresses that cannot work', () => {
  it('names an address with no broker and keeps trying; refuses an address a browser cannot use', async () => {
    const nowhere = `ws://127.0.0.1:${await freePort()}`;
    allowLocalOrigin(nowhere);
    await openDevices();
    await page.getByRole('button', { name: 'Add a connection' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Nowhere');
    await page.getByLabel('Address').fill('mqtt://127.0.0.1:1883');
    await page.getByRole('button', { name: 'Save and connect' }).click();
    await page.getByRole('alert').filter({ hasText: 'Not saved: a browser cannot open mqtt:// connections' }).waitFor();
    await page.getByLabel('Address').fill(nowhere);
    await page.getByRole('button', { name: 'Save and connect' }).click();
    const nowhereCard = page.getByRole('article', { name: 'Nowhere' });
    const status = nowhereCard.getByRole('alert').filter({ hasText: `Cannot reach a broker at ${nowhere}` });
    await status.waitFor({ timeout: 60_000 });
    await status.filter({ hasText: /Trying again (in \d+ s|now)/ }).waitFor();
    await nowhereCard.getByRole('button', { name: 'Remove Nowhere' }).click();
    await page.getByRole('dialog', { name: 'Remove Nowhere?' }).getByRole('button', { name: 'Remove' }).click();
    await nowhereCard.waitFor({ state: 'detached' });
  });
});

describe('Devices view with Home Assistant (the protocol test server)', () => {
  const HA_NAME = 'Home Assistant';
  const haCard = () => page.getByRole('article', { name: HA_NAME });

  it('adds Home Assistant with a token, shows its rooms, and a switch calls the service', async () => {
    await openDevices();
    await page.getByRole('button', { name: 'Add a connection' }).click();
    await page.getByLabel('Kind').selectOption({ label: 'Home Assistant' });
    await page.getByLabel('Name', { exact: true }).fill(HA_NAME);
    await page.getByLabel('Address').fill(ha.url);
    await page.getByLabel('Long-lived access token').fill(ha.token);
    await page.getByRole('button', { name: 'Save and connect' }).click();
    await haCard().getByText(`Connected to ${ha.url}.`).waitFor({ timeout: 60_000 });
    expect(await pagePolicy()).toContain(ha.url.replace('http:', 'ws:'));

    const ceiling = room('Kitchen').getByRole('switch', { name: 'Kitchen ceiling' });
    await expect.poll(() => ceiling.getAttribute('aria-checked')).toBe('false');
    await room('Living Room').getByText('21.5 °C').waitFor();
    await room('Living Room').getByLabel('Target temperature of Thermostat').fill('22.5');
    await room('Living Room').getByRole('button', { name: 'Set the temperature of Thermostat' }).click();
    await ha.waitFor(() => ha.serviceCalls.some((c) => c.domain === 'climate' && c.service === 'set_temperature'));
    await room('Living Room')
      .getByText(/set to 22\.5/)
      .waitFor();
    await ceiling.click();
    await ha.waitFor(() => ha.serviceCalls.some((c) => c.domain === 'light' && c.service === 'turn_on'));
    await expect.poll(() => ceiling.getAttribute('aria-checked')).toBe('true');

    await page.reload();
    await haCard().getByText(`Connected to ${ha.url}.`).waitFor();
    expect(await dumpIndexedDb(page)).not.toContain(ha.token);
    await haCard()
      .getByRole('button', { name: `Remove ${HA_NAME}` })
      .click();
    await page
      .getByRole('dialog', { name: `Remove ${HA_NAME}?` })
      .getByRole('button', { name: 'Remove' })
      .click();
    await haCard().waitFor({ state: 'detached' });
  });
});
