// A connection's status as one sentence in the person's language. The connector's own message is
// English and names the same thing; the log keeps it.
import type { ConnectionStatus } from '../../../core/devices/connection-status';
import type { ConnectionKind } from '../../../core/devices/connection-origins';
import { td as translate, type DeviceKey } from './strings';
import type { ConnectionNote } from '../../state/home-connections';

// Home Assistant's own words where a broker's would be wrong (a token, not a password).
const HOME_ASSISTANT: Partial<Record<DeviceKey, DeviceKey>> = {
  'devices.status.unreachable': 'devices.ha.status.unreachable',
  'devices.status.timeout': 'devices.ha.status.timeout',
  'devices.problem.bad-credentials': 'devices.ha.problem.bad-credentials',
  'devices.problem.not-authorized': 'devices.ha.problem.bad-credentials',
  'devices.problem.invalid-url': 'devices.ha.problem.invalid-url',
  'devices.problem.mixed-content': 'devices.ha.problem.mixed-content',
  'devices.problem.unreachable': 'devices.ha.status.unreachable',
};

/** `remainingMs`: how long until the next attempt, counted down by the caller. */
export function statusText(
  status: ConnectionStatus | undefined,
  address: string,
  remainingMs: number,
  kind: ConnectionKind = 'mqtt',
): string {
  const t = (key: DeviceKey, vars?: Record<string, string | number>) =>
    translate((kind === 'home-assistant' && HOME_ASSISTANT[key]) || key, vars);
  if (!status) return t('devices.status.idle');
  const seconds = Math.max(0, Math.ceil(remainingMs / 1000));
  const later = status.retryInMs !== undefined && seconds > 0;
  switch (status.state) {
    case 'connected':
      return t('devices.status.connected', { address });
    case 'connecting':
      return t('devices.status.connecting', { address });
    case 'reconnecting':
      return later ? t('devices.status.reconnecting', { seconds }) : t('devices.status.reconnectingNow');
    case 'unreachable': {
      const why = status.problem === 'timeout' ? 'devices.status.timeout' : 'devices.status.unreachable';
      const when = later ? t('devices.status.retryIn', { seconds }) : t('devices.status.retryNow');
      return `${t(why, { address })} ${when}`;
    }
    case 'refused':
    case 'blocked': {
      const key = `devices.problem.${status.problem ?? 'protocol'}` as DeviceKey;
      return t(key, { address });
    }
    case 'closed':
      return t('devices.status.closed');
    default:
      return t('devices.status.idle');
  }
}

export function noteText(note: ConnectionNote): string {
  const t = translate;
  switch (note.kind) {
    case 'policy-reloading':
      return t('devices.note.policyReloading', { origin: note.origin });
    case 'policy-blocked':
      return t('devices.note.policyBlocked', { origin: note.origin });
    case 'unsupported':
      return t('devices.note.unsupported', { reason: note.reason });
    case 'failed':
      return t('devices.note.failed', { reason: note.reason });
  }
}
