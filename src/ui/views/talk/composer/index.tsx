// Enter sends, Shift+Enter starts a new line (IME composition keeps its own Enter). While an answer
// streams, Stop replaces Send and the text box stays editable for the next question.
import { useRef, useState } from 'preact/hooks';
import { t } from '../../../i18n';
import { phase, send } from '../../../state/chat';
import { speaking, stopAll } from '../voice-door';

export function Composer({ disabled }: { disabled: boolean }) {
  const [text, setText] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  const busy = phase.value !== 'idle' || speaking();

  const submit = () => {
    if (busy || disabled || !text.trim()) return;
    const words = text;
    setText('');
    void send(words);
    box.current?.focus();
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label for="composer-text" class="visually-hidden">
        {t('talk.message')}
      </label>
      <textarea
        id="composer-text"
        ref={box}
        rows={2}
        value={text}
        disabled={disabled}
        placeholder={t('talk.placeholder')}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      {busy ? (
        <button type="button" class="danger" onClick={stopAll}>
          {t('talk.stop')}
        </button>
      ) : (
        <button type="submit" class="primary" disabled={disabled || !text.trim()}>
          {t('talk.send')}
        </button>
      )}
    </form>
  );
}
