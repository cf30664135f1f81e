// A protected PDF in the import list: its password, typed here, opens it (the row runs again and
// says "wrong password" when it is not the right one); Skip leaves it out and asks no more.
import { useId, useState } from 'preact/hooks';
import { t } from '../../../i18n';
import { importing, skipProtected, unlockFile, type ImportRow } from '../../../state/knowledge';

export function PasswordForm({ row }: { row: ImportRow }) {
  const id = useId();
  const [password, setPassword] = useState('');
  const onSubmit = (e: Event) => {
    e.preventDefault();
    if (password) void unlockFile(row.key, password);
  };
  return (
    <form class="password-form row" onSubmit={onSubmit}>
      <label for={`${id}-password`}>{t('knowledge.password.label', { name: row.name })}</label>
      <input
        id={`${id}-password`}
        type="password"
        autocomplete="off"
        value={password}
        onInput={(e) => setPassword(e.currentTarget.value)}
      />
      <button type="submit" disabled={!password || importing.value}>
        {t('knowledge.password.open')}
      </button>
      <button type="button" disabled={importing.value} onClick={() => skipProtected(row.key)}>
        {t('knowledge.password.skip', { name: row.name })}
      </button>
    </form>
  );
}
