// The bench's "direct" MQTT path: mqtt.js called on the app's page with no app code in between, so
// a command typed in Talk can be set against a bare publish to the same broker from the same page.
// Loaded by dynamic import once the app's saved connection has put the broker into connect-src.
import mqtt, { type MqttClient } from 'mqtt';

let client: MqttClient | undefined;

export async function connect(url: string, username: string, password: string): Promise<void> {
  client = await mqtt.connectAsync(url, { username, password, reconnectPeriod: 0 });
}

/** QoS 0 like the app's command for a device whose discovery declares none. */
export async function publish(topic: string, payload: string): Promise<void> {
  if (!client) throw new Error('connect first');
  await client.publishAsync(topic, payload, { qos: 0 });
}

/** Subscribes to the discovery prefix and resolves with the ms from subscribing until `count`
 *  retained config messages have arrived: the bare cost of receiving a home's discovery. */
export async function receiveConfigs(prefix: string, count: number): Promise<number> {
  if (!client) throw new Error('connect first');
  const on = client;
  const started = performance.now();
  const seen = new Set<string>();
  const done = new Promise<number>((resolve) => {
    const onMessage = (topic: string) => {
      if (!topic.endsWith('/config')) return;
      seen.add(topic);
      if (seen.size < count) return;
      on.off('message', onMessage);
      resolve(performance.now() - started);
    };
    on.on('message', onMessage);
  });
  await on.subscribeAsync(`${prefix}/#`, { qos: 0 });
  const ms = await done;
  await on.unsubscribeAsync(`${prefix}/#`);
  return ms;
}

export async function end(): Promise<void> {
  await client?.endAsync(true);
  client = undefined;
}
