// Where mqtt-direct.ts is built for the bench (see ../direct-bundle.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleDirectModule } from '../direct-bundle';

export const MQTT_DIRECT_PATH = '/__bench_devices__/mqtt-direct.js';

export function bundleMqttDirect(appDir: string): Promise<void> {
  return bundleDirectModule(appDir, {
    entry: path.join(path.dirname(fileURLToPath(import.meta.url)), 'mqtt-direct.ts'),
    urlPath: MQTT_DIRECT_PATH,
  });
}
