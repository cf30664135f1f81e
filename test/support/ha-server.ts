// A stand-in for Home Assistant's WebSocket API (Home Assistant itself cannot be installed here),
// following the documented protocol at /api/websocket on loopback: auth_required → auth →
// auth_ok / auth_invalid; commands with increasing ids answered by result messages (success or an
// error code); get_states, subscribe_events (state_changed), subscribe_entities (the compressed
// a/c/r format home-assistant-js-websocket asks for from 2022.4 on), unsubscribe_events,
// call_service acting on simulated entities and announcing the new state, the area, device and
// entity registry lists, ping/pong, supported_features. It can drop every client and stay away
// (stop) and come back on the same port (start), and can send raw frames to test malformed input.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface SimEntity {
  entity_id: string;
  state: string;
  attributes?: Record<string, unknown>;
}

export interface SimArea {
  area_id: string;
  name: string;
}

export interface SimDevice {
  id: string;
  name: string;
  area_id?: string | null;
  name_by_user?: string | null;
}

export interface SimEntityEntry {
  entity_id: string;
  device_id?: string | null;
  area_id?: string | null;
  name?: string | null;
}

export interface HaServerOptions {
  token?: string;
  haVersion?: string;
  entities?: SimEntity[];
  areas?: SimArea[];
  devices?: SimDevice[];
  entityRegistry?: SimEntityEntry[];
}

interface FullState {
  entity_id: string;
  state: string;
  attributes: Record<string, unknown>;
  last_changed: string;
  last_updated: string;
  context: { id: string; parent_id: null; user_id: string | null };
}

type Subscription = { kind: 'events'; eventType?: string } | { kind: 'entities'; entityIds?: string[] };

interface Client {
  socket: WebSocket;
  authed: boolean;
  lastId: number;
  subscriptions: Map<number, Subscription>;
}

export interface ServiceCallRecord {
  domain: string;
  service: string;
  serviceData: Record<string, unknown>;
  entityIds: string[];
}

type CommandMessage = Record<string, unknown> & { id: number; type: string };

class CommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A home with a few rooms and one entity of each kind the app controls. */
export const SIM_HOME: Required<Pick<HaServerOptions, 'entities' | 'areas' | 'devices' | 'entityRegistry'>> = {
  areas: [
    { area_id: 'kitchen', name: 'Kitchen' },
    { area_id: 'living_room', name: 'Living Room' },
    { area_id: 'hallway', name: 'Hallway' },
    { area_id: 'garage', name: 'Garage' },
  ],
  devices: [
    { id: 'dev-ceiling', name: 'Ceiling light', area_id: 'kitchen' },
    { id: 'dev-thermostat', name: 'Thermostat', area_id: 'living_room', name_by_user: 'Living thermostat' },
    { id: 'dev-door', name: 'Front door lock', area_id: 'hallway' },
    { id: 'dev-garage', name: 'Garage opener', area_id: 'garage' },
  ],
  entityRegistry: [
    { entity_id: 'light.kitchen_ceiling', device_id: 'dev-ceiling' },
    // Its own area overrides its device's (a lamp on the kitchen circuit standing in the living room).
    { entity_id: 'switch.coffee_maker', area_id: 'kitchen' },
    { entity_id: 'light.reading_lamp', device_id: 'dev-ceiling', area_id: 'living_room' },
    { entity_id: 'climate.thermostat', device_id: 'dev-thermostat' },
    { entity_id: 'sensor.living_temperature', device_id: 'dev-thermostat' },
    { entity_id: 'lock.front_door', device_id: 'dev-door' },
    { entity_id: 'cover.garage_door', device_id: 'dev-garage' },
    { entity_id: 'fan.ceiling_fan', area_id: 'living_room' },
  ],
  entities: [
    {
      entity_id: 'light.kitchen_ceiling',
      state: 'off',
      attributes: {
        friendly_name: 'Kitchen ceiling',
        supported_color_modes: ['brightness'],
        brightness: null,
        supported_features: 0,
      },
    },
    {
      entity_id: 'light.reading_lamp',
      state: 'on',
      attributes: { friendly_name: 'Reading lamp', supported_color_modes: ['onoff'], supported_features: 0 },
    },
    { entity_id: 'switch.coffee_maker', state: 'off', attributes: { friendly_name: 'Coffee maker' } },
    {
      entity_id: 'climate.thermostat',
      state: 'heat',
      attributes: {
        friendly_name: 'Thermostat',
        hvac_modes: ['off', 'heat', 'cool'],
        temperature: 20,
        current_temperature: 19.5,
        min_temp: 7,
        max_temp: 35,
        supported_features: 1,
      },
    },
    {
      entity_id: 'sensor.living_temperature',
      state: '21.5',
      attributes: { friendly_name: 'Living temperature', unit_of_measurement: '°C', device_class: 'temperature' },
    },
    // It declares no features, so whether it can unlatch is left to the server (which has no lock.open).
    { entity_id: 'lock.front_door', state: 'locked', attributes: { friendly_name: 'Front door' } },
    {
      entity_id: 'cover.garage_door',
      state: 'closed',
      attributes: { friendly_name: 'Garage door', device_class: 'garage', current_position: 0, supported_features: 15 },
    },
    {
      entity_id: 'fan.ceiling_fan',
      state: 'off',
      attributes: { friendly_name: 'Ceiling fan', percentage: 0, supported_features: 1 },
    },
    { entity_id: 'sun.sun', state: 'above_horizon', attributes: { friendly_name: 'Sun' } },
  ],
};

