// Home Assistant MQTT discovery topics: `<prefix>/<component>/[<node_id>/]<object_id>/config`.

export const DEFAULT_DISCOVERY_PREFIX = 'homeassistant';

export interface DiscoveryTopic {
  component: string;
  nodeId?: string;
  objectId: string;
  /** `<component>/[<node_id>/]<object_id>`: names the entity when its config has no unique_id. */
  key: string;
}

const ID_PART = /^[a-zA-Z0-9_-]+$/;

/** The parts of a discovery topic, or undefined when the topic is not one. */
export function parseDiscoveryTopic(topic: string, prefix = DEFAULT_DISCOVERY_PREFIX): DiscoveryTopic | undefined {
  if (!topic.startsWith(prefix + '/')) return undefined;
  const parts = topic.slice(prefix.length + 1).split('/');
  if (parts.length !== 3 && parts.length !== 4) return undefined;
  if (parts[parts.length - 1] !== 'config') return undefined;
  const ids = parts.slice(0, -1);
  if (!ids.every((part) => ID_PART.test(part))) return undefined;
  const [component, a, b] = ids as [string, string, string | undefined];
  return b === undefined
    ? { component, objectId: a, key: `${component}/${a}` }
    : { component, nodeId: a, objectId: b, key: `${component}/${a}/${b}` };
}

/** The topic filters that receive every discovery config under a prefix. */
export function discoveryFilters(prefix = DEFAULT_DISCOVERY_PREFIX): string[] {
  return [`${prefix}/+/+/config`, `${prefix}/+/+/+/config`];
}
