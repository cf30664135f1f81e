// Home devices commanded from Talk, typed, in real Chromium against a real mosquitto (WebSockets on
// loopback) with the simulated devices on its TCP side. A connection is added in Devices as a person
// would; then Talk's intent matcher turns words into device_control calls: the right payload reaches
// the command topic, and the new state is shown in the app. A name that fits two lights asks which;
// a lock waits for Yes and does nothing on No. Every wait is for a state, never for time.
import mqtt, { type MqttClient } from 'mqtt';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as appServer from '../support/app-server';
import { waitForServiceWorker } from '../support/app-page';
import { expectNoCspViolations, launchBrowser, type LaunchedBrowser } from '../support/browser';
import { startMosquitto, type Mosquitto } from '../support/mosquitto';
import { allowLocalOrigin } from '../support/page-guards';
import { SimulatedHome, type ReceivedCommand } from '../support/sim-devices';
import { answers, composer, openTalk } from '../support/talk-page';

const NAME = 'Home broker';

let app: appServer.AppServer;
let broker: Mosquitto;
let home: SimulatedHome;
let launched: LaunchedBrowser;
let page: Page;
/** A light named in Chinese, in the living room (客厅), obeying ON/OFF like simple firmware. */
let chineseLight: MqttClient;
const chineseCommands: ReceivedCommand[] = [];

beforeAll(async () => {
  broker = await startMosquitto();
  allowLocalOrigin(broker.wsUrl);
  home = new SimulatedHome();
  await home.connect(broker);
  chineseLight = await mqtt.connectAsync(broker.tcpUrl, { username: broker.username, password: broker.password });
  await chineseLight.subscribeAsync('sim/keting_deng/set', { qos: 1 });
  chineseLight.on('message', (topic, payload) => {
    const command = { topic, payload: payload.toString() };
    chineseCommands.push(command);
    if (command.payload === 'ON' || command.payload === 'OFF') {
      void chineseLight.publishAsync('sim/keting_deng/state', command.payload, { retain: true, qos: 1 });
    }
  });
  const config = {
    name: '灯',
    unique_id: 'sim-keting-deng',
    command_topic: 'sim/keting_deng/set',
    state_topic: 'sim/keting_deng/state',
    device: { identifiers: ['sim-keting'], name: '客厅灯', suggested_area: '客厅' },
  };
  await chineseLight.publishAsync('homeassistant/light/keting_deng/config', JSON.stringify(config), { retain: true, qos: 1 });
  await chineseLight.publishAsync('sim/keting_deng/state', 'OFF', { retain: true, qos: 1 });
  app = await appServer.start();
  launched = await launchBrowser({ webgpu: false });
  page = await launched.newPage();
});

afterAll(async () => {
  await launched?.close();
  await app?.close();
  await chineseLight?.endAsync(true);
  await home?.close();
  await broker?.close();
});

const room = (name: string): Locator => page.getByRole('region', { name, exact: true });
const lightSwitch = () => room('Kitchen').getByRole('switch', { name: 'Kitchen ceiling Ceiling light' });

async function command(text: string): Promise<Locator> {
  const before = await answers(page).count();
  await composer(page).fill(text);
  await composer(page).press('Enter');
  const card = answers(page).nth(before);
  await card.waitFor({ timeout: 30_000 });
  return card;
}

const waitFor = (topic: string, payload: string) => home.waitForCommand((c) => c.topic === topic && c.payload === payload);

