// Where the tests find things. CI clones the repo fresh with the read-only fixtures beside it
// (../shared), so nothing here may assume /work; HEARTH_SHARED overrides the fixtures folder.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedDir = path.resolve(process.env.HEARTH_SHARED ?? path.join(repoRoot, '..', 'shared'));
export const modelsDir = path.join(sharedDir, 'models');
export const audioDir = path.join(sharedDir, 'audio');
// HEARTH_DIST lets several people test their own builds from one checkout at once.
export const distDir = path.resolve(process.env.HEARTH_DIST ?? path.join(repoRoot, 'dist'));