export class HaTestServer {
  readonly token: string;
  readonly haVersion: string;
  /** Every command a client sent after auth, in order (for assertions on what the client asked). */
  readonly received: CommandMessage[] = [];
  readonly serviceCalls: ServiceCallRecord[] = [];
  private readonly states = new Map<string, FullState>();
  private readonly areas: SimArea[];
  private readonly devices: SimDevice[];
  private readonly entityRegistry: SimEntityEntry[];
  private readonly clients = new Set<Client>();
  private readonly failing = new Map<string, string>();
  private readonly held = new Set<string>();
  private readonly waiters = new Set<() => void>();
  private http: http.Server | undefined;
  private wss: WebSocketServer | undefined;
  private contextCount = 0;
  private constructor(
    options: HaServerOptions,
    private port: number,
  ) {
    this.token = options.token ?? 'hearth-test-long-lived-token';
    this.haVersion = options.haVersion ?? '2025.11.0';
    this.areas = structuredClone(options.areas ?? SIM_HOME.areas);
    this.devices = structuredClone(options.devices ?? SIM_HOME.devices);
    this.entityRegistry = structuredClone(options.entityRegistry ?? SIM_HOME.entityRegistry);
    for (const entity of options.entities ?? SIM_HOME.entities) this.states.set(entity.entity_id, this.fullState(entity));
  }

  static async start(options: HaServerOptions = {}): Promise<HaTestServer> {
    const server = new HaTestServer(options, 0);
    await server.start();
    return server;
  }

  /** http://127.0.0.1:<port>, the address a person would type. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/api/websocket`;
  }

  /** Clients past auth right now. */
  get connectedClients(): number {
    return [...this.clients].filter((client) => client.authed).length;
  }

  state(entityId: string): SimEntity | undefined {
    const state = this.states.get(entityId);
    return state && { entity_id: state.entity_id, state: state.state, attributes: state.attributes };
  }

