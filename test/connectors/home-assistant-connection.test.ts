// The Home Assistant connector against the protocol test server (Home Assistant's WebSocket API on
// loopback): auth, entities with their areas, live states, commands, service errors, a server that
// goes away and comes back, malformed frames. Node 20 has no global WebSocket, so the connector is
// given ws's class, as a page would use its own. Every wait is for a state, never for time.
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HomeAssistantConnection, type HomeAssistantConnectionOptions } from '../../src/connectors/home-assistant-connection';
import type { HomeEntity } from '../../src/connectors/home-connection';
import { freePort } from '../support/mosquitto';
import { HaTestServer, SIM_HOME } from '../support/ha-server';

let server: HaTestServer;
const open: HomeAssistantConnection[] = [];

beforeAll(async () => {
  server = await HaTestServer.start();
});

afterAll(async () => {
  await server?.close();
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((connection) => connection.close()));
});

function connection(options: Partial<HomeAssistantConnectionOptions> = {}, target = server): HomeAssistantConnection {
  const made = new HomeAssistantConnection({
    url: target.url,
    token: target.token,
    backoff: { initialMs: 100, maxMs: 1000, factor: 2 },
    webSocket: WebSocket as unknown as NonNullable<HomeAssistantConnectionOptions['webSocket']>,
    ...options,
  });
  open.push(made);
  return made;
}

