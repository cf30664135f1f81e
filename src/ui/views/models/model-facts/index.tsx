// Engine, quantization, size, languages and licence of one model, as a description list.
import type { ModelEntry, ModelRuntime } from '../../../../catalog/types';
import { t, locale, type MessageKey } from '../../../i18n';
import { ExternalLink } from '../../../external-link';
import { sizeText } from '../fit-text';

const RUNTIMES: Record<ModelRuntime, MessageKey> = {
  webllm: 'models.runtime.webllm',
  wllama: 'models.runtime.wllama',
  transformers: 'models.runtime.transformers',
  onnx: 'models.runtime.onnx',
};

function languageNames(tags: string[]): string {
  if (tags.includes('multilingual')) return t('models.languages.multilingual');
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([locale.value], { type: 'language' });
  } catch {
    // very old engines: show the tags themselves
  }
  const list = tags.map((tag) => names?.of(tag) ?? tag);
  try {
    return new Intl.ListFormat(locale.value, { style: 'narrow', type: 'conjunction' }).format(list);
  } catch {
    return list.join(', ');
  }
}

export function ModelFacts({ model }: { model: ModelEntry }) {
  return (
    <dl class="model-facts">
      <div>
        <dt>{t('models.field.runtime')}</dt>
        <dd>{t(RUNTIMES[model.runtime])}</dd>
      </div>
      <div>
        <dt>{t('models.field.quantization')}</dt>
        <dd>{model.quantization}</dd>
      </div>
      <div>
        <dt>{t('models.field.size')}</dt>
        <dd>{sizeText(model)}</dd>
      </div>
      <div>
        <dt>{t('models.field.languages')}</dt>
        <dd>{languageNames(model.languages)}</dd>
      </div>
      <div>
        <dt>{t('models.field.licence')}</dt>
        <dd>
          <ExternalLink href={model.licence.url}>{model.licence.name}</ExternalLink>
          {!model.licence.commercialUse && <> · {t('models.licence.nonCommercialShort')}</>}
        </dd>
      </div>
    </dl>
  );
}
