// Past conversations, newest first, filtered by title as the person types.
import { t } from '../../../i18n';
import {
  current,
  damagedConversations,
  filteredList,
  newConversation,
  openConversation,
  phase,
  titleFilter,
} from '../../../state/chat';

export function ConversationList() {
  const busy = phase.value !== 'idle';
  const list = filteredList.value;
  return (
    <nav class="conversation-list" aria-label={t('talk.conversations')}>
      <button type="button" class="primary" disabled={busy} onClick={newConversation}>
        {t('talk.new')}
      </button>
      <label for="conv-search" class="visually-hidden">
        {t('talk.search')}
      </label>
      <input
        id="conv-search"
        type="search"
        placeholder={t('talk.search')}
        value={titleFilter.value}
        onInput={(e) => (titleFilter.value = e.currentTarget.value)}
      />
      {list.length === 0 && <p class="hint">{titleFilter.value ? t('talk.search.none') : t('talk.conversations.none')}</p>}
      <ul>
        {list.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              class="conversation-link"
              disabled={busy}
              aria-current={current.value?.id === c.id ? 'true' : undefined}
              onClick={() => void openConversation(c.id)}
            >
              <span class="conversation-title">{c.title}</span>
              <span class="hint">{new Date(c.updatedAt).toLocaleString()}</span>
            </button>
          </li>
        ))}
      </ul>
      {damagedConversations.value > 0 && (
        <p class="error" role="alert">
          {t('talk.damaged', { n: damagedConversations.value })}
        </p>
      )}
    </nav>
  );
}
