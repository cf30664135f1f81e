import { importing, libraryState } from '../../../state/knowledge';
import { t } from '../../../i18n';

/** Why files cannot be added right now, or null when they can. */
export function cannotAdd(): string | null {
  const s = libraryState.value.state;
  if (s === 'no-model' || s === 'error' || s === 'checking') return t('knowledge.add.waitModel');
  if (importing.value) return t('knowledge.add.busy');
  return null;
}
