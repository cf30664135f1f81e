// One connection to Home Assistant's WebSocket API with home-assistant-js-websocket and a
// long-lived access token: entities with their areas (registries, then subscribe_entities, or
// get_states + state_changed on servers older than 2022.4), live state, and device commands as
// service calls. The library does the protocol (ids, results, subscriptions); reconnecting is done
// here with backoff, because the library's fixed schedule cannot say when it tries next and the
// status must. A refused token stops the retries: repeating it helps nobody.
import {
  callService,
  createConnection,
  createLongLivedTokenAuth,
  getStates,
  type Connection,
  type HassEvent,
  type MessageBase,
} from 'home-assistant-js-websocket';
import {
  backoffDelay,
  DEFAULT_BACKOFF,
  type Backoff,
  type ConnectionProblem,
  type ConnectionStatus,
} from '../core/devices/connection-status';
import type { DeviceCommand } from '../core/devices/device-command';
import { entityView, emptyRegistries, readRegistries, type HaRegistries } from '../core/devices/ha-registry';
import { describeHaError, planServiceCall } from '../core/devices/ha-service';
import { hasSubscribeEntities, HaStates, type HaProblem, type HaStatesChange } from '../core/devices/ha-state';
import { checkHomeAssistantUrl } from '../core/devices/ha-url';
import { HaSocketError, openHaSocket, type WebSocketConstructor } from './ha-socket';
import type { HomeConnection, HomeEntity, HomeLogEntry, HomeSendResult } from './home-connection';

export interface HomeAssistantConnectionOptions {
  /** Home Assistant's address (http://homeassistant.local:8123) or its socket (ws://…/api/websocket). */
  url: string;
  /** A long-lived access token (Home Assistant → profile → security). */
  token: string;
  /** The page's `location.protocol`, to refuse an unencrypted address from an https page before the browser does. */
  pageProtocol?: string;
  backoff?: Backoff;
  /** Jitter source for the backoff; a fixed value makes delays predictable. */
  random?: () => number;
  /** How long an attempt may take until Home Assistant accepts the token. */
  connectTimeoutMs?: number;
  /** How long a service call may go unanswered before send() gives up on knowing its outcome. */
  answerTimeoutMs?: number;
  /** Only where there is no global WebSocket (Node 20): ws's class. */
  webSocket?: WebSocketConstructor;
}

class NoAnswer extends Error {}

/** How many log entries are kept; older ones drop off. */
export const LOG_LIMIT = 1000;

const REGISTRY_COMMANDS = ['config/area_registry/list', 'config/device_registry/list', 'config/entity_registry/list'] as const;
const REGISTRY_EVENTS = ['area_registry_updated', 'device_registry_updated', 'entity_registry_updated'] as const;

export class HomeAssistantConnection implements HomeConnection {
  readonly kind = 'home-assistant' as const;
  private connection: Connection | undefined;
  private currentStatus: ConnectionStatus = { state: 'idle', message: 'not connected' };
  private readonly entries: HomeLogEntry[] = [];
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private readonly logListeners = new Set<(entry: HomeLogEntry) => void>();
  private readonly changeListeners = new Set<(change: { changed: string[]; removed: string[] }) => void>();
  private readonly states = new HaStates();
  private registries: HaRegistries = emptyRegistries();
  private readonly views = new Map<string, HomeEntity>();
  /** Bumped on every attempt and on close, so callbacks of an older socket are ignored. */
  private session = 0;
  private active = false;
  private attempt = 0;
  private everConnected = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private registryReload: ReturnType<typeof setTimeout> | undefined;
  private readonly address: string;

  constructor(private readonly options: HomeAssistantConnectionOptions) {
    this.address = options.url.trim();
  }

  get status(): ConnectionStatus {
    return this.currentStatus;
  }

  entities(): readonly HomeEntity[] {
    return [...this.views.values()];
  }

