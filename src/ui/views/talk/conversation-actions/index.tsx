// Rename, export (Markdown / JSON, saved as a file by the browser: nothing is uploaded) and delete.
import { useId, useState } from 'preact/hooks';
import type { Conversation } from '../../../../core/chat-types';
import { exportFileName, toJson, toMarkdown } from '../../../../core/conversation-export';
import { t } from '../../../i18n';
import { Modal } from '../../../modal';
import { deleteConversation, phase, renameConversation } from '../../../state/chat';

export function ConversationActions({ conversation }: { conversation: Conversation }) {
  const [dialog, setDialog] = useState<'rename' | 'delete' | null>(null);
  const busy = phase.value !== 'idle';
  return (
    <div class="row conversation-actions">
      <button type="button" class="small" onClick={() => setDialog('rename')}>
        {t('talk.rename')}
      </button>
      <button type="button" class="small" onClick={() => save(conversation, 'md')}>
        {t('talk.export.md')}
      </button>
      <button type="button" class="small" onClick={() => save(conversation, 'json')}>
        {t('talk.export.json')}
      </button>
      <button type="button" class="small danger" disabled={busy} onClick={() => setDialog('delete')}>
        {t('talk.delete')}
      </button>
      {dialog === 'rename' && <RenameDialog conversation={conversation} onClose={() => setDialog(null)} />}
      {dialog === 'delete' && <DeleteConversationDialog conversation={conversation} onClose={() => setDialog(null)} />}
    </div>
  );
}

function save(conversation: Conversation, kind: 'md' | 'json'): void {
  const text = kind === 'md' ? toMarkdown(conversation) : toJson(conversation);
  const type = kind === 'md' ? 'text/markdown' : 'application/json';
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = exportFileName(conversation, kind);
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function RenameDialog({ conversation, onClose }: { conversation: Conversation; onClose: () => void }) {
  const id = useId();
  const [title, setTitle] = useState(conversation.title);
  return (
    <Modal labelledBy={`${id}-title`} onDismiss={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (title.trim()) void renameConversation(conversation.id, title.trim()).then(onClose);
        }}
      >
        <h2 id={`${id}-title`}>{t('talk.rename.title')}</h2>
        <label for={`${id}-input`}>{t('talk.rename.label')}</label>
        <input id={`${id}-input`} type="text" value={title} autoFocus onInput={(e) => setTitle(e.currentTarget.value)} />
        <div class="row dialog-actions">
          <button type="button" onClick={onClose}>
            {t('talk.cancel')}
          </button>
          <button type="submit" class="primary" disabled={!title.trim()}>
            {t('talk.rename.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function DeleteConversationDialog({ conversation, onClose }: { conversation: Conversation; onClose: () => void }) {
  const id = useId();
  return (
    <Modal labelledBy={`${id}-title`} onDismiss={onClose}>
      <h2 id={`${id}-title`}>{t('talk.delete.title', { title: conversation.title })}</h2>
      <p>{t('talk.delete.text')}</p>
      <div class="row dialog-actions">
        <button type="button" autoFocus onClick={onClose}>
          {t('talk.delete.keep')}
        </button>
        <button type="button" class="danger" onClick={() => void deleteConversation(conversation.id).then(onClose)}>
          {t('talk.delete.confirm')}
        </button>
      </div>
    </Modal>
  );
}
