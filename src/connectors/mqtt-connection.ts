// One connection to an MQTT broker over WebSockets (ws:// or wss://) with mqtt.js: it follows Home
// Assistant discovery into a DeviceRegistry, keeps the subscriptions the registry asks for, sends
// device commands with the payloads discovery declared, and reconnects with backoff on its own
// (mqtt.js's fixed-period reconnect is off), subscribing again so retained messages resync the
// state. Bad logins stop the retries: repeating a wrong password helps nobody.
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { checkBrokerUrl } from '../core/devices/broker-url';
import {
  backoffDelay,
  DEFAULT_BACKOFF,
  refusalFromCode,
  transportProblem,
  type Backoff,
  type ConnectionProblem,
  type ConnectionStatus,
} from '../core/devices/connection-status';
import type { DeviceCommand, Publish } from '../core/devices/device-command';
import { DeviceRegistry, type RegistryChange, type RegistryLogEntry } from '../core/devices/device-registry';
import type { HomeConnection, HomeEntity } from './home-connection';

export interface MqttConnectionOptions {
  url: string;
  username?: string;
  password?: string;
  /** The page's `location.protocol`, to refuse ws:// from an https page before the browser does. */
  pageProtocol?: string;
  discoveryPrefix?: string;
  backoff?: Backoff;
  /** How long to wait for the broker's CONNACK. */
  connectTimeoutMs?: number;
  clientId?: string;
  /** Jitter source for the backoff; a fixed value makes delays predictable. */
  random?: () => number;
}

export interface ConnectionLogEntry {
  time: number;
  level: 'info' | 'warn' | 'error';
  /** A registry code (discovered, malformed-json…) or a connection event (connected, refused…). */
  code: string;
  message: string;
  topic?: string;
  entityId?: string;
}

export type SendResult = { ok: true; publishes: Publish[] } | { ok: false; reason: string };

/** How many log entries are kept; older ones drop off. */
export const LOG_LIMIT = 1000;

export class MqttConnection implements HomeConnection {
  readonly kind = 'mqtt' as const;
  readonly registry: DeviceRegistry;
  private client: MqttClient | undefined;
  private currentStatus: ConnectionStatus = { state: 'idle', message: 'not connected' };
  private readonly entries: ConnectionLogEntry[] = [];
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private readonly logListeners = new Set<(entry: ConnectionLogEntry) => void>();
  private readonly changeListeners = new Set<(change: RegistryChange) => void>();
  private attempt = 0;
  private everConnected = false;
  private closing = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private lastProblem: { problem: ConnectionProblem; message: string; retry: boolean } | undefined;
  private pendingSubscribe = new Set<string>();
  private pendingUnsubscribe = new Set<string>();
  private flushScheduled = false;
  private readonly address: string;

  constructor(private readonly options: MqttConnectionOptions) {
    this.registry = new DeviceRegistry(options.discoveryPrefix === undefined ? {} : { discoveryPrefix: options.discoveryPrefix });
    this.address = options.url.trim();
  }

  get status(): ConnectionStatus {
    return this.currentStatus;
  }

  /** The discovered entities in the shape the page and the assistant's tools share. */
  entities(): HomeEntity[] {
    const devices = new Map(this.registry.devices().flatMap((device) => device.entityIds.map((id) => [id, device] as const)));
    return this.registry.entities().map(({ config, state, available }) => {
      const device = devices.get(config.id);
      const entity: HomeEntity = {
        id: config.id,
        name: config.displayName,
        domain: config.component,
        state,
        available,
        sensitive: this.registry.sensitivity(config.id) !== undefined,
      };
      if (device?.area !== undefined) entity.area = device.area;
      if (config.device?.name !== undefined) entity.deviceName = config.device.name;
      if (config.deviceClass !== undefined) entity.deviceClass = config.deviceClass;
      if (config.component === 'sensor' && config.unit !== undefined) entity.unit = config.unit;
      if (config.component === 'climate') entity.unit = config.temperatureUnit === 'F' ? '°F' : '°C';
      return entity;
    });
  }