  log(): readonly HomeLogEntry[] {
    return this.entries;
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onLog(listener: (entry: HomeLogEntry) => void): () => void {
    this.logListeners.add(listener);
    return () => this.logListeners.delete(listener);
  }

  onChange(listener: (change: { changed: string[]; removed: string[] }) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  connect(): void {
    if (this.active) return;
    const checked = checkHomeAssistantUrl(this.options.url, this.options.pageProtocol);
    if (!checked.ok) {
      this.setStatus({ state: 'blocked', problem: checked.code, message: checked.reason });
      this.addLog({ level: 'error', code: 'blocked', message: checked.reason });
      return;
    }
    if (this.options.token.trim() === '') {
      const message = 'no access token: create a long-lived access token in your Home Assistant profile and paste it here';
      this.setStatus({ state: 'refused', problem: 'bad-credentials', message });
      this.addLog({ level: 'error', code: 'refused', message });
      return;
    }
    this.active = true;
    this.setStatus({ state: 'connecting', message: `connecting to Home Assistant at ${this.address}` });
    this.open(checked.baseUrl, checked.wsUrl);
  }

  /** Calls the service for the command; refused while not connected, so a command is never held
   *  back and run minutes later (a door unlocking when nobody expects it). */
  async send(entityId: string, command: DeviceCommand): Promise<HomeSendResult> {
    const state = this.states.get(entityId);
    if (!state) {
      const reason = `Home Assistant has no entity ${entityId}`;
      this.addLog({ level: 'warn', code: 'unknown-entity', message: reason, entityId });
      return { ok: false, reason };
    }
    const name = this.views.get(entityId)?.name ?? entityId;
    const plan = planServiceCall(state, command, name);
    if (!plan.ok) return plan;
    const connection = this.connection;
    if (!connection || this.currentStatus.state !== 'connected') {
      return { ok: false, reason: `not connected to Home Assistant (${this.currentStatus.message})` };
    }
    const { domain, service, serviceData } = plan.call;
    const what = `${domain}.${service} for ${name}`;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const answerMs = this.options.answerTimeoutMs ?? 15_000;
    const noAnswer = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new NoAnswer()), answerMs);
    });
    try {
      await Promise.race([callService(connection, domain, service, serviceData, { entity_id: entityId }), noAnswer]);
    } catch (error) {
      const reason =
        error instanceof NoAnswer
          ? `Home Assistant did not answer ${what} within ${(answerMs / 1000).toFixed(answerMs % 1000 === 0 ? 0 : 1)} s; check whether it ran`
          : describeHaError(error, what);
      this.addLog({ level: 'error', code: 'service-failed', message: reason, entityId });
      return { ok: false, reason };
    } finally {
      clearTimeout(timer);
    }
    const data = Object.keys(serviceData).length > 0 ? ` ${JSON.stringify(serviceData)}` : '';
    this.addLog({ level: 'info', code: 'command', message: `${command.kind} → ${domain}.${service}${data}`, entityId });
    return { ok: true };
  }

  async close(): Promise<void> {
    this.active = false;
    this.session += 1;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    clearTimeout(this.registryReload);
    this.registryReload = undefined;
    const connection = this.connection;
    this.connection = undefined;
    connection?.close();
    this.setStatus({ state: 'closed', message: 'disconnected' });
  }

  private open(baseUrl: string, wsUrl: string): void {
    const session = ++this.session;
    const { token, webSocket, connectTimeoutMs } = this.options;
    createConnection({
      auth: createLongLivedTokenAuth(baseUrl, token),
      setupRetry: 0,
      createSocket: () =>
        openHaSocket({
          wsUrl,
          token,
          timeoutMs: connectTimeoutMs ?? 10_000,
          ...(webSocket ? { webSocket } : {}),
          onMalformed: (reason) => {
            if (session === this.session) this.addLog({ level: 'warn', code: 'malformed-message', message: reason });
          },
        }),
    }).then(
      (connection) => {
        if (session !== this.session) connection.close();
        else this.onConnected(connection, session, baseUrl, wsUrl);
      },
      (error: unknown) => {
        if (session === this.session) this.onFailed(error, baseUrl, wsUrl);
      },
    );
  }

  private onConnected(connection: Connection, session: number, baseUrl: string, wsUrl: string): void {
    const returning = this.everConnected;
    this.connection = connection;
    this.everConnected = true;
    this.attempt = 0;
    this.setStatus({ state: 'connected', message: `connected to Home Assistant ${connection.haVersion} at ${this.address}` });
    this.addLog({
      level: 'info',
      code: returning ? 'reconnected' : 'connected',
      message: returning ? 'connected again; fetching every state anew' : `connected to Home Assistant ${connection.haVersion}`,
    });
    connection.addEventListener('disconnected', () => {
      if (session !== this.session) return;
      // The library would reconnect on its own schedule; this connection does it with its backoff.
      connection.close();
      this.connection = undefined;
      this.retry('dropped', 'the connection to Home Assistant dropped', baseUrl, wsUrl);
    });
    void this.sync(connection, session);
  }

  /** Registries first, so the first entities already carry their areas; then the live states. The
   *  first state message after a (re)connect holds every entity: anything else is gone. */
  private async sync(connection: Connection, session: number): Promise<void> {
    await this.loadRegistries(connection, session);
    if (session !== this.session) return;
    // A room renamed or an entity moved in Home Assistant's settings: the lists are read again.
    for (const eventType of REGISTRY_EVENTS) {
      connection
        .subscribeEvents(() => this.scheduleRegistryReload(connection, session), eventType)
        .catch((error: unknown) => {
          if (session === this.session)
            this.addLog({ level: 'warn', code: 'subscribe-failed', message: describeHaError(error, eventType) });
        });
    }
    let first = true;
    const apply = (change: () => HaStatesChange) => {
      if (session !== this.session) return;
      try {
        this.applyStates(change(), first);
      } catch (error) {
        // The readers are built not to throw; if one ever does, one message must not end the connection.
        this.addLog({
          level: 'error',
          code: 'internal',
          message: `a state message was not handled: ${(error as Error).message}`,
        });
      }
      first = false;
    };
    try {
      if (hasSubscribeEntities(connection.haVersion)) {
        await connection.subscribeMessage<unknown>(
          (event) => apply(() => this.states.applyCompressed(event, { replace: first })),
          { type: 'subscribe_entities' } as MessageBase,
          { resubscribe: false },
        );
      } else {
        first = false;
        await connection.subscribeEvents<HassEvent>(
          (event) => apply(() => this.states.applyStateChanged(event?.data)),
          'state_changed',
        );
        const all = await getStates(connection);
        first = true;
        apply(() => this.states.replaceAll(all));
      }
    } catch (error) {
      if (session === this.session)
        this.addLog({ level: 'error', code: 'subscribe-failed', message: describeHaError(error, 'the state subscription') });
    }
  }

  private async loadRegistries(connection: Connection, session: number): Promise<void> {
    const lists = await Promise.all(
      REGISTRY_COMMANDS.map((type) =>
        connection.sendMessagePromise<unknown>({ type } as MessageBase).catch((error: unknown) => {
          if (session === this.session)
            this.addLog({
              level: 'warn',
              code: 'registry-failed',
              message: `${type}: ${describeHaError(error, type)}; entities are shown without areas`,
            });
          return [];
        }),
      ),
    );
    if (session !== this.session) return;
    const { registries, problems } = readRegistries(lists[0], lists[1], lists[2]);
    this.registries = registries;
    this.logProblems(problems, 'malformed-registry');
  }

  /** One reload for a burst of registry events (a device moved brings one event per entity). */
  private scheduleRegistryReload(connection: Connection, session: number): void {
    if (this.registryReload) return;
    this.registryReload = setTimeout(() => {
      this.registryReload = undefined;
      if (session !== this.session) return;
      void this.loadRegistries(connection, session).then(() => {
        if (session !== this.session) return;
        const changed: string[] = [];
        for (const state of this.states.all()) {
          const before = this.views.get(state.entityId);
          const after = entityView(state, this.registries);
          this.views.set(state.entityId, after);
          if (
            before?.area !== after.area ||
            before?.name !== after.name ||
            before?.deviceName !== after.deviceName ||
            before?.deviceClass !== after.deviceClass
          )
            changed.push(state.entityId);
        }
        this.addLog({
          level: 'info',
          code: 'registries',
          message: `areas and devices read again; ${changed.length} entities changed`,
        });
        if (changed.length > 0) this.emitChange({ changed, removed: [] });
      });
    }, 50);
  }

  private applyStates(change: HaStatesChange, first: boolean): void {
    this.logProblems(change.problems, 'malformed-state');
    for (const id of change.removed) this.views.delete(id);
    for (const id of change.changed) {
      const state = this.states.get(id);
      if (state) this.views.set(id, entityView(state, this.registries));
    }
    if (first) this.addLog({ level: 'info', code: 'synced', message: `${this.states.size} entities from Home Assistant` });
    if (change.changed.length > 0 || change.removed.length > 0)
      this.emitChange({ changed: change.changed, removed: change.removed });
  }

  private onFailed(error: unknown, baseUrl: string, wsUrl: string): void {
    const failure = error instanceof HaSocketError ? error.failure : undefined;
    if (failure?.kind === 'auth-invalid') {
      this.active = false;
      const message = `Home Assistant refused the access token (${failure.message}): create a new long-lived access token in your Home Assistant profile and paste it here`;
      this.setStatus({ state: 'refused', problem: 'bad-credentials', message });
      this.addLog({ level: 'error', code: 'refused', message: `${message}; not retrying until the token is changed` });
      return;
    }
    if (failure?.kind === 'timeout') {
      this.retry('timeout', `no answer from ${this.address} in time: is it Home Assistant's address and port?`, baseUrl, wsUrl);
    } else if (failure?.kind === 'not-home-assistant') {
      this.retry(
        'protocol',
        `something answers at ${this.address}, but not Home Assistant's WebSocket API (${failure.detail})`,
        baseUrl,
        wsUrl,
      );
    } else {
      const detail = failure ? '' : ` (${String(error)})`;
      this.retry(
        'unreachable',
        `cannot reach Home Assistant at ${this.address}${detail}: check the address and port, and that Home Assistant runs`,
        baseUrl,
        wsUrl,
      );
    }
  }

  private retry(problem: ConnectionProblem, message: string, baseUrl: string, wsUrl: string): void {
    if (!this.active) return;
    this.attempt += 1;
    const retryInMs = backoffDelay(this.attempt, this.options.backoff ?? DEFAULT_BACKOFF, (this.options.random ?? Math.random)());
    const status: ConnectionStatus = {
      state: this.everConnected ? 'reconnecting' : 'unreachable',
      problem,
      message:
        this.everConnected && problem !== 'dropped'
          ? `reconnecting: ${message}`
          : this.everConnected
            ? `${message}; reconnecting`
            : message,
      attempt: this.attempt,
      retryInMs,
    };
    this.setStatus(status);
    this.addLog({
      level: 'warn',
      code: status.state,
      message: `${status.message}; trying again in ${(retryInMs / 1000).toFixed(1)} s`,
    });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.active) return;
      this.setStatus({ ...this.currentStatus, retryInMs: 0 });
      this.open(baseUrl, wsUrl);
    }, retryInMs);
  }

  private logProblems(problems: HaProblem[], code: string): void {
    for (const problem of problems) {
      const entry: Omit<HomeLogEntry, 'time'> = { level: 'warn', code, message: `skipped: ${problem.reason}` };
      if (problem.entityId !== undefined) entry.entityId = problem.entityId;
      this.addLog(entry);
    }
  }

  private setStatus(status: ConnectionStatus): void {
    this.currentStatus = status;
    for (const listener of this.statusListeners) listener(status);
  }

  private addLog(entry: Omit<HomeLogEntry, 'time'>): void {
    const full: HomeLogEntry = { time: Date.now(), ...entry };
    this.entries.push(full);
    if (this.entries.length > LOG_LIMIT) this.entries.splice(0, this.entries.length - LOG_LIMIT);
    for (const listener of this.logListeners) listener(full);
  }

  private emitChange(change: { changed: string[]; removed: string[] }): void {
    for (const listener of this.changeListeners) listener(change);
  }
}
