// Badges under a model's name: whether it suits this device, and whether it is a test fixture.
// Each badge is words plus a shape, so nothing depends on seeing its colour.
import type { ModelEntry } from '../../../../catalog/types';
import { t } from '../../../i18n';
import type { FitText } from '../fit-text';

const SHAPES = { good: '★', neutral: '✓', bad: '✕' } as const;

export function FitBadges({ model, fit }: { model: ModelEntry; fit: FitText | null }) {
  if (!fit && !model.testOnly && !model.randomWeights) return null;
  return (
    <ul class="badges" aria-label={t('models.badges.label')}>
      {fit && (
        <li class={`badge badge-${fit.tone}`}>
          <span aria-hidden="true">{SHAPES[fit.tone]} </span>
          {fit.badge}
        </li>
      )}
      {model.randomWeights ? (
        <li class="badge badge-test">{t('models.badge.randomWeights')}</li>
      ) : model.testOnly ? (
        <li class="badge badge-test">{t('models.badge.test')}</li>
      ) : null}
    </ul>
  );
}
