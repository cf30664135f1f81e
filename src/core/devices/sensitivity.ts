// Which entities may only be acted on after the person confirms: what secures or opens the home.
// Every cover counts (a blind asks once too often rather than a garage door opening unasked), as do
// locks and alarm panels; the person can mark any other entity.

import type { EntityConfig } from './entity-config';

export function builtInSensitivity(entity: EntityConfig): string | undefined {
  switch (entity.component) {
    case 'lock':
      return 'a lock';
    case 'alarm_control_panel':
      return 'an alarm';
    case 'cover':
      if (entity.deviceClass === 'garage') return 'a garage door';
      if (entity.deviceClass === 'gate') return 'a gate';
      if (entity.deviceClass === 'door') return 'a door';
      return 'a cover';
    default:
      return undefined;
  }
}