  /** Listens again, on the same port after a stop. */
  async start(): Promise<void> {
    const server = http.createServer((_request, response) => response.writeHead(404).end('not found'));
    const wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (request, socket, head) => {
      if (request.url !== '/api/websocket') {
        socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.http = server;
    this.wss = wss;
  }

  /** Drops every client and stops listening, so reconnects are refused until start(). */
  async stop(): Promise<void> {
    for (const client of this.clients) client.socket.terminate();
    this.clients.clear();
    const server = this.http;
    this.http = undefined;
    this.wss?.close();
    this.wss = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    this.notify();
  }

  close(): Promise<void> {
    return this.stop();
  }

  /** Resolves once `condition` holds, checked after every message and state change. */
  waitFor(condition: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!condition()) return;
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Changes an entity (a device acting on its own), announcing it to subscribers if anyone listens. */
  setState(entityId: string, state: string, attributes?: Record<string, unknown>): void {
    const old = this.states.get(entityId);
    const next = this.fullState({
      entity_id: entityId,
      state,
      attributes: { ...(old?.attributes ?? {}), ...(attributes ?? {}) },
    });
    if (old && old.state === state) next.last_changed = old.last_changed;
    this.states.set(entityId, next);
    this.announce(entityId, old, next);
  }

  removeEntity(entityId: string): void {
    const old = this.states.get(entityId);
    if (!old) return;
    this.states.delete(entityId);
    this.announce(entityId, old, undefined);
  }

  /** Puts an entity in another area (null: none), as the person would in Home Assistant's settings. */
  moveEntity(entityId: string, areaId: string | null): void {
    let entry = this.entityRegistry.find((candidate) => candidate.entity_id === entityId);
    if (!entry) {
      entry = { entity_id: entityId };
      this.entityRegistry.push(entry);
    }
    const old = entry.area_id ?? null;
    entry.area_id = areaId;
    this.sendEvent('entity_registry_updated', { action: 'update', entity_id: entityId, changes: { area_id: old } });
    this.notify();
  }

  renameArea(areaId: string, name: string): void {
    const area = this.areas.find((candidate) => candidate.area_id === areaId);
    if (!area) throw new Error(`no area ${areaId}`);
    area.name = name;
    this.sendEvent('area_registry_updated', { action: 'update', area_id: areaId });
    this.notify();
  }

  /** Service calls on this entity get no answer at all (a hung integration). */
  holdServicesOn(entityId: string): void {
    this.held.add(entityId);
  }

  /** Service calls on this entity fail with Home Assistant's home_assistant_error and this message. */
  failServicesOn(entityId: string, message: string): void {
    this.failing.set(entityId, message);
  }

  /** Sends text as is to every client past auth. */
  sendRaw(text: string): void {
    for (const client of this.clients) if (client.authed) client.socket.send(text);
  }

  /** Sends an event body to every subscribe_entities subscription, well-formed or not. */
  sendEntitiesEvent(event: unknown): void {
    for (const client of this.clients) {
      for (const [id, subscription] of client.subscriptions) {
        if (subscription.kind === 'entities') client.socket.send(JSON.stringify({ id, type: 'event', event }));
      }
    }
  }

  /** Sends a state_changed event with this data to every matching subscribe_events subscription. */
  sendStateChangedEvent(data: unknown): void {
    this.sendEvent('state_changed', data);
  }

  private accept(socket: WebSocket): void {
    const client: Client = { socket, authed: false, lastId: 0, subscriptions: new Map() };
    this.clients.add(client);
    socket.on('close', () => {
      this.clients.delete(client);
      this.notify();
    });
    socket.on('error', () => undefined);
    socket.on('message', (data, isBinary) => this.onMessage(client, isBinary ? null : data.toString()));
    socket.send(JSON.stringify({ type: 'auth_required', ha_version: this.haVersion }));
  }

  private onMessage(client: Client, text: string | null): void {
    let message: unknown;
    try {
      message = text === null ? undefined : JSON.parse(text);
    } catch {
      message = undefined;
    }
    if (!client.authed) {
      this.authenticate(client, message);
      return;
    }
    // Home Assistant accepts a list of commands in one frame.
    const messages = Array.isArray(message) ? message : [message];
    for (const item of messages) this.handleCommand(client, item);
    this.notify();
  }

  private authenticate(client: Client, message: unknown): void {
    const record = message as Record<string, unknown> | undefined;
    if (record?.type !== 'auth' || typeof record.access_token !== 'string') {
      client.socket.send(JSON.stringify({ type: 'auth_invalid', message: 'Auth message incorrectly formatted' }));
      client.socket.close();
      return;
    }
    if (record.access_token !== this.token) {
      client.socket.send(JSON.stringify({ type: 'auth_invalid', message: 'Invalid access token or password' }));
      client.socket.close();
      return;
    }
    client.authed = true;
    client.socket.send(JSON.stringify({ type: 'auth_ok', ha_version: this.haVersion }));
    this.notify();
  }

  private handleCommand(client: Client, message: unknown): void {
    const record = message as Partial<CommandMessage> | undefined;
    if (typeof record !== 'object' || record === null || typeof record.id !== 'number' || typeof record.type !== 'string') {
      client.socket.send(
        JSON.stringify({
          id: (record as { id?: unknown } | undefined)?.id ?? null,
          type: 'result',
          success: false,
          error: { code: 'invalid_format', message: 'Message incorrectly formatted.' },
        }),
      );
      return;
    }
    const command = record as CommandMessage;
    this.received.push(command);
    if (command.id <= client.lastId) {
      this.reply(client, command.id, new CommandError('id_reuse', 'Identifier values have to increase.'));
      return;
    }
    client.lastId = command.id;
    try {
      if (command.type === 'ping') {
        client.socket.send(JSON.stringify({ id: command.id, type: 'pong' }));
        return;
      }
      if (command.type === 'call_service' && this.holdsCall(command)) return;
      const result = this.run(client, command);
      this.reply(client, command.id, result);
      if (command.type === 'subscribe_entities') {
        const subscription = client.subscriptions.get(command.id) as { kind: 'entities'; entityIds?: string[] };
        const everything: Record<string, unknown> = {};
        for (const state of this.states.values()) {
          if (!subscription.entityIds || subscription.entityIds.includes(state.entity_id))
            everything[state.entity_id] = compressed(state);
        }
        client.socket.send(JSON.stringify({ id: command.id, type: 'event', event: { a: everything } }));
      }
    } catch (error) {
      this.reply(client, command.id, error instanceof CommandError ? error : new CommandError('unknown_error', String(error)));
    }
  }

  private holdsCall(command: CommandMessage): boolean {
    const target = (command.target ?? {}) as Record<string, unknown>;
    const ids = target.entity_id;
    return (typeof ids === 'string' ? [ids] : Array.isArray(ids) ? ids : []).some((id) => this.held.has(id as string));
  }

  private reply(client: Client, id: number, result: unknown): void {
    if (result instanceof CommandError) {
      client.socket.send(
        JSON.stringify({ id, type: 'result', success: false, error: { code: result.code, message: result.message } }),
      );
    } else client.socket.send(JSON.stringify({ id, type: 'result', success: true, result: result ?? null }));
  }

  private run(client: Client, command: CommandMessage): unknown {
    switch (command.type) {
      case 'supported_features':
        return null;
      case 'get_states':
        return [...this.states.values()];
      case 'get_config':
        return { version: this.haVersion, location_name: 'Test home', unit_system: { temperature: '°C' }, components: [] };
      case 'subscribe_events': {
        const eventType = command.event_type;
        if (eventType !== undefined && typeof eventType !== 'string')
          throw new CommandError('invalid_format', 'event_type must be a string');
        client.subscriptions.set(command.id, eventType === undefined ? { kind: 'events' } : { kind: 'events', eventType });
        return null;
      }
      case 'subscribe_entities': {
        const ids = command.entity_ids;
        if (ids !== undefined && !(Array.isArray(ids) && ids.every((id) => typeof id === 'string')))
          throw new CommandError('invalid_format', 'entity_ids must be a list of entity ids');
        client.subscriptions.set(
          command.id,
          ids === undefined ? { kind: 'entities' } : { kind: 'entities', entityIds: ids as string[] },
        );
        return null;
      }
      case 'unsubscribe_events': {
        if (typeof command.subscription !== 'number' || !client.subscriptions.delete(command.subscription))
          throw new CommandError('not_found', 'Subscription not found.');
        return null;
      }
      case 'call_service':
        return this.callService(command);
      case 'config/area_registry/list':
        return this.areas.map((area) => ({ aliases: [], floor_id: null, icon: null, labels: [], picture: null, ...area }));
      case 'config/device_registry/list':
        return this.devices.map((device) => ({
          area_id: null,
          name_by_user: null,
          manufacturer: 'Hearth test',
          model: 'Simulated',
          disabled_by: null,
          config_entries: [],
          ...device,
        }));
      case 'config/entity_registry/list':
        return this.entityRegistry.map((entry) => ({
          area_id: null,
          device_id: null,
          name: null,
          platform: 'demo',
          disabled_by: null,
          hidden_by: null,
          icon: null,
          ...entry,
        }));
      default:
        throw new CommandError('unknown_command', 'Unknown command.');
    }
  }

  private callService(command: CommandMessage): unknown {
    const { domain, service } = command;
    if (typeof domain !== 'string' || typeof service !== 'string')
      throw new CommandError('invalid_format', 'domain and service are required');
    const serviceData = (command.service_data ?? {}) as Record<string, unknown>;
    const target = (command.target ?? {}) as Record<string, unknown>;
    const rawIds = target.entity_id ?? serviceData.entity_id;
    const entityIds = typeof rawIds === 'string' ? [rawIds] : Array.isArray(rawIds) ? (rawIds as string[]) : [];
    const act = SERVICES[`${domain}.${service}`];
    if (!act) throw new CommandError('not_found', `Service ${domain}.${service} not found.`);
    if (entityIds.length === 0) throw new CommandError('invalid_format', 'No entity given to act on.');
    for (const entityId of entityIds) {
      if (!entityId.startsWith(`${domain}.`) || !this.states.has(entityId))
        throw new CommandError('service_validation_error', `Referenced entity ${entityId} is missing or not currently available`);
      const failure = this.failing.get(entityId);
      if (failure !== undefined) throw new CommandError('home_assistant_error', failure);
    }
    this.serviceCalls.push({ domain, service, serviceData, entityIds });
    for (const entityId of entityIds) {
      const current = this.states.get(entityId)!;
      const next = act(current.state, { ...current.attributes }, serviceData);
      this.setState(entityId, next.state, next.attributes);
    }
    this.contextCount += 1;
    return { context: { id: `call-${this.contextCount}`, parent_id: null, user_id: 'test-user' }, response: null };
  }

  private announce(entityId: string, old: FullState | undefined, next: FullState | undefined): void {
    this.sendEvent('state_changed', { entity_id: entityId, old_state: old ?? null, new_state: next ?? null });
    for (const client of this.clients) {
      for (const [id, subscription] of client.subscriptions) {
        if (subscription.kind !== 'entities') continue;
        if (subscription.entityIds && !subscription.entityIds.includes(entityId)) continue;
        let event: unknown;
        if (!next) event = { r: [entityId] };
        else if (!old) event = { a: { [entityId]: compressed(next) } };
        else event = { c: { [entityId]: difference(old, next) } };
        client.socket.send(JSON.stringify({ id, type: 'event', event }));
      }
    }
    this.notify();
  }

  private sendEvent(eventType: string, data: unknown): void {
    this.contextCount += 1;
    const event = {
      event_type: eventType,
      data,
      origin: 'LOCAL',
      time_fired: new Date().toISOString(),
      context: { id: `event-${this.contextCount}`, parent_id: null, user_id: null },
    };
    for (const client of this.clients) {
      for (const [id, subscription] of client.subscriptions) {
        if (subscription.kind !== 'events') continue;
        if (subscription.eventType !== undefined && subscription.eventType !== eventType) continue;
        client.socket.send(JSON.stringify({ id, type: 'event', event }));
      }
    }
  }

  private fullState(entity: SimEntity): FullState {
    const now = new Date().toISOString();
    this.contextCount += 1;
    return {
      entity_id: entity.entity_id,
      state: entity.state,
      attributes: structuredClone(entity.attributes ?? {}),
      last_changed: now,
      last_updated: now,
      context: { id: `state-${this.contextCount}`, parent_id: null, user_id: null },
    };
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

const seconds = (iso: string): number => Date.parse(iso) / 1000;

/** subscribe_entities' short form of a state: s, a, c (context id), lc, and lu when it differs. */
function compressed(state: FullState): Record<string, unknown> {
  const short: Record<string, unknown> = {
    s: state.state,
    a: state.attributes,
    c: state.context.id,
    lc: seconds(state.last_changed),
  };
  if (state.last_updated !== state.last_changed) short.lu = seconds(state.last_updated);
  return short;
}

/** subscribe_entities' change form: what is new under "+", attributes dropped under "-". */
function difference(old: FullState, next: FullState): Record<string, unknown> {
  const plus: Record<string, unknown> = { c: next.context.id };
  if (old.state !== next.state) plus.s = next.state;
  if (old.last_changed !== next.last_changed) plus.lc = seconds(next.last_changed);
  else plus.lu = seconds(next.last_updated);
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next.attributes)) {
    if (JSON.stringify(old.attributes[key]) !== JSON.stringify(value)) changed[key] = value;
  }
  if (Object.keys(changed).length > 0) plus.a = changed;
  const dropped = Object.keys(old.attributes).filter((key) => !(key in next.attributes));
  return dropped.length > 0 ? { '+': plus, '-': { a: dropped } } : { '+': plus };
}

type ServiceAction = (
  state: string,
  attributes: Record<string, unknown>,
  data: Record<string, unknown>,
) => { state: string; attributes?: Record<string, unknown> };

const percentArgument = (data: Record<string, unknown>, key: string): number | undefined => {
  const value = data[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || value < 0 || value > 100)
    throw new CommandError('invalid_format', `expected a number 0–100 for dictionary value @ data['${key}']`);
  return value;
};

const SERVICES: Record<string, ServiceAction> = {
  'light.turn_on': (_state, attributes, data) => {
    const percent = percentArgument(data, 'brightness_pct');
    const dimmable = Array.isArray(attributes.supported_color_modes) && attributes.supported_color_modes.includes('brightness');
    if (!dimmable) return { state: 'on' };
    const brightness =
      percent === undefined ? ((attributes.brightness as number | null) ?? 255) : Math.round((percent / 100) * 255);
    return brightness === 0 ? { state: 'off', attributes: { brightness: null } } : { state: 'on', attributes: { brightness } };
  },
  'light.turn_off': (_state, attributes) =>
    'brightness' in attributes ? { state: 'off', attributes: { brightness: null } } : { state: 'off' },
  'light.toggle': (state, attributes, data) =>
    state === 'on' ? SERVICES['light.turn_off']!(state, attributes, data) : SERVICES['light.turn_on']!(state, attributes, data),
  'switch.turn_on': () => ({ state: 'on' }),
  'switch.turn_off': () => ({ state: 'off' }),
  'switch.toggle': (state) => ({ state: state === 'on' ? 'off' : 'on' }),
  'fan.turn_on': (_state, attributes) => ({ state: 'on', attributes: { percentage: (attributes.percentage as number) || 50 } }),
  'fan.turn_off': () => ({ state: 'off', attributes: { percentage: 0 } }),
  'fan.set_percentage': (_state, _attributes, data) => {
    const percentage = percentArgument(data, 'percentage') ?? 0;
    return { state: percentage > 0 ? 'on' : 'off', attributes: { percentage } };
  },
  'cover.open_cover': () => ({ state: 'open', attributes: { current_position: 100 } }),
  'cover.close_cover': () => ({ state: 'closed', attributes: { current_position: 0 } }),
  'cover.stop_cover': (state) => ({ state: state === 'opening' || state === 'closing' ? 'stopped' : state }),
  'cover.set_cover_position': (_state, _attributes, data) => {
    const position = percentArgument(data, 'position') ?? 0;
    return { state: position > 0 ? 'open' : 'closed', attributes: { current_position: position } };
  },
  'lock.lock': () => ({ state: 'locked' }),
  'lock.unlock': () => ({ state: 'unlocked' }),
  'climate.set_temperature': (state, _attributes, data) => {
    if (typeof data.temperature !== 'number')
      throw new CommandError('invalid_format', "expected float for dictionary value @ data['temperature']");
    return { state, attributes: { temperature: data.temperature } };
  },
  'climate.set_hvac_mode': (_state, attributes, data) => {
    const modes = attributes.hvac_modes as string[];
    if (typeof data.hvac_mode !== 'string' || !modes.includes(data.hvac_mode))
      throw new CommandError('service_validation_error', `HVAC mode ${String(data.hvac_mode)} is not valid`);
    return { state: data.hvac_mode };
  },
  'alarm_control_panel.alarm_arm_away': () => ({ state: 'armed_away' }),
  'alarm_control_panel.alarm_arm_home': () => ({ state: 'armed_home' }),
  'alarm_control_panel.alarm_disarm': () => ({ state: 'disarmed' }),
};
