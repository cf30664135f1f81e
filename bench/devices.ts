// `npm run bench -- devices`: home devices through the app against mqtt.js called on the same page,
// with a real mosquitto (WebSockets on loopback) and the simulated devices on its TCP side.
// - A typed command to the moment the simulated light receives its payload from the broker: the
//   intent path ("turn on the kitchen light") against a bare mqtt.js publish of the same payload from
//   the same page, alternating, both started by one Playwright call and both stopped in Node when the
//   device's client receives the message.
// - The language-model tool path on sentences the intent matcher does not take, per model, from Enter
//   to the turn being over (Send back, nothing streaming); with these models (stories260K, and a 28M
//   llama with random weights) the choice of tool means nothing, so how many turns ended in a publish
//   is reported, not wanted.
// - A broker holding 500 discovered switches: from the page's start to all 500 on screen in Devices,
//   against mqtt.js receiving the 500 retained configs; and the page's memory with them shown.
// The connection is added in Devices as a person would. Its strings are the view's own English
// (src/ui/views/devices/strings.ts), written out here: that module needs the page's settings.
import type { CDPSession, Page } from 'playwright-core';
import type { ModelEntry } from '../src/catalog/types';
import { startMosquitto, type Mosquitto } from '../test/support/mosquitto';
import { allowLocalOrigin } from '../test/support/page-guards';
import { publishManySwitches, SimulatedHome } from '../test/support/sim-devices';
import { downloadViaUi, saveAssistantSettings } from './app-driver';
import { MQTT_DIRECT_PATH } from './devices-direct/bundle';
import type { Servers } from './servers';
import { withSession } from './session';
import { agentMemoryBytes } from './heap-sampler';
import { percentile } from './stats';
import { say } from './ui-text';

const DEVICES = {
  add: 'Add a connection',
  name: 'Name',
  address: 'Address',
  username: 'User name',
  password: 'Password',
  save: 'Save and connect',
  connected: (address: string) => `Connected to ${address}.`,
};
const LIGHT = { on: 'turn on the kitchen light', off: 'turn off the kitchen light', topic: 'sim/kitchen_ceiling/set' };
/** Sentences the intent matcher leaves to the language model (checked per turn: a card the matcher
 *  made is counted apart). */
const MODEL_SENTENCES = ['It is too dark in the kitchen', 'Make the house cosy for dinner', 'Tell me a story', 'Mom said no'];
const BULK = 500;
const TURN_TIMEOUT_MS = 180_000;

export interface Percentiles {
  p50: number;
  p95: number;
  n: number;
}

export interface ModelToolPath {
  model: string;
  /** Enter → the turn over. */
  turnMs: Percentiles;
  /** Enter → the payload at a device, for the turns whose call was a device command that ran. */
  publishMs: Percentiles | null;
  /** What the turns ended in: tool name and status, or "answer". */
  outcomes: Record<string, number>;
  /** Turns the intent matcher answered after all (not timed above). */
  takenByMatcher: number;
}

export interface DevicesResult {
  command: { app: Percentiles; raw: Percentiles; ratioP50: number; ratioP95: number };
  modelPath: ModelToolPath[];
  discovery: {
    devices: number;
    /** Page start (navigation) → every switch on screen, per reload. */
    appMs: Percentiles;
    /** mqtt.js on the same page: subscribe → every retained config received. */
    rawMs: Percentiles;
    heapBytes: { before: number; after: number };
    domNodes: { before: number; after: number };
    agentBytes: { before: number | null; after: number | null };
  };
}

const summary = (values: number[]): Percentiles => ({
  p50: percentile(values, 50),
  p95: percentile(values, 95),
  n: values.length,
});

