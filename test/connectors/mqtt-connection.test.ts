// The MQTT connector against a real mosquitto (WebSockets on loopback) and simulated devices on its
// TCP listener. Every wait is for a state (a status, a registry entry, a log line), never for time.
import http from 'node:http';
import net from 'node:net';
import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MqttConnection, type MqttConnectionOptions } from '../../src/connectors/mqtt-connection';
import { startMosquitto, freePort, type Mosquitto } from '../support/mosquitto';
import { publishManySwitches, SimulatedHome } from '../support/sim-devices';

let broker: Mosquitto;
let home: SimulatedHome;
const open: MqttConnection[] = [];

beforeAll(async () => {
  broker = await startMosquitto();
  home = new SimulatedHome();
  await home.connect(broker);
});

afterAll(async () => {
  await home?.close();
  await broker?.close();
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((connection) => connection.close()));
});

function connection(options: Partial<MqttConnectionOptions> = {}): MqttConnection {
  const made = new MqttConnection({
    url: broker.wsUrl,
    username: broker.username,
    password: broker.password,
    backoff: { initialMs: 200, maxMs: 2000, factor: 2 },
    ...options,
  });
  open.push(made);
  return made;
}

/** Resolves once `condition` holds, checking after every status, log entry and registry change. */
function until(target: MqttConnection, condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!condition()) return;
      stops.forEach((stop) => stop());
      resolve();
    };
    const stops = [target.onStatus(check), target.onLog(check), target.onChange(check)];
    check();
  });
}

const allSimDiscovered = (target: MqttConnection) => () =>
  SimulatedHome.ids.every((id) => target.registry.entity(id)?.available === true) &&
  target.registry.entity('sim-kitchen-ceiling')?.state.on !== undefined &&
  target.registry.entity('sim-living-temp')?.state.numeric !== undefined;

