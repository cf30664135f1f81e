// Where knowledge-direct.ts is built for the bench (see ../direct-bundle.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleDirectModule } from '../direct-bundle';

export const KNOWLEDGE_DIRECT_PATH = '/__bench_knowledge__/knowledge-direct.js';

export function bundleKnowledgeDirect(appDir: string): Promise<void> {
  return bundleDirectModule(appDir, {
    entry: path.join(path.dirname(fileURLToPath(import.meta.url)), 'knowledge-direct.ts'),
    urlPath: KNOWLEDGE_DIRECT_PATH,
  });
}
