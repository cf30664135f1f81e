// The passages an answer from the documents was given, numbered as the model saw them: each opens
// Knowledge's reader at that passage. Always listed, whether or not the model wrote its [n] marks.
import type { AnswerSource } from '../../../../core/knowledge/grounding';
import { t } from '../../../i18n';

export function openSource(source: AnswerSource): void {
  void import('../../../state/knowledge-answers').then((m) => m.openSource(source));
}

function label(s: AnswerSource): string {
  return [s.documentName, ...(s.page === undefined ? [] : [t('talk.sources.page', { n: s.page })]), ...s.headings.slice(-1)].join(
    ' · ',
  );
}

export function AnswerSources({ sources }: { sources: readonly AnswerSource[] }) {
  return (
    <section class="answer-sources" aria-label={t('talk.sources')}>
      <h3 class="hint">{t('talk.sources')}</h3>
      <ol>
        {sources.map((s) => (
          <li key={s.n} value={s.n}>
            <button type="button" class="source-link" data-source={s.n} onClick={() => openSource(s)}>
              [{s.n}] {label(s)}
            </button>
            <span class="hint source-excerpt">{excerpt(s.text)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The start of the passage, so the person sees what was quoted without opening it. */
function excerpt(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > 140 ? `${chars.slice(0, 140).join('')}…` : chars.join('');
}
