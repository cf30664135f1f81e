// What every home-device connection offers the page, whatever speaks to the devices underneath
// (an MQTT broker with Home Assistant discovery, or Home Assistant's WebSocket API): live
// entities in one shape, a status a person can act on, a log, and commands. The Devices view and
// the assistant's device tools see only this, so either kind of connection works with both.
import type { ConnectionStatus } from '../core/devices/connection-status';
import type { DeviceCommand } from '../core/devices/device-command';
import type { EntityState } from '../core/devices/entity-state';
import type { DeviceDomain } from '../core/intent/intent-types';

export type HomeConnectionKind = 'mqtt' | 'home-assistant';

export interface HomeEntity {
  /** Unique within its connection; the page prefixes the connection id to make it unique overall. */
  id: string;
  name: string;
  /** The component (Home Assistant's domain); kinds the app cannot control are shown read-only. */
  domain: DeviceDomain | (string & {});
  area?: string;
  /** The device the entity belongs to, when the source groups entities into devices. */
  deviceName?: string;
  /** Home Assistant's device_class (temperature, door, garage…). */
  deviceClass?: string;
  /** Unit of a sensor's reading. */
  unit?: string;
  state: EntityState;
  available: boolean;
  /** Locks, alarms, covers, garage doors, or one the person marked: asks before acting. */
  sensitive: boolean;
}

export interface HomeLogEntry {
  time: number;
  level: 'info' | 'warn' | 'error';
  /** A registry code (discovered, malformed-json…) or a connection event (connected, refused…). */
  code: string;
  message: string;
  topic?: string;
  entityId?: string;
}

export type HomeSendResult = { ok: true } | { ok: false; reason: string };

export interface HomeConnection {
  readonly kind: HomeConnectionKind;
  readonly status: ConnectionStatus;
  entities(): readonly HomeEntity[];
  log(): readonly HomeLogEntry[];
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  onLog(listener: (entry: HomeLogEntry) => void): () => void;
  /** Entities added, changed (state, availability, name, area) or removed. */
  onChange(listener: (change: { changed: string[]; removed: string[] }) => void): () => void;
  connect(): void;
  send(entityId: string, command: DeviceCommand): Promise<HomeSendResult>;
  close(): Promise<void>;
}
