// "Add files…": the visible button is the <label> of a transparent file input laid over it (as in
// Models' import), so the input gets the clicks, the keyboard focus and the accessible name.
import { useId, useRef } from 'preact/hooks';
import { DOCUMENT_EXTENSIONS } from '../../../../core/knowledge/document-types';
import { t } from '../../../i18n';
import { importFiles } from '../../../state/knowledge';
import { cannotAdd } from './can-add';

export const ACCEPTED = DOCUMENT_EXTENSIONS.join(',');

export function AddFiles() {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const blocked = cannotAdd();

  const onChange = () => {
    const picked = [...(input.current?.files ?? [])];
    if (input.current) input.current.value = ''; // picking the same file again still fires change
    if (picked.length) void importFiles(picked);
  };

  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('knowledge.add.title')}</h2>
      <p class="hint" id={`${id}-help`}>
        {t('knowledge.add.help')}
      </p>
      <div class="row">
        <span class="file-button" data-disabled={blocked !== null || undefined}>
          <input
            ref={input}
            id={`${id}-input`}
            type="file"
            multiple
            accept={ACCEPTED}
            disabled={blocked !== null}
            aria-describedby={`${id}-help${blocked ? ` ${id}-blocked` : ''}`}
            onChange={onChange}
          />
          <label for={`${id}-input`} class="button primary">
            {t('knowledge.add.button')}
          </label>
        </span>
      </div>
      {blocked && (
        <p class="hint" id={`${id}-blocked`}>
          {blocked}
        </p>
      )}
    </section>
  );
}