  log(): readonly ConnectionLogEntry[] {
    return this.entries;
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onLog(listener: (entry: ConnectionLogEntry) => void): () => void {
    this.logListeners.add(listener);
    return () => this.logListeners.delete(listener);
  }

  /** Called after every message that changed the registry (devices added, removed, new state). */
  onChange(listener: (change: RegistryChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  connect(): void {
    if (this.client) return;
    this.closing = false;
    const checked = checkBrokerUrl(this.options.url, this.options.pageProtocol);
    if (!checked.ok) {
      this.setStatus({ state: 'blocked', problem: checked.code, message: checked.reason });
      return;
    }
    const clientOptions: IClientOptions = {
      clientId: this.options.clientId ?? `hearth-${Math.random().toString(16).slice(2, 10)}`,
      clean: true,
      reconnectPeriod: 0,
      resubscribe: false,
      connectTimeout: this.options.connectTimeoutMs ?? 10_000,
      protocolVersion: 4,
    };
    if (this.options.username !== undefined) clientOptions.username = this.options.username;
    if (this.options.password !== undefined) clientOptions.password = this.options.password;
    this.setStatus({ state: 'connecting', message: `connecting to ${this.address}` });
    const client = mqtt.connect(checked.url, clientOptions);
    this.client = client;
    client.on('connect', () => this.onConnected());
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
    client.on('error', (error) => this.onError(error as Error & { code?: unknown }));
    client.on('close', () => this.onClosed());
  }

  /** Publishes a command as the entity's discovery declares; refused while not connected, so a
   *  command is never held back and sent minutes later (a door unlocking when nobody expects it). */
  async send(entityId: string, command: DeviceCommand): Promise<SendResult> {
    const plan = this.registry.plan(entityId, command);
    if (!plan.ok) return plan;
    const client = this.client;
    if (!client || this.currentStatus.state !== 'connected') {
      return { ok: false, reason: `not connected to the broker (${this.currentStatus.message})` };
    }
    try {
      for (const publish of plan.publishes) {
        await client.publishAsync(publish.topic, publish.payload, { qos: publish.qos, retain: publish.retain });
      }
    } catch (error) {
      return { ok: false, reason: `the broker did not take the command: ${(error as Error).message}` };
    }
    if (this.registry.assumeSent(entityId, command))
      this.emitChange({ changed: [entityId], removed: [], log: [], subscribe: [], unsubscribe: [] });
    this.addLog({
      level: 'info',
      code: 'command',
      message: `${command.kind} → ${plan.publishes.map((p) => `${p.topic} ${p.payload}`).join(', ')}`,
      entityId,
    });
    return plan;
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    if (client) await client.endAsync(true);
    this.setStatus({ state: 'closed', message: 'disconnected' });
  }

  private onConnected(): void {
    const returning = this.everConnected;
    this.everConnected = true;
    this.attempt = 0;
    this.lastProblem = undefined;
    this.setStatus({ state: 'connected', message: `connected to ${this.address}` });
    this.addLog({
      level: 'info',
      code: returning ? 'reconnected' : 'connected',
      message: returning ? 'connected again; resyncing state' : 'connected',
    });
    // A clean session forgets subscriptions: ask again for everything, and the broker's retained
    // configs, states and availability bring the registry up to date.
    this.pendingUnsubscribe.clear();
    this.pendingSubscribe = new Set(this.registry.subscriptions());
    this.flush();
  }

  private onMessage(topic: string, payload: Uint8Array): void {
    let change: RegistryChange;
    try {
      change = this.registry.handle(topic, payload);
    } catch (error) {
      // The registry is built not to throw; if it ever does, one message must not end the connection.
      this.addLog({ level: 'error', code: 'internal', message: `message not handled: ${(error as Error).message}`, topic });
      return;
    }
    for (const entry of change.log) this.addRegistryLog(entry);
    for (const topicName of change.unsubscribe) {
      if (!this.pendingSubscribe.delete(topicName)) this.pendingUnsubscribe.add(topicName);
    }
    for (const topicName of change.subscribe) {
      if (!this.pendingUnsubscribe.delete(topicName)) this.pendingSubscribe.add(topicName);
    }
    if (change.subscribe.length > 0 || change.unsubscribe.length > 0) this.scheduleFlush();
    if (change.changed.length > 0 || change.removed.length > 0) this.emitChange(change);
  }

  /** Subscriptions are sent in batches: 500 devices announced at once make one SUBSCRIBE, not 1000. */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setTimeout(() => {
      this.flushScheduled = false;
      this.flush();
    }, 0);
  }

  private flush(): void {
    const client = this.client;
    if (!client || !client.connected) return;
    if (this.pendingUnsubscribe.size > 0) {
      client.unsubscribe([...this.pendingUnsubscribe]);
      this.pendingUnsubscribe.clear();
    }
    if (this.pendingSubscribe.size > 0) {
      const topics = [...this.pendingSubscribe];
      this.pendingSubscribe.clear();
      client.subscribe(topics, { qos: 1 }, (error, granted) => {
        if (error) this.addLog({ level: 'warn', code: 'subscribe-failed', message: `subscribing failed: ${error.message}` });
        for (const grant of granted ?? []) {
          if (grant.qos === 128)
            this.addLog({
              level: 'warn',
              code: 'subscribe-refused',
              message: `the broker refused the subscription`,
              topic: grant.topic,
            });
        }
      });
    }
  }

  private onError(error: Error & { code?: unknown }): void {
    const refusal = typeof error.code === 'number' ? refusalFromCode(error.code) : undefined;
    this.lastProblem = refusal ?? { ...transportProblem(error, this.address), retry: true };
    this.addLog({ level: 'warn', code: this.lastProblem.problem, message: `${this.lastProblem.message} (${error.message})` });
  }

  private onClosed(): void {
    if (this.closing || !this.client) return;
    const problem = this.lastProblem;
    this.lastProblem = undefined;
    if (problem && !problem.retry) {
      this.client.end(true);
      this.client = undefined;
      this.setStatus({ state: 'refused', problem: problem.problem, message: problem.message });
      this.addLog({ level: 'error', code: 'refused', message: `${problem.message}; not retrying until the login is changed` });
      return;
    }
    if (this.retryTimer !== undefined) return; // mqtt.js can report one loss twice
    this.attempt += 1;
    const retryInMs = backoffDelay(this.attempt, this.options.backoff ?? DEFAULT_BACKOFF, (this.options.random ?? Math.random)());
    const wasConnected = this.currentStatus.state === 'connected';
    const status: ConnectionStatus = this.everConnected
      ? {
          state: 'reconnecting',
          problem: problem?.problem ?? 'dropped',
          message:
            wasConnected || !problem ? 'the connection to the broker dropped; reconnecting' : `reconnecting: ${problem.message}`,
          attempt: this.attempt,
          retryInMs,
        }
      : {
          state: 'unreachable',
          problem: problem?.problem ?? 'unreachable',
          message: problem?.message ?? transportProblem(undefined, this.address).message,
          attempt: this.attempt,
          retryInMs,
        };
    this.setStatus(status);
    this.addLog({
      level: 'warn',
      code: status.state,
      message: `${status.message}; trying again in ${(retryInMs / 1000).toFixed(1)} s`,
    });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.closing || !this.client) return;
      this.setStatus({ ...this.currentStatus, retryInMs: 0 });
      this.client.reconnect();
    }, retryInMs);
  }

  private setStatus(status: ConnectionStatus): void {
    this.currentStatus = status;
    for (const listener of this.statusListeners) listener(status);
  }

  private addRegistryLog(entry: RegistryLogEntry): void {
    const logged: Omit<ConnectionLogEntry, 'time'> = {
      level: entry.level,
      code: entry.code,
      message: entry.reason,
      topic: entry.topic,
    };
    if (entry.entityId !== undefined) logged.entityId = entry.entityId;
    this.addLog(logged);
  }

  private addLog(entry: Omit<ConnectionLogEntry, 'time'>): void {
    const full: ConnectionLogEntry = { time: Date.now(), ...entry };
    this.entries.push(full);
    if (this.entries.length > LOG_LIMIT) this.entries.splice(0, this.entries.length - LOG_LIMIT);
    for (const listener of this.logListeners) listener(full);
  }

  private emitChange(change: RegistryChange): void {
    for (const listener of this.changeListeners) listener(change);
  }
}