export async function measureDevices(
  servers: Servers,
  models: ModelEntry[],
  reps: number,
  log: (line: string) => void,
): Promise<DevicesResult> {
  const broker = await startMosquitto();
  // The browser's guard refuses loopback ports it was not told about.
  allowLocalOrigin(broker.wsUrl);
  const home = new SimulatedHome();
  try {
    await home.connect(broker);
    const { command, modelPath } = await withSession(servers, async ({ page }) => {
      for (const model of models) await downloadViaUi(page, model);
      await addConnection(page, servers, broker, 'Home broker');
      log(`devices: ${10 * reps} typed commands against as many bare publishes`);
      const command = await commandPairs(page, home, broker, 10 * reps);
      const modelPath: ModelToolPath[] = [];
      for (const model of models) {
        log(`devices: the language-model tool path, ${model.name}`);
        modelPath.push(await modelTurns(page, home, model, MODEL_SENTENCES.length * reps));
      }
      return { command, modelPath };
    });
    log(`devices: discovery of ${BULK} switches`);
    const discovery = await measureDiscovery(servers, reps);
    return { command, modelPath, discovery };
  } finally {
    await home.close();
    await broker.close();
  }
}

async function addConnection(page: Page, servers: Servers, broker: Mosquitto, name: string): Promise<void> {
  await page.goto(`${servers.app.url}/#/devices`);
  await page.getByRole('heading', { level: 1, name: say('nav.devices') }).waitFor();
  await page.getByRole('button', { name: DEVICES.add }).click();
  await page.getByLabel(DEVICES.name, { exact: true }).fill(name);
  await page.getByLabel(DEVICES.address).fill(broker.wsUrl);
  await page.getByLabel(DEVICES.username).fill(broker.username);
  await page.getByLabel(DEVICES.password).fill(broker.password);
  await page.getByRole('button', { name: DEVICES.save }).click();
  // The page reloads once so that its policy admits the broker, then connects.
  await page
    .getByRole('article', { name })
    .getByText(DEVICES.connected(broker.wsUrl))
    .waitFor({ timeout: 120_000 })
    .catch(async (e: Error) => {
      const shown = await page
        .locator('main')
        .innerText()
        .catch(() => '(no main)');
      throw new Error(`${e.message}\nthe view said: ${shown}\nbroker log: ${broker.log().slice(-800)}`);
    });
}

const composer = (page: Page) => page.getByRole('textbox', { name: say('talk.message') });

async function openTalk(page: Page): Promise<void> {
  await page.getByRole('link', { name: say('nav.talk') }).click();
  await composer(page).waitFor();
  await page.getByRole('button', { name: say('talk.new') }).click();
}

/** Resolves when the simulated home receives this payload on this topic after now. */
function nextCommand(home: SimulatedHome, topic: string, payload: string): Promise<void> {
  const before = home.commands.length;
  return home.waitForCommand((c) => c.topic === topic && c.payload === payload && home.commands.indexOf(c) >= before);
}

/** Waits until the question's turn is over: something after it, none of it streaming, Send back. */
async function turnOver(page: Page): Promise<void> {
  await page.waitForFunction(
    (send) => {
      const all = [...document.querySelectorAll('[role="log"] article')];
      const asked = all.findLastIndex((a) => a.classList.contains('message-user'));
      if (asked < 0 || all.length <= asked + 1) return false;
      if (all.slice(asked + 1).some((a) => a.getAttribute('data-status') === 'streaming')) return false;
      return [...document.querySelectorAll('form.composer button')].some((b) => b.textContent === send);
    },
    say('talk.send'),
    { timeout: TURN_TIMEOUT_MS, polling: 'raf' },
  );
}

async function commandPairs(page: Page, home: SimulatedHome, broker: Mosquitto, pairs: number) {
  await openTalk(page);
  await page.evaluate(
    async ({ path, url, username, password }) => {
      const direct = (await import(path)) as { connect(u: string, n: string, p: string): Promise<void> };
      await direct.connect(url, username, password);
      (window as unknown as { __mqttDirect: unknown }).__mqttDirect = direct;
    },
    { path: MQTT_DIRECT_PATH, url: broker.wsUrl, username: broker.username, password: broker.password },
  );
  const app: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < pairs; i++) {
    const payload = i % 2 === 0 ? 'ON' : 'OFF';
    // Alternate which path goes first, so a drift of the machine's load weighs on both.
    const order = i % 4 < 2 ? ['app', 'raw'] : ['raw', 'app'];
    for (const path of order) {
      if (path === 'raw') {
        const arrived = nextCommand(home, LIGHT.topic, payload);
        const t0 = performance.now();
        await page.evaluate(
          ({ topic, payload }) =>
            (window as unknown as { __mqttDirect: { publish(t: string, p: string): Promise<void> } }).__mqttDirect.publish(
              topic,
              payload,
            ),
          { topic: LIGHT.topic, payload },
        );
        await arrived;
        raw.push(performance.now() - t0);
      } else {
        await composer(page).fill(payload === 'ON' ? LIGHT.on : LIGHT.off);
        const arrived = nextCommand(home, LIGHT.topic, payload);
        const t0 = performance.now();
        await composer(page).press('Enter');
        await arrived;
        app.push(performance.now() - t0);
        await turnOver(page);
      }
    }
    // A long conversation would weigh on later turns: a new one every ten commands.
    if (i % 10 === 9) await page.getByRole('button', { name: say('talk.new') }).click();
  }
  await page.evaluate(() => (window as unknown as { __mqttDirect: { end(): Promise<void> } }).__mqttDirect.end());
  const a = summary(app);
  const r = summary(raw);
  return { app: a, raw: r, ratioP50: a.p50 / r.p50, ratioP95: a.p95 / r.p95 };
}

