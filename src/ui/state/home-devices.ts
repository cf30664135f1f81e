// The home-device connections this page holds and the entities they bring, as signals: the Devices
// view shows them, the assistant's device tools read and command them. Entity ids are made unique
// across connections here ("<connection id>/<entity id>"), so two brokers may both have a
// "kitchen_light" without either shadowing the other.
import { computed, signal } from '@preact/signals';
import type { HomeConnection, HomeEntity, HomeSendResult } from '../../connectors/home-connection';
import type { ConnectionStatus } from '../../core/devices/connection-status';
import type { DeviceCommand } from '../../core/devices/device-command';

export interface PageEntity extends HomeEntity {
  connectionId: string;
  /** The id inside its connection. */
  localId: string;
}

interface Held {
  connection: HomeConnection;
  stop: () => void;
}

const held = new Map<string, Held>();
const statuses = signal<ReadonlyMap<string, ConnectionStatus>>(new Map());
const entityLists = signal<ReadonlyMap<string, readonly PageEntity[]>>(new Map());

export const connectionStatuses = computed(() => statuses.value);
export const homeEntities = computed<readonly PageEntity[]>(() => [...entityLists.value.values()].flat());

const SEPARATOR = '/';

function pageEntities(connectionId: string, connection: HomeConnection): PageEntity[] {
  return connection.entities().map((e) => ({ ...e, id: `${connectionId}${SEPARATOR}${e.id}`, localId: e.id, connectionId }));
}

function setIn<V>(map: ReadonlyMap<string, V>, key: string, value: V | undefined): Map<string, V> {
  const next = new Map(map);
  if (value === undefined) next.delete(key);
  else next.set(key, value);
  return next;
}

/** Holds a connection under `connectionId` (replacing one held there) and follows it. */
export function holdConnection(connectionId: string, connection: HomeConnection): void {
  void releaseConnection(connectionId);
  const refresh = (): void => {
    entityLists.value = setIn(entityLists.value, connectionId, pageEntities(connectionId, connection));
  };
  const offStatus = connection.onStatus((status) => {
    statuses.value = setIn(statuses.value, connectionId, status);
  });
  const offChange = connection.onChange(refresh);
  held.set(connectionId, {
    connection,
    stop: () => {
      offStatus();
      offChange();
    },
  });
  statuses.value = setIn(statuses.value, connectionId, connection.status);
  refresh();
}

export function heldConnection(connectionId: string): HomeConnection | undefined {
  return held.get(connectionId)?.connection;
}

/** Stops following a connection, closes it and forgets its entities. */
export async function releaseConnection(connectionId: string): Promise<void> {
  const entry = held.get(connectionId);
  if (!entry) return;
  held.delete(connectionId);
  entry.stop();
  statuses.value = setIn(statuses.value, connectionId, undefined);
  entityLists.value = setIn(entityLists.value, connectionId, undefined);
  await entry.connection.close();
}

/** Sends a command to an entity by its page id. */
export async function sendHomeCommand(entityId: string, command: DeviceCommand): Promise<HomeSendResult> {
  const entity = homeEntities.value.find((e) => e.id === entityId);
  const connection = entity && held.get(entity.connectionId)?.connection;
  if (!entity || !connection) return { ok: false, reason: `No device "${entityId}" is connected.` };
  return connection.send(entity.localId, command);
}
