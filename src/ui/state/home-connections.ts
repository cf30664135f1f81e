// The person's saved home connections: kept sealed in the vault (platform/home-connection-store),
// admitted by the page's security policy (settings.deviceOrigins, which the service worker writes
// into connect-src), and connected again on every start so the assistant can act without Devices
// being opened. The connectors (mqtt.js, home-assistant-js-websocket) are loaded by dynamic import
// only once a connection exists: a page with none loads neither, nor opens the vault for them.
import { signal } from '@preact/signals';
import type { HomeConnection, HomeLogEntry } from '../../connectors/home-connection';
import { checkBrokerUrl } from '../../core/devices/broker-url';
import { checkHomeAssistantUrl } from '../../core/devices/ha-url';
import { connectionOrigins, deviceOriginsAfter, type ConnectionKind } from '../../core/devices/connection-origins';
import { pageBlocks, reloadIfPolicyIsStale, reloadWithCurrentPolicy } from '../../platform/page-policy';
import { HomeConnectionStore, savedConnectionCount, type SavedConnection } from '../../platform/home-connection-store';
import { heldConnection, holdConnection, releaseConnection } from './home-devices';
import { MarkedConnection } from '../../connectors/marked-connection';
import { settings, settingsLoaded, updateSettings } from './settings';
import { chatStores, startVault, vaultState } from './vault';

/** A saved connection as the view sees it: never its secret. */
export interface ConnectionSummary {
  id: string;
  kind: ConnectionKind;
  name: string;
  url: string;
  username: string;
  hasSecret: boolean;
  sensitive: readonly string[];
}

/** Why a saved connection is not connecting, when it is not the connection's own status. */
export type ConnectionNote =
  | { kind: 'policy-reloading'; origin: string }
  | { kind: 'policy-blocked'; origin: string }
  | { kind: 'unsupported'; reason: string }
  | { kind: 'failed'; reason: string };

export type ConnectionsState = { state: 'idle' | 'loading' | 'ready' } | { state: 'error'; message: string };

export const connectionsState = signal<ConnectionsState>({ state: 'idle' });
export const savedConnections = signal<readonly ConnectionSummary[]>([]);
export const connectionNotes = signal<ReadonlyMap<string, ConnectionNote>>(new Map());
/** Each connection's log, newest first, at most LOG_SHOWN entries. */
export const connectionLogs = signal<ReadonlyMap<string, readonly HomeLogEntry[]>>(new Map());
/** Connections that failed to open (damaged records) are named so the person can remove them. */
export const damagedConnections = signal<readonly string[]>([]);

export const LOG_SHOWN = 200;
/** Kinds this build can connect. */
export const SUPPORTED_KINDS: readonly ConnectionKind[] = ['mqtt', 'home-assistant'];
const POLICY_RELOAD_MARK = 'hearth-devices-policy-reload';

const saved = new Map<string, SavedConnection>();
const marked = new Map<string, MarkedConnection>();
const stopLogs = new Map<string, () => void>();
let store: Promise<HomeConnectionStore> | null = null;
let loading: Promise<void> | null = null;

const summary = (c: SavedConnection): ConnectionSummary => ({
  id: c.id,
  kind: c.kind,
  name: c.name,
  url: c.url,
  username: c.username,
  hasSecret: c.secret !== '',
  sensitive: c.sensitive,
});

function publishList(): void {
  savedConnections.value = [...saved.values()].sort((a, b) => a.createdAt - b.createdAt).map(summary);
}

function setNote(id: string, note: ConnectionNote | undefined): void {
  const next = new Map(connectionNotes.value);
  if (note) next.set(id, note);
  else next.delete(id);
  connectionNotes.value = next;
}

function openStore(): Promise<HomeConnectionStore> {
  return (store ??= (async () => {
    void startVault();
    // Waits through a locked vault: the connections come up once the passphrase is given in Talk.
    const { vault } = await chatStores();
    return HomeConnectionStore.open(vault);
  })());
}

// A passphrase set or removed in Settings: reseal at once rather than at the next start.
let passphraseBefore: boolean | undefined;
vaultState.subscribe((state) => {
  if (state.state !== 'ready') return;
  if (store && passphraseBefore !== undefined && passphraseBefore !== state.passphrase)
    void store.then((opened) => opened.reseal()).catch(() => undefined);
  passphraseBefore = state.passphrase;
});

/** Connects every saved connection, once per page; later calls return the same promise. Without any
 *  saved connection it neither opens the vault nor loads a connector. The Devices view calls
 *  loadConnections() instead, which also opens the store when nothing is saved yet. */
export function startSavedConnections(): Promise<void> {
  if (loading) return loading;
  return savedConnectionCount()
    .catch(() => 0)
    .then((count) => (count > 0 ? loadConnections() : undefined));
}