async function setAssistant(page: Page, model: ModelEntry): Promise<void> {
  await saveAssistantSettings(page, { temperature: 0, maxTokens: 64, tools: true });
  await openTalk(page);
  await page.getByRole('combobox', { name: say('talk.model') }).selectOption({ label: model.name });
}

interface TurnCard {
  tool: string | null;
  toolStatus: string | null;
  origin: string | null;
}

async function modelTurns(page: Page, home: SimulatedHome, model: ModelEntry, turns: number): Promise<ModelToolPath> {
  await setAssistant(page, model);
  const turnMs: number[] = [];
  const publishMs: number[] = [];
  const outcomes: Record<string, number> = {};
  let takenByMatcher = 0;
  for (let i = 0; i < turns; i++) {
    // Each sentence in a conversation of its own: the same prompt length every time.
    await page.getByRole('button', { name: say('talk.new') }).click();
    await composer(page).fill(MODEL_SENTENCES[i % MODEL_SENTENCES.length]!);
    const before = home.commands.length;
    let publishedAt: number | null = null;
    void home.waitForCommand((c) => home.commands.indexOf(c) >= before).then(() => (publishedAt ??= performance.now()));
    const t0 = performance.now();
    await composer(page).press('Enter');
    await turnOver(page);
    const ms = performance.now() - t0;
    const cards = await page.evaluate(() => {
      const all = [...document.querySelectorAll('[role="log"] article')];
      const asked = all.findLastIndex((a) => a.classList.contains('message-user'));
      return all.slice(asked + 1).map((a) => ({
        tool: a.getAttribute('data-tool'),
        toolStatus: a.getAttribute('data-tool-status'),
        origin: a.getAttribute('data-tool-origin'),
      }));
    });
    if (cards.some((c: TurnCard) => c.tool && c.origin !== 'model')) {
      takenByMatcher++;
      continue;
    }
    turnMs.push(ms);
    if (publishedAt !== null) publishMs.push(publishedAt - t0);
    for (const c of cards) {
      const key = c.tool ? `${c.tool} ${c.toolStatus}` : 'answer';
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    }
  }
  return {
    model: model.name,
    turnMs: summary(turnMs),
    publishMs: publishMs.length ? summary(publishMs) : null,
    outcomes,
    takenByMatcher,
  };
}

type Shown = { __benchAllShown?: number };

