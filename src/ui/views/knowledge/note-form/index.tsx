// A note typed in the app: a title and its text, added like a file.
import { useId, useState } from 'preact/hooks';
import { t } from '../../../i18n';
import { addNote } from '../../../state/knowledge';
import { cannotAdd } from '../add-files/can-add';

export function NoteForm() {
  const id = useId();
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const blocked = cannotAdd();

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (!title.trim() || !text.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    await addNote(title.trim(), text);
    setTitle('');
    setText('');
  };

  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('knowledge.note.title')}</h2>
      <form class="note-form" onSubmit={onSubmit}>
        <label for={`${id}-name`}>{t('knowledge.note.name')}</label>
        <input id={`${id}-name`} type="text" value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        <label for={`${id}-text`}>{t('knowledge.note.text')}</label>
        <textarea id={`${id}-text`} rows={4} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        <div class="row">
          <button type="submit" disabled={blocked !== null}>
            {t('knowledge.note.save')}
          </button>
        </div>
        {missing && (
          <p class="error" role="alert">
            {t('knowledge.note.missing')}
          </p>
        )}
      </form>
    </section>
  );
}