/** Opens the store, lists the saved connections and connects them (once per page). */
export function loadConnections(): Promise<void> {
  return (loading ??= (async () => {
    connectionsState.value = { state: 'loading' };
    try {
      const opened = await openStore();
      const listing = await opened.list();
      // Records sealed before a passphrase change move to the current secret (nothing to do mostly).
      void opened.reseal().catch(() => undefined);
      for (const connection of listing.connections) saved.set(connection.id, connection);
      damagedConnections.value = listing.damagedIds;
      publishList();
      connectionsState.value = { state: 'ready' };
      await settingsLoaded.catch(() => undefined);
      await Promise.all(listing.connections.map((connection) => connectSaved(connection)));
    } catch (e) {
      connectionsState.value = { state: 'error', message: e instanceof Error ? e.message : String(e) };
    }
  })());
}

/** The address the connector opens, for the policy check (Home Assistant's socket is ws(s)). */
function socketUrl(connection: SavedConnection): string {
  if (connection.kind === 'mqtt') return connection.url.trim();
  const checked = checkHomeAssistantUrl(connection.url);
  return checked.ok ? checked.wsUrl : connection.url.trim();
}

/** Why this page cannot reach `url` (not a broker or Home Assistant address, mixed content), if so. */
function addressProblem(kind: ConnectionKind, url: string): string | undefined {
  const checked = kind === 'mqtt' ? checkBrokerUrl(url, location.protocol) : checkHomeAssistantUrl(url, location.protocol);
  return checked.ok ? undefined : checked.reason;
}

async function connectSaved(connection: SavedConnection): Promise<void> {
  const { id } = connection;
  const origins = connectionOrigins(connection.kind, connection.url);
  if (!origins.ok) return setNote(id, { kind: 'failed', reason: origins.reason });
  if (!SUPPORTED_KINDS.includes(connection.kind))
    return setNote(id, { kind: 'unsupported', reason: `${connection.kind} connections are not available in this version` });
  // A settings record that lost the origins (restored, edited elsewhere) is repaired first, so the
  // service worker's next policy names them.
  const have = settings.value.deviceOrigins;
  if (origins.origins.some((o) => !have.includes(o)))
    await updateSettings({ deviceOrigins: deviceOriginsAfter(have, [], [origins.origins]) });
  const url = socketUrl(connection);
  if (pageBlocks(url)) {
    const origin = new URL(url).origin;
    // Loaded past the service worker (a hard reload, the first visit): load again through it.
    if (await reloadIfPolicyIsStale(url, POLICY_RELOAD_MARK).catch(() => false))
      return setNote(id, { kind: 'policy-reloading', origin });
    return setNote(id, { kind: 'policy-blocked', origin });
  }
  let inner: HomeConnection;
  try {
    inner = await makeConnection(connection);
  } catch (e) {
    return setNote(id, { kind: 'failed', reason: e instanceof Error ? e.message : String(e) });
  }
  if (saved.get(id) !== connection) {
    // Edited or removed while the connector loaded.
    await inner.close();
    return;
  }
  setNote(id, undefined);
  const wrapped = new MarkedConnection(inner, connection.sensitive);
  marked.set(id, wrapped);
  followLog(id, wrapped);
  holdConnection(id, wrapped);
  wrapped.connect();
}

async function makeConnection(connection: SavedConnection): Promise<HomeConnection> {
  if (connection.kind === 'home-assistant') {
    const { HomeAssistantConnection } = await import('../../connectors/home-assistant-connection');
    return new HomeAssistantConnection({ url: connection.url.trim(), token: connection.secret, pageProtocol: location.protocol });
  }
  const { MqttConnection } = await import('../../connectors/mqtt-connection');
  const options: ConstructorParameters<typeof MqttConnection>[0] = {
    url: connection.url.trim(),
    pageProtocol: location.protocol,
  };
  if (connection.username !== '') options.username = connection.username;
  if (connection.secret !== '') options.password = connection.secret;
  return new MqttConnection(options);
}

function followLog(id: string, connection: HomeConnection): void {
  stopLogs.get(id)?.();
  let scheduled = false;
  const publish = () => {
    scheduled = false;
    const entries = connection.log();
    const next = new Map(connectionLogs.value);
    next.set(id, entries.slice(-LOG_SHOWN).reverse());
    connectionLogs.value = next;
  };
  // A burst (hundreds of devices announced at once) re-renders the log once, not per line.
  const off = connection.onLog(() => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(publish, 100);
  });
  stopLogs.set(id, off);
  publish();
}

async function disconnect(id: string): Promise<void> {
  stopLogs.get(id)?.();
  stopLogs.delete(id);
  marked.delete(id);
  setNote(id, undefined);
  await releaseConnection(id);
}