async function measureDiscovery(servers: Servers, reps: number): Promise<DevicesResult['discovery']> {
  const broker = await startMosquitto();
  allowLocalOrigin(broker.wsUrl);
  try {
    await publishManySwitches(broker, BULK);
    return await withSession(servers, async ({ page, context }) => {
      const cdp = await context.newCDPSession(page);
      await cdp.send('HeapProfiler.enable');
      await page.goto(`${servers.app.url}/#/devices`);
      await page.getByRole('heading', { level: 1, name: say('nav.devices') }).waitFor();
      const before = await memory(page, cdp);
      // From the page's start: the moment a frame is about to show every switch. A string, not a
      // function: tsx would wrap the function's inner named functions in a helper the page lacks.
      await context.addInitScript(`(() => {
        let asked = false;
        new MutationObserver(() => {
          if (asked || window.__benchAllShown !== undefined) return;
          asked = true;
          requestAnimationFrame(() => {
            asked = false;
            if (document.querySelectorAll('main [role="switch"]').length >= ${BULK}) window.__benchAllShown = performance.now();
          });
        }).observe(document, { childList: true, subtree: true });
      })();`);
      await addConnection(page, servers, broker, 'Bulk broker');
      const appMs: number[] = [];
      const rawMs: number[] = [];
      for (let i = 0; i < 3 * reps; i++) {
        await page.reload();
        await page.waitForFunction(() => (window as unknown as Shown).__benchAllShown !== undefined, undefined, {
          timeout: TURN_TIMEOUT_MS,
        });
        appMs.push(await page.evaluate(() => (window as unknown as Shown).__benchAllShown!));
        rawMs.push(
          await page.evaluate(
            async ({ path, url, username, password, count }) => {
              const direct = (await import(path)) as {
                connect(u: string, n: string, p: string): Promise<void>;
                receiveConfigs(prefix: string, n: number): Promise<number>;
                end(): Promise<void>;
              };
              await direct.connect(url, username, password);
              try {
                return await direct.receiveConfigs('homeassistant', count);
              } finally {
                await direct.end();
              }
            },
            { path: MQTT_DIRECT_PATH, url: broker.wsUrl, username: broker.username, password: broker.password, count: BULK },
          ),
        );
      }
      const after = await memory(page, cdp);
      return {
        devices: BULK,
        appMs: summary(appMs),
        rawMs: summary(rawMs),
        heapBytes: { before: before.heap, after: after.heap },
        domNodes: { before: before.nodes, after: after.nodes },
        agentBytes: { before: before.agent, after: after.agent },
      };
    });
  } finally {
    await broker.close();
  }
}

async function memory(page: Page, cdp: CDPSession): Promise<{ heap: number; nodes: number; agent: number | null }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { nodes } = await cdp.send('Memory.getDOMCounters');
  const agent = await agentMemoryBytes(page);
  return { heap: usedSize, nodes, agent };
}

export function formatDevices(r: DevicesResult): string {
  const ms = (p: Percentiles) => `${p.p50.toFixed(1)} / ${p.p95.toFixed(1)} (${p.n})`;
  const mb = (b: number | null) => (b === null ? 'n/a' : `${(b / 1e6).toFixed(1)} MB`);
  const d = r.discovery;
  return [
    'Devices: typed command → payload at the device (mosquitto on loopback), ms p50 / p95 (n)',
    '| path | ms p50 / p95 (n) | app ÷ raw p50 | app ÷ raw p95 |',
    '| --- | --- | --- | --- |',
    `| intent matcher ("${LIGHT.on}") | ${ms(r.command.app)} | ${r.command.ratioP50.toFixed(2)} | ${r.command.ratioP95.toFixed(2)} |`,
    `| mqtt.js publish on the same page | ${ms(r.command.raw)} | | |`,
    ...r.modelPath.map(
      (m) =>
        `| language model + tools, ${m.model}: turn over${m.publishMs ? `; payload ${ms(m.publishMs)}` : '; no payload sent'} | ${ms(
          m.turnMs,
        )} | | |`,
    ),
    ...r.modelPath.map(
      (m) =>
        `${m.model}: ${Object.entries(m.outcomes)
          .map(([k, n]) => `${k} ×${n}`)
          .join(', ')}${m.takenByMatcher ? `; ${m.takenByMatcher} taken by the intent matcher (not timed)` : ''}`,
    ),
    `Discovery of ${d.devices} switches: page start → all on screen ${ms(d.appMs)} ms; mqtt.js subscribe → all configs ${ms(
      d.rawMs,
    )} ms (p50 ratio ${(d.appMs.p50 / d.rawMs.p50).toFixed(1)}×)`,
    `Memory with them on screen: JS heap ${mb(d.heapBytes.before)} → ${mb(d.heapBytes.after)}, page+workers ${mb(
      d.agentBytes.before,
    )} → ${mb(d.agentBytes.after)}, DOM nodes ${d.domNodes.before} → ${d.domNodes.after}`,
  ].join('\n');
}