describe('MqttConnection with mosquitto', () => {
  it('discovers the simulated devices with their state, availability and areas', async () => {
    const target = connection();
    target.connect();
    await until(target, allSimDiscovered(target));
    expect(target.status.state).toBe('connected');
    const registry = target.registry;
    expect(registry.entity('sim-kitchen-ceiling')).toMatchObject({ available: true, state: { on: home.light.on } });
    expect(registry.entity('sim-living-temp')?.state).toEqual({ value: '21.5', numeric: 21.5 });
    expect(registry.entity('sim-front-door')?.state.lock).toBe(home.frontDoor.state);
    expect(registry.entity('sim-garage')?.state).toMatchObject({ cover: 'closed', position: 0 });
    expect(registry.entity('sim-bedroom-lamp')).toMatchObject({
      config: { schema: 'json' },
      state: { on: true, brightness: 100 },
    });
    const areas = Object.fromEntries(
      registry.byArea().map((group) => [group.area ?? '-', group.devices.map((device) => device.name).sort()]),
    );
    expect(areas).toEqual({
      Bedroom: ['Bedroom lamp'],
      Garage: ['Garage door'],
      Hallway: ['Front door'],
      Kitchen: ['Coffee maker', 'Kitchen ceiling'],
      'Living room': ['Living room sensor'],
    });
    expect(
      registry
        .sensitiveEntities()
        .map((entity) => entity.config.id)
        .sort(),
    ).toEqual(['sim-front-door', 'sim-garage']);
    expect(target.log().filter((entry) => entry.code === 'discovered')).toHaveLength(6);
  });

  it('offers its entities in the shape the page and the assistant share (HomeConnection)', async () => {
    const target = connection();
    target.connect();
    await until(target, allSimDiscovered(target));
    expect(target.kind).toBe('mqtt');
    const byId = new Map(target.entities().map((entity) => [entity.id, entity]));
    expect([...byId.keys()].sort()).toEqual([...SimulatedHome.ids].sort());
    expect(byId.get('sim-kitchen-ceiling')).toMatchObject({
      // Home Assistant's friendly name: the device's name, then the entity's own.
      name: 'Kitchen ceiling Ceiling light',
      domain: 'light',
      area: 'Kitchen',
      deviceName: 'Kitchen ceiling',
      available: true,
      sensitive: false,
      state: { on: home.light.on },
    });
    expect(byId.get('sim-living-temp')).toMatchObject({
      domain: 'sensor',
      area: 'Living room',
      deviceClass: 'temperature',
      unit: '°C',
      state: { numeric: 21.5 },
    });
    expect(byId.get('sim-garage')).toMatchObject({ domain: 'cover', deviceClass: 'garage', sensitive: true });
    expect(byId.get('sim-front-door')).toMatchObject({ domain: 'lock', area: 'Hallway', sensitive: true });
  });

  it('sends the declared payloads to the command topics and shows the state the devices report', async () => {
    const target = connection();
    target.connect();
    await until(target, allSimDiscovered(target));

    expect(await target.send('sim-kitchen-ceiling', { kind: 'set_brightness', percent: 40 })).toMatchObject({ ok: true });
    await home.waitForCommand((command) => command.topic === 'sim/kitchen_ceiling/brightness/set' && command.payload === '102');
    await home.waitForCommand((command) => command.topic === 'sim/kitchen_ceiling/set' && command.payload === 'ON');
    await until(
      target,
      () =>
        target.registry.entity('sim-kitchen-ceiling')?.state.brightness === 40 &&
        target.registry.entity('sim-kitchen-ceiling')?.state.on === true,
    );

    await target.send('sim-coffee', { kind: 'turn_on' });
    await home.waitForCommand((command) => command.topic === 'sim/coffee/set' && command.payload === 'brew');
    await until(target, () => target.registry.entity('sim-coffee')?.state.on === true);

    await target.send('sim-front-door', { kind: 'unlock' });
    await home.waitForCommand((command) => command.topic === 'sim/front_door/set' && command.payload === 'UNLOCK_IT');
    await until(target, () => target.registry.entity('sim-front-door')?.state.lock === 'unlocked');
    await target.send('sim-front-door', { kind: 'lock' });
    await until(target, () => target.registry.entity('sim-front-door')?.state.lock === 'locked');

    await target.send('sim-garage', { kind: 'open' });
    await home.waitForCommand((command) => command.topic === 'sim/garage/set' && command.payload === 'UP');
    await until(
      target,
      () =>
        target.registry.entity('sim-garage')?.state.cover === 'open' &&
        target.registry.entity('sim-garage')?.state.position === 100,
    );

    // The JSON-schema lamp takes one JSON command and reports JSON state.
    await target.send('sim-bedroom-lamp', { kind: 'set_brightness', percent: 50 });
    await home.waitForCommand(
      (command) => command.topic === 'sim/bedroom_lamp/set' && command.payload === '{"state":"ON","brightness":128}',
    );
    await until(target, () => target.registry.entity('sim-bedroom-lamp')?.state.brightness === 50.2);
    await target.send('sim-bedroom-lamp', { kind: 'turn_off' });
    await until(target, () => target.registry.entity('sim-bedroom-lamp')?.state.on === false);

    // What the device did not declare is refused before anything is published.
    expect(await target.send('sim-front-door', { kind: 'open' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('does not declare'),
    });
    expect(await target.send('sim-living-temp', { kind: 'turn_on' })).toMatchObject({ ok: false });
    expect(target.log().filter((entry) => entry.code === 'command')).toHaveLength(7);
  });

  it('says the login was refused on a bad password, and does not retry', async () => {
    const target = connection({ password: 'not the password' });
    target.connect();
    await until(target, () => target.status.state === 'refused');
    expect(target.status.problem).toMatch(/bad-credentials|not-authorized/);
    expect(target.status.message).toMatch(/password/);
    expect(target.status.retryInMs).toBeUndefined();
    expect(target.log().some((entry) => entry.code === 'refused')).toBe(true);
    expect(await target.send('sim-coffee', { kind: 'turn_on' })).toMatchObject({ ok: false });
  });

  it('names an unreachable broker and keeps trying with growing delays', async () => {
    const port = await freePort(); // nothing listens here
    const target = connection({ url: `ws://127.0.0.1:${port}`, random: () => 0.5 });
    target.connect();
    await until(target, () => target.status.state === 'unreachable' && (target.status.attempt ?? 0) >= 2);
    expect(target.status.problem).toBe('unreachable');
    expect(target.status.message).toContain(`127.0.0.1:${port}`);
    const delays = target
      .log()
      .map((entry) => /again in ([\d.]+) s/.exec(entry.message)?.[1])
      .filter((delay) => delay !== undefined)
      .map(Number);
    expect(delays.slice(0, 2)).toEqual([0.2, 0.4]);
  });

  it('names a port that holds the connection but never answers MQTT, and one that is a web server', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    const web = http.createServer((_request, response) => response.writeHead(404).end());
    await Promise.all([silent, web].map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))));
    try {
      const quiet = connection({ url: `ws://127.0.0.1:${(silent.address() as net.AddressInfo).port}`, connectTimeoutMs: 300 });
      quiet.connect();
      await until(quiet, () => quiet.status.state === 'unreachable');
      expect(quiet.status).toMatchObject({ problem: 'timeout', message: expect.stringContaining('no MQTT answer') });
      const wrong = connection({ url: `ws://127.0.0.1:${(web.address() as net.AddressInfo).port}/mqtt` });
      wrong.connect();
      await until(wrong, () => wrong.status.state === 'unreachable');
      // mqtt.js drops the WebSocket's own reason (HTTP 404) and a browser never has it: the message
      // names the likely mistakes instead.
      expect(wrong.status).toMatchObject({ problem: 'unreachable', message: expect.stringContaining('WebSockets listener') });
    } finally {
      await Promise.all(open.splice(0).map((made) => made.close()));
      sockets.forEach((socket) => socket.destroy());
      await Promise.all([silent, web].map((server) => new Promise((resolve) => server.close(resolve))));
    }
  });

  it('refuses ws:// from an https page before the browser does, and mqtt:// outright', () => {
    const mixed = connection({ url: 'ws://broker.invalid:9001', pageProtocol: 'https:' });
    mixed.connect();
    expect(mixed.status).toMatchObject({
      state: 'blocked',
      problem: 'mixed-content',
      message: expect.stringContaining('wss://'),
    });
    const tcp = connection({ url: `mqtt://127.0.0.1:${broker.tcpPort}` });
    tcp.connect();
    expect(tcp.status).toMatchObject({ state: 'blocked', problem: 'not-websocket' });
    // Loopback is trustworthy to browsers, so ws://127.0.0.1 from https is allowed.
    const local = connection({ pageProtocol: 'https:' });
    local.connect();
    expect(local.status.state).toBe('connecting');
  });

  it('reconnects after the broker restarts and resyncs state changed meanwhile', async () => {
    const target = connection();
    target.connect();
    await until(target, allSimDiscovered(target));
    const before = home.coffee.on;
    await broker.stop();
    await until(target, () => target.status.state === 'reconnecting');
    expect(target.status.problem).toBeDefined();
    // Someone presses the coffee maker's button while the broker is down.
    home.coffee.on = !before;
    await broker.start();
    await until(target, () => target.status.state === 'connected' && target.registry.entity('sim-coffee')?.state.on === !before);
    expect(target.log().some((entry) => entry.code === 'reconnected')).toBe(true);
    // And it still works both ways.
    await until(target, allSimDiscovered(target));
    await target.send('sim-coffee', { kind: before ? 'turn_on' : 'turn_off' });
    await until(target, () => target.registry.entity('sim-coffee')?.state.on === before);
  });

  it('logs malformed discovery messages with reasons while the other devices keep working', async () => {
    const target = connection();
    target.connect();
    await until(target, allSimDiscovered(target));
    const intruder = await mqtt.connectAsync(broker.tcpUrl, { username: broker.username, password: broker.password });
    const bad: [string, string | Buffer, string][] = [
      ['homeassistant/light/bad1/config', '{"cmd_t": "x",', 'malformed-json'],
      ['homeassistant/vacuum/bad2/config', '{"cmd_t": "v"}', 'unknown-component'],
      ['homeassistant/switch/bad3/config', '{"cmd_t": 7}', 'wrong-type'],
      ['homeassistant/switch/bad4/config', Buffer.alloc(100 * 1024, 0x20), 'oversized'],
      ['homeassistant/switch/bad5/config', Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), 'not-utf8'],
      ['homeassistant/switch/bad6/config', '{"uniq_id": "sim-coffee", "cmd_t": "evil/set"}', 'duplicate-unique-id'],
      ['sim/coffee/state', 'EXPLODE', 'bad-state'],
    ];
    for (const [topic, payload] of bad) await intruder.publishAsync(topic, payload, { qos: 1 });
    await until(target, () =>
      bad.every(([topic, , code]) => target.log().some((entry) => entry.topic === topic && entry.code === code)),
    );
    for (const [topic, , code] of bad) {
      const entry = target.log().find((item) => item.topic === topic && item.code === code)!;
      expect(entry.level).toBe('warn');
      expect(entry.message.length).toBeGreaterThan(10);
    }
    expect(target.registry.size).toBe(6);
    expect(target.registry.entity('sim-coffee')).toMatchObject({ config: { commandTopic: 'sim/coffee/set' } });

    // An empty config removes that one entity and nothing else.
    await intruder.publishAsync('homeassistant/sensor/living/temperature/config', '', { qos: 1 });
    await until(target, () => target.registry.entity('sim-living-temp') === undefined);
    await intruder.endAsync();
    const wanted = !home.coffee.on;
    await target.send('sim-coffee', { kind: wanted ? 'turn_on' : 'turn_off' });
    await until(target, () => target.registry.entity('sim-coffee')?.state.on === wanted);
    expect(target.registry.size).toBe(5);
    home.announce(); // the sensor comes back for any later test
    await until(target, () => target.registry.entity('sim-living-temp') !== undefined);
  });

  it('discovers 500 devices and prints how long it took', async () => {
    const count = 500;
    await publishManySwitches(broker, count, 'bulkha');
    const target = connection({ discoveryPrefix: 'bulkha' });
    const started = performance.now();
    target.connect();
    const complete = () => {
      if (target.registry.size < count) return false;
      return target.registry.entities().every((entity) => entity.available && entity.state.on !== undefined);
    };
    await until(target, complete);
    const ms = performance.now() - started;
    console.log(`500 devices: all discovered with state and availability ${ms.toFixed(0)} ms after connect()`);
    expect(target.registry.size).toBe(count);
    expect(target.registry.entity('bulk-7')?.state.on).toBe(false);
    expect(target.registry.byArea()).toHaveLength(20);
  });
});