describe('Device commands from Talk (mosquitto, simulated devices)', () => {
  it('a connection added in Devices brings the devices', async () => {
    await page.goto(`${app.url}/#/devices`);
    await page.getByRole('heading', { level: 1, name: 'Devices' }).waitFor();
    await waitForServiceWorker(page);
    await page.getByRole('button', { name: 'Add a connection' }).click();
    await page.getByLabel('Name', { exact: true }).fill(NAME);
    await page.getByLabel('Address').fill(broker.wsUrl);
    await page.getByLabel('User name').fill(broker.username);
    await page.getByLabel('Password').fill(broker.password);
    await page.getByRole('button', { name: 'Save and connect' }).click();
    await page.getByRole('article', { name: NAME }).getByText(`Connected to ${broker.wsUrl}.`).waitFor({ timeout: 60_000 });
    await room('Kitchen').waitFor();
    await room('客厅').waitFor();
  });

  it('typed "turn on / turn off the kitchen light": the payload on the command topic, the state in the app', async () => {
    await openTalk(page);
    const on = await command('turn on the kitchen light');
    await expect.poll(() => on.getAttribute('data-tool')).toBe('device_control');
    await waitFor('sim/kitchen_ceiling/set', 'ON');
    expect(await on.getAttribute('data-tool-status')).toBe('done');
    expect(await on.locator('.message-text').innerText()).toBe('Kitchen ceiling Ceiling light: turned on.');
    expect(await on.locator('.tool-args').innerText()).toContain('action: turn_on');

    const off = await command('turn off the kitchen light');
    await waitFor('sim/kitchen_ceiling/set', 'OFF');
    expect(await off.getAttribute('data-tool-status')).toBe('done');
    // The device reported its new state; the app shows it (Devices) and says it (device_state).
    const state = await command('is the kitchen light on');
    await expect.poll(() => state.locator('.message-text').innerText()).toBe('Kitchen ceiling Ceiling light is off.');
    await page.getByRole('link', { name: 'Devices' }).click();
    await expect.poll(() => lightSwitch().getAttribute('aria-checked')).toBe('false');
    expect(home.light.on).toBe(false);
  });

  it('"把客厅的灯打开" switches the living-room light on, answered in Chinese', async () => {
    await openTalk(page);
    const card = await command('把客厅的灯打开');
    await expect.poll(() => chineseCommands.map((c) => `${c.topic} ${c.payload}`)).toContain('sim/keting_deng/set ON');
    await expect.poll(() => card.getAttribute('data-tool-status')).toBe('done');
    expect(await card.locator('.message-text').innerText()).toBe('客厅灯 灯：已打开。');
    await page.getByRole('link', { name: 'Devices' }).click();
    await expect.poll(() => room('客厅').getByRole('switch').first().getAttribute('aria-checked')).toBe('true');
  });

  it('a name that fits two lights asks which; the one tapped is switched', async () => {
    await openTalk(page);
    const card = await command('turn off the light');
    await expect.poll(() => card.getAttribute('data-tool-status')).toBe('choose-device');
    expect(await card.locator('.message-text').innerText()).toMatch(/^Which one: /);
    const choices = card.getByRole('group', { name: 'Which device?' }).getByRole('button');
    expect(await choices.count()).toBeGreaterThanOrEqual(2);
    await choices.filter({ hasText: 'Bedroom lamp' }).click();
    await home.waitForCommand((c) => c.topic === 'sim/bedroom_lamp/set' && JSON.parse(c.payload).state === 'OFF');
    await expect.poll(() => card.getAttribute('data-tool-status')).toBe('done');
  });

  it('unlocking waits for Yes: No sends nothing and shows cancelled; Yes sends the declared payload', async () => {
    const unlocks = () => home.commands.filter((c) => c.topic === 'sim/front_door/set').length;
    const first = await command('unlock the front door');
    await expect.poll(() => first.getAttribute('data-tool-status')).toBe('needs-confirmation');
    expect(await first.locator('.message-text').innerText()).toBe('Unlock Front door? Say or tap yes or no.');
    await first.getByRole('button', { name: 'No' }).click();
    await expect.poll(() => first.getAttribute('data-tool-status')).toBe('cancelled');
    expect(await first.locator('.message-text').innerText()).toBe('Cancelled: nothing was done.');
    await command('turn on the kitchen light');
    await waitFor('sim/kitchen_ceiling/set', 'ON'); // a later command arrived: the cancelled one never will
    expect(unlocks()).toBe(0);

    const second = await command('unlock the front door');
    await expect.poll(() => second.getAttribute('data-tool-status')).toBe('needs-confirmation');
    // Typed words never confirm (only a tap, or the next spoken turn when asked aloud): "yes" typed
    // now is a message of its own, and the card still waits.
    await composer(page).fill('yes');
    await composer(page).press('Enter');
    await page
      .getByRole('log', { name: 'Conversation' })
      .getByRole('article', { name: 'You' })
      .last()
      .getByText('yes', { exact: true })
      .waitFor();
    const offs = home.commands.filter((c) => c.topic === 'sim/kitchen_ceiling/set' && c.payload === 'OFF').length;
    await command('turn off the kitchen light');
    await expect
      .poll(() => home.commands.filter((c) => c.topic === 'sim/kitchen_ceiling/set' && c.payload === 'OFF').length)
      .toBe(offs + 1);
    expect(unlocks()).toBe(0);
    expect(await second.getAttribute('data-tool-status')).toBe('needs-confirmation');
    await second.getByRole('button', { name: 'Yes' }).click();
    await waitFor('sim/front_door/set', 'UNLOCK_IT');
    await expect.poll(() => second.getAttribute('data-tool-status')).toBe('done');
    await page.getByRole('link', { name: 'Devices' }).click();
    await room('Hallway').getByText('unlocked', { exact: true }).waitFor();
    await expectNoCspViolations(page);
  });

  it('kiosk mode: the devices are tiles on the ambient screen, and a tap switches the light', async () => {
    const before = home.light.on;
    await page.goto(`${app.url}/?mode=kiosk`);
    const tiles = page.locator('.kiosk').getByRole('region', { name: 'Devices', exact: true });
    const light = tiles.getByRole('switch', { name: 'Kitchen ceiling Ceiling light' });
    await light.waitFor({ timeout: 60_000 }); // the saved connection comes up behind the kiosk screen
    expect(await page.getByRole('navigation').count()).toBe(0);
    await light.click();
    await waitFor('sim/kitchen_ceiling/set', before ? 'OFF' : 'ON');
    await expect.poll(() => light.getAttribute('aria-checked')).toBe(before ? 'false' : 'true');
    await expectNoCspViolations(page);
  });
});
