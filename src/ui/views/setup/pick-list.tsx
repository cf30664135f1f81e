// The recommended set, one row per part: what it is, its size and licence, and why it was chosen.
import { catalogById } from '../../../catalog/catalog';
import type { SetupPick } from '../../../core/setup-plan';
import { formatBytes } from '../../../core/transfer-math';
import { BUILTIN_VOICES } from '../../../catalog/tts-voices';
import { ExternalLink } from '../../external-link';
import { locale } from '../../i18n';
import { st } from '../../i18n/setup';
import type { ItemState } from './set-state';

// eSpeak-NG ships in the app shell; its licence is the package's.
const ESPEAK_LICENCE = { name: 'GPL-3.0-or-later', url: 'https://github.com/espeak-ng/espeak-ng/blob/master/COPYING' };

const STATE_ICONS: Record<ItemState, string> = {
  builtin: '✓',
  waiting: '…',
  downloading: '↓',
  paused: '❚❚',
  failed: '!',
  ready: '✓',
};

function languageName(voice: string | undefined): string {
  const tag = BUILTIN_VOICES.find((v) => v.id === voice)?.language ?? voice ?? '';
  try {
    return new Intl.DisplayNames([locale.value], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

interface Props {
  picks: readonly SetupPick[];
  /** Each model's state once the set is downloading. */
  states?: ReadonlyMap<SetupPick, ItemState>;
}

export function PickList({ picks, states }: Props) {
  return (
    <ul class="setup-picks" aria-label={st('setup.title')}>
      {picks.map((pick) => {
        const model = pick.modelId ? catalogById(pick.modelId) : undefined;
        const licence = model?.licence ?? ESPEAK_LICENCE;
        const state = states?.get(pick);
        const size = !model ? st('setup.builtinSize') : pick.bytes === 0 ? st('setup.storedAlready') : formatBytes(pick.bytes);
        return (
          <li key={pick.task} class="setup-pick" data-task={pick.task}>
            <p class="setup-pick-task">{st(`setup.task.${pick.task}`)}</p>
            <p class="setup-pick-name">
              <strong>{model ? model.name : st('setup.builtinVoice', { language: languageName(pick.voice) })}</strong>
              {pick.engine && <span class="hint"> — {st(`setup.engine.${pick.engine}`)}</span>}
            </p>
            <p class="hint">
              {size} · {st('setup.licence')} <ExternalLink href={licence.url}>{licence.name}</ExternalLink>
              {model && !model.licence.commercialUse && <strong> {st('setup.nonCommercial')}</strong>}
            </p>
            <p class="setup-pick-why">{pick.why.map((w) => st(`setup.why.${w}`)).join(' ')}</p>
            {state && (
              <p class="setup-pick-state" data-state={state}>
                <span aria-hidden="true">{STATE_ICONS[state]} </span>
                {st(state === 'builtin' ? 'setup.state.ready' : `setup.state.${state}`)}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
