// Where voice-direct.ts is built for the bench (see ../direct-bundle.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleDirectModule } from '../direct-bundle';

export const VOICE_DIRECT_PATH = '/__bench_voice__/voice-direct.js';

export function bundleVoiceDirect(appDir: string): Promise<void> {
  return bundleDirectModule(appDir, {
    entry: path.join(path.dirname(fileURLToPath(import.meta.url)), 'voice-direct.ts'),
    urlPath: VOICE_DIRECT_PATH,
    // The app's dedupe: kokoro-js runs on the app's transformers.js v4, one ONNX Runtime.
    dedupe: ['@huggingface/transformers', 'onnxruntime-web'],
  });
}