/** Resolves once `condition` holds, checking after every status, log entry and entity change. */
function until(target: HomeAssistantConnection, condition: () => boolean): Promise<void> {
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

const entity = (target: HomeAssistantConnection, id: string): HomeEntity | undefined =>
  target.entities().find((candidate) => candidate.id === id);

const synced = (target: HomeAssistantConnection) => () => target.log().some((entry) => entry.code === 'synced');

describe('HomeAssistantConnection with the protocol server', () => {
  it('authenticates, and lists every entity with its area, device and state', async () => {
    const target = connection();
    target.connect();
    await until(target, synced(target));
    expect(target.status).toMatchObject({ state: 'connected', message: expect.stringContaining(server.haVersion) });
    expect(
      target
        .entities()
        .map((e) => e.id)
        .sort(),
    ).toEqual(SIM_HOME.entities.map((e) => e.entity_id).sort());
    const areas = Object.fromEntries(
      [
        'light.kitchen_ceiling',
        'switch.coffee_maker',
        'light.reading_lamp',
        'climate.thermostat',
        'lock.front_door',
        'sun.sun',
      ].map((id) => [id, entity(target, id)?.area ?? null]),
    );
    expect(areas).toEqual({
      'light.kitchen_ceiling': 'Kitchen', // from its device
      'switch.coffee_maker': 'Kitchen', // its own, no device
      'light.reading_lamp': 'Living Room', // its own beats its device's kitchen
      'climate.thermostat': 'Living Room',
      'lock.front_door': 'Hallway',
      'sun.sun': null,
    });
    expect(entity(target, 'climate.thermostat')).toMatchObject({
      name: 'Thermostat',
      deviceName: 'Living thermostat',
      domain: 'climate',
      state: { mode: 'heat', targetTemperature: 20, currentTemperature: 19.5 },
      available: true,
      sensitive: false,
    });
    expect(entity(target, 'sensor.living_temperature')).toMatchObject({
      unit: '°C',
      deviceClass: 'temperature',
      state: { value: '21.5', numeric: 21.5 },
    });
    expect(entity(target, 'lock.front_door')).toMatchObject({ sensitive: true, state: { lock: 'locked' } });
    expect(entity(target, 'cover.garage_door')).toMatchObject({
      sensitive: true,
      deviceClass: 'garage',
      state: { cover: 'closed', position: 0 },
    });
    const asked = server.received.map((message) => message.type);
    expect(asked).toEqual(
      expect.arrayContaining([
        'config/area_registry/list',
        'config/device_registry/list',
        'config/entity_registry/list',
        'subscribe_entities',
      ]),
    );
  });

  it('refuses a wrong token once, with a sentence, and does not retry', async () => {
    const target = connection({ token: 'not-the-token' });
    target.connect();
    await until(target, () => target.status.state === 'refused');
    expect(target.status).toMatchObject({ problem: 'bad-credentials', message: expect.stringContaining('access token') });
    expect(target.status.message).toContain('Invalid access token');
    const attempts = target.log().filter((entry) => entry.code === 'refused').length;
    expect(attempts).toBe(1);
    expect(target.log().some((entry) => entry.code === 'unreachable' || entry.code === 'reconnecting')).toBe(false);
  });

  it('follows state changes made in Home Assistant', async () => {
    const target = connection();
    target.connect();
    await until(target, synced(target));
    server.setState('sensor.living_temperature', '22.75');
    server.setState('light.kitchen_ceiling', 'on', { brightness: 128 });
    await until(target, () => entity(target, 'sensor.living_temperature')?.state.numeric === 22.75);
    await until(target, () => entity(target, 'light.kitchen_ceiling')?.state.on === true);
    expect(entity(target, 'light.kitchen_ceiling')?.state.brightness).toBeCloseTo(50.2, 1);
    server.setState('light.kitchen_ceiling', 'unavailable');
    await until(target, () => entity(target, 'light.kitchen_ceiling')?.available === false);
    server.setState('light.kitchen_ceiling', 'off', { brightness: null });
    await until(target, () => entity(target, 'light.kitchen_ceiling')?.state.on === false);
    server.removeEntity('sun.sun');
    await until(target, () => entity(target, 'sun.sun') === undefined);
    server.setState('sun.sun', 'below_horizon', { friendly_name: 'Sun' });
    await until(target, () => entity(target, 'sun.sun')?.state.value === 'below_horizon');
  });

  it('turns commands into service calls that change the simulated devices', async () => {
    const target = connection();
    target.connect();
    await until(target, synced(target));
    expect(await target.send('light.kitchen_ceiling', { kind: 'set_brightness', percent: 40 })).toEqual({ ok: true });
    expect(server.serviceCalls.at(-1)).toEqual({
      domain: 'light',
      service: 'turn_on',
      serviceData: { brightness_pct: 40 },
      entityIds: ['light.kitchen_ceiling'],
    });
    await until(target, () => entity(target, 'light.kitchen_ceiling')?.state.on === true);
    expect(server.state('light.kitchen_ceiling')).toMatchObject({ state: 'on', attributes: { brightness: 102 } });
    expect(entity(target, 'light.kitchen_ceiling')?.state.brightness).toBe(40);

    expect(await target.send('switch.coffee_maker', { kind: 'turn_on' })).toEqual({ ok: true });
    await until(target, () => entity(target, 'switch.coffee_maker')?.state.on === true);
    expect(await target.send('cover.garage_door', { kind: 'set_position', percent: 30 })).toEqual({ ok: true });
    await until(target, () => entity(target, 'cover.garage_door')?.state.position === 30);
    expect(await target.send('lock.front_door', { kind: 'unlock' })).toEqual({ ok: true });
    await until(target, () => entity(target, 'lock.front_door')?.state.lock === 'unlocked');
    expect(await target.send('climate.thermostat', { kind: 'set_temperature', degrees: 22.5 })).toEqual({ ok: true });
    await until(target, () => entity(target, 'climate.thermostat')?.state.targetTemperature === 22.5);
    expect(await target.send('climate.thermostat', { kind: 'set_mode', mode: 'cool' })).toEqual({ ok: true });
    await until(target, () => entity(target, 'climate.thermostat')?.state.mode === 'cool');
    expect(await target.send('fan.ceiling_fan', { kind: 'set_percentage', percent: 66 })).toEqual({ ok: true });
    await until(target, () => entity(target, 'fan.ceiling_fan')?.state.percentage === 66);
    expect(target.log().filter((entry) => entry.code === 'command').length).toBe(7);
  });

  it('refuses what an entity cannot do before sending, and gives the server’s error as the reason', async () => {
    const target = connection();
    target.connect();
    await until(target, synced(target));
    const before = server.serviceCalls.length;
    expect(await target.send('light.reading_lamp', { kind: 'set_brightness', percent: 50 })).toEqual({
      ok: false,
      reason: 'Reading lamp: is not dimmable',
    });
    expect(await target.send('sensor.living_temperature', { kind: 'turn_on' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('sensor'),
    });
    expect(await target.send('light.nowhere', { kind: 'turn_on' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no entity light.nowhere'),
    });
    expect(await target.send('climate.thermostat', { kind: 'set_temperature', degrees: 60 })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('outside its range'),
    });
    expect(server.serviceCalls.length).toBe(before);

    server.failServicesOn('switch.coffee_maker', 'The coffee maker did not respond');
    const failed = await target.send('switch.coffee_maker', { kind: 'turn_off' });
    expect(failed).toEqual({
      ok: false,
      reason: 'Home Assistant refused switch.turn_off for Coffee maker: The coffee maker did not respond (home_assistant_error)',
    });
    expect(target.log().some((entry) => entry.code === 'service-failed' && entry.entityId === 'switch.coffee_maker')).toBe(true);
    // A lock that declares no features is left for Home Assistant to judge: the server has no lock.open.
    const notFound = await target.send('lock.front_door', { kind: 'open' });
    expect(notFound).toMatchObject({ ok: false, reason: expect.stringContaining('Service lock.open not found. (not_found)') });
    expect(target.status.state).toBe('connected');
  });

  it('gives up on a service call Home Assistant never answers, saying its outcome is unknown', async () => {
    const local = await HaTestServer.start();
    try {
      const target = connection({ answerTimeoutMs: 200 }, local);
      target.connect();
      await until(target, synced(target));
      local.holdServicesOn('lock.front_door');
      expect(await target.send('lock.front_door', { kind: 'unlock' })).toEqual({
        ok: false,
        reason: 'Home Assistant did not answer lock.unlock for Front door within 0.2 s; check whether it ran',
      });
      expect(target.status.state).toBe('connected');
    } finally {
      await local.close();
    }
  });

  it('reconnects with backoff after the server drops everyone, and resyncs what changed meanwhile', async () => {
    const local = await HaTestServer.start();
    try {
      const target = connection({}, local);
      target.connect();
      await until(target, synced(target));
      await local.stop();
      await until(target, () => target.status.state === 'reconnecting');
      expect(target.status).toMatchObject({ problem: 'dropped', attempt: 1 });
      // While it is away: a light goes on, an entity disappears, a new one appears.
      local.setState('light.kitchen_ceiling', 'on', { brightness: 255 });
      local.removeEntity('sun.sun');
      local.setState('binary_sensor.back_door', 'on', { friendly_name: 'Back door', device_class: 'door' });
      await until(target, () => (target.status.attempt ?? 0) >= 2);
      expect(target.status.state).toBe('reconnecting');
      await local.start();
      await until(
        target,
        () => target.status.state === 'connected' && entity(target, 'light.kitchen_ceiling')?.state.on === true,
      );
      expect(entity(target, 'sun.sun')).toBeUndefined();
      expect(entity(target, 'binary_sensor.back_door')).toMatchObject({ state: { on: true }, deviceClass: 'door' });
      expect(target.log().some((entry) => entry.code === 'reconnected')).toBe(true);
      expect(await target.send('light.kitchen_ceiling', { kind: 'turn_off' })).toEqual({ ok: true });
      await until(target, () => entity(target, 'light.kitchen_ceiling')?.state.on === false);
    } finally {
      await local.close();
    }
  });

  it('calls a closed port unreachable and keeps trying with growing delays', async () => {
    const port = await freePort();
    const target = connection({ url: `http://127.0.0.1:${port}`, random: () => 0.5 });
    target.connect();
    await until(target, () => (target.status.attempt ?? 0) >= 2);
    expect(target.status).toMatchObject({
      state: 'unreachable',
      problem: 'unreachable',
      message: expect.stringContaining(`127.0.0.1:${port}`),
    });
    const delays = target
      .log()
      .filter((entry) => entry.code === 'unreachable')
      .map((entry) => entry.message.match(/in ([\d.]+) s/)?.[1]);
    expect(delays.slice(0, 2)).toEqual(['0.1', '0.2']);
  });

  it('refuses ws:// to another machine from an https page before trying', () => {
    const target = connection({ url: 'ws://192.168.1.20:8123/api/websocket', pageProtocol: 'https:' });
    target.connect();
    expect(target.status).toMatchObject({ state: 'blocked', problem: 'mixed-content' });
    expect(target.status.message).toContain('mixed content');
  });

  it('skips malformed frames and states with a reason, and keeps the rest', async () => {
    const target = connection();
    target.connect();
    await until(target, synced(target));
    server.sendRaw('this is not json');
    server.sendRaw(JSON.stringify({ type: 'event', id: 'seven', event: {} }));
    server.sendRaw(JSON.stringify([{ type: 'result' }, 42]));
    server.sendEntitiesEvent({ a: { 'light.broken': { s: 5, a: {} }, 'light.fine': { s: 'on', a: { friendly_name: 'Fine' } } } });
    server.sendEntitiesEvent({ c: { 'switch.coffee_maker': { '+': { a: 'not attributes' } } } });
    server.sendEntitiesEvent({ c: 'nope', r: 'nor this' });
    server.sendStateChangedEvent({ nothing: true });
    await until(target, () => entity(target, 'light.fine')?.state.on === true);
    server.setState('sensor.living_temperature', '23.5');
    await until(target, () => entity(target, 'sensor.living_temperature')?.state.numeric === 23.5);
    const skipped = target.log().filter((entry) => entry.code.startsWith('malformed'));
    expect(skipped.map((entry) => entry.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('not JSON'),
        expect.stringContaining('event has no numeric id'),
        expect.stringContaining('result has no numeric id'),
        expect.stringContaining('not an object'),
        expect.stringContaining('state is not text'),
        expect.stringContaining('attributes are not an object'),
      ]),
    );
    expect(entity(target, 'light.broken')).toBeUndefined();
    expect(target.status.state).toBe('connected');
    expect(await target.send('switch.coffee_maker', { kind: 'turn_on' })).toMatchObject({ ok: expect.any(Boolean) });
  });

  it('follows rooms renamed and entities moved in Home Assistant', async () => {
    const local = await HaTestServer.start();
    try {
      const target = connection({}, local);
      target.connect();
      await until(target, synced(target));
      local.moveEntity('switch.coffee_maker', 'living_room');
      await until(target, () => entity(target, 'switch.coffee_maker')?.area === 'Living Room');
      local.renameArea('hallway', 'Entrance');
      await until(target, () => entity(target, 'lock.front_door')?.area === 'Entrance');
      expect(entity(target, 'light.kitchen_ceiling')?.area).toBe('Kitchen');
    } finally {
      await local.close();
    }
  });

  it('names a port that never answers and one that is not Home Assistant', async () => {
    const silent = net.createServer(() => undefined);
    const impostor = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    impostor.on('connection', (socket) => socket.send(JSON.stringify({ hello: 'I am a different server' })));
    const listening = new Promise<void>((resolve) => impostor.once('listening', resolve));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    await listening;
    try {
      const silentPort = (silent.address() as AddressInfo).port;
      const quiet = connection({ url: `http://127.0.0.1:${silentPort}`, connectTimeoutMs: 300 });
      quiet.connect();
      await until(quiet, () => quiet.status.state === 'unreachable');
      expect(quiet.status).toMatchObject({ problem: 'timeout', message: expect.stringContaining('no answer') });
      const other = connection({ url: `ws://127.0.0.1:${(impostor.address() as AddressInfo).port}/api/websocket` });
      other.connect();
      await until(other, () => other.status.state === 'unreachable');
      expect(other.status).toMatchObject({
        problem: 'protocol',
        message: expect.stringContaining("not Home Assistant's WebSocket API"),
      });
      await Promise.all([quiet.close(), other.close()]);
    } finally {
      silent.close();
      impostor.close();
    }
  });

  it('speaks get_states and state_changed to servers older than 2022.4', async () => {
    const old = await HaTestServer.start({ haVersion: '2021.12.5' });
    try {
      const target = connection({}, old);
      target.connect();
      await until(target, synced(target));
      expect(old.received.map((message) => message.type)).toEqual(expect.arrayContaining(['subscribe_events', 'get_states']));
      expect(old.received.some((message) => message.type === 'subscribe_entities')).toBe(false);
      expect(entity(target, 'lock.front_door')?.area).toBe('Hallway');
      expect(await target.send('lock.front_door', { kind: 'unlock' })).toEqual({ ok: true });
      await until(target, () => entity(target, 'lock.front_door')?.state.lock === 'unlocked');
    } finally {
      await old.close();
    }
  });
});
