// The effective model source: the person's mirror, else a mirror baked into the build, else the hub.
import { DEFAULT_MODEL_SOURCE, normaliseSource, sourceOrigin } from '../core/model-url';
import { HUB_ORIGINS } from '../core/csp';
import type { Settings } from './settings';

declare const __BUILD_MODEL_SOURCE__: string;

export const buildModelSource = (): string =>
  typeof __BUILD_MODEL_SOURCE__ === 'string' && __BUILD_MODEL_SOURCE__ ? normaliseSource(__BUILD_MODEL_SOURCE__) : '';

export function effectiveModelSource(settings: Pick<Settings, 'modelSource'>): string {
  return settings.modelSource ? normaliseSource(settings.modelSource) : buildModelSource() || DEFAULT_MODEL_SOURCE;
}

/** Origins the CSP must allow for model downloads under these settings: a mirror replaces the hub. */
export function modelOrigins(settings: Pick<Settings, 'modelSource'>): string[] {
  const source = effectiveModelSource(settings);
  return source === DEFAULT_MODEL_SOURCE ? [...HUB_ORIGINS] : [sourceOrigin(source)];
}