export interface ConnectionDraft {
  /** Absent for a new connection. */
  id?: string;
  kind: ConnectionKind;
  name: string;
  url: string;
  username: string;
  /** undefined keeps the stored secret (editing without retyping it). */
  secret?: string;
}

export type SaveOutcome = { ok: true; id: string; reloading: boolean } | { ok: false; reason: string };

/** Checks, seals and stores a connection, admits its origin, and connects it: at once when the page's
 *  policy already admits the address, else after a reload through the service worker. */
export async function saveConnection(draft: ConnectionDraft): Promise<SaveOutcome> {
  const url = draft.url.trim();
  if (!SUPPORTED_KINDS.includes(draft.kind)) return { ok: false, reason: `${draft.kind} connections are not available yet` };
  const origins = connectionOrigins(draft.kind, url);
  if (!origins.ok) return { ok: false, reason: origins.reason };
  const problem = addressProblem(draft.kind, url);
  if (problem !== undefined) return { ok: false, reason: problem };
  if (draft.kind === 'home-assistant' && !draft.id && !draft.secret?.trim())
    return { ok: false, reason: 'Home Assistant needs a long-lived access token (your profile → Security)' };
  await loadConnections();
  const opened = await openStore();
  const previous = draft.id === undefined ? undefined : saved.get(draft.id);
  const connection: SavedConnection = {
    id: previous?.id ?? crypto.randomUUID(),
    kind: draft.kind,
    name: draft.name.trim() || new URL(url).host,
    url,
    username: draft.username.trim(),
    secret: draft.secret ?? previous?.secret ?? '',
    sensitive: previous?.sensitive ?? [],
    createdAt: previous?.createdAt ?? Date.now(),
  };
  const originsBefore = [...saved.values()].map((c) => originsOf(c));
  await opened.save(connection);
  saved.set(connection.id, connection);
  publishList();
  await updateSettings({
    deviceOrigins: deviceOriginsAfter(settings.value.deviceOrigins, originsBefore, [...saved.values()].map(originsOf)),
  });
  await disconnect(connection.id);
  if (pageBlocks(socketUrl(connection))) {
    const origin = new URL(socketUrl(connection)).origin;
    setNote(connection.id, { kind: 'policy-reloading', origin });
    // The service worker writes the policy from the settings just saved; the connection comes up
    // by itself after the reload (startSavedConnections).
    if (await reloadWithCurrentPolicy().catch(() => false)) return { ok: true, id: connection.id, reloading: true };
    setNote(connection.id, { kind: 'policy-blocked', origin });
    return { ok: true, id: connection.id, reloading: false };
  }
  await connectSaved(connection);
  return { ok: true, id: connection.id, reloading: false };
}

function originsOf(connection: SavedConnection): string[] {
  const checked = connectionOrigins(connection.kind, connection.url);
  return checked.ok ? checked.origins : [];
}

/** Disconnects, forgets the connection and its sealed secret, and takes its origins out of the
 *  policy unless another connection still needs them. */
export async function removeConnection(id: string): Promise<void> {
  const opened = await openStore();
  const originsBefore = [...saved.values()].map(originsOf);
  await disconnect(id);
  await opened.remove(id);
  saved.delete(id);
  damagedConnections.value = damagedConnections.value.filter((d) => d !== id);
  const logs = new Map(connectionLogs.value);
  logs.delete(id);
  connectionLogs.value = logs;
  publishList();
  await updateSettings({
    deviceOrigins: deviceOriginsAfter(settings.value.deviceOrigins, originsBefore, [...saved.values()].map(originsOf)),
  });
}

/** Tries a connection again now (after the broker was fixed, or a refused login). */
export async function reconnect(id: string): Promise<void> {
  const connection = saved.get(id);
  if (!connection) return;
  await disconnect(id);
  await connectSaved(connection);
}

/** Marks an entity (by its id inside its connection) as asking before acting, or not; kept sealed
 *  with the connection. Built-in sensitive kinds (locks, covers, alarms) always ask. */
export async function setMarkedSensitive(connectionId: string, entityId: string, on: boolean): Promise<void> {
  const connection = saved.get(connectionId);
  if (!connection) return;
  const rest = connection.sensitive.filter((id) => id !== entityId);
  const next: SavedConnection = { ...connection, sensitive: on ? [...rest, entityId] : rest };
  await (await openStore()).save(next);
  saved.set(connectionId, next);
  publishList();
  marked.get(connectionId)?.setMarks(next.sensitive);
}

/** Whether the page holds a live connector for this saved connection. */
export function isConnected(id: string): boolean {
  return heldConnection(id) !== undefined;
}
