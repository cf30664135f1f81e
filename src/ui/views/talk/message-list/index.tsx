// The conversation as a log: new answers are announced politely, the streaming one is not read out
// token by token (aria-busy) but once it is finished.
import { useEffect, useRef } from 'preact/hooks';
import type { ConversationMessage } from '../../../../core/chat-types';
import { t } from '../../../i18n';
import { phase } from '../../../state/chat';
import { MessageItem } from './message-item';

export function MessageList({ messages }: { messages: ConversationMessage[] }) {
  const end = useRef<HTMLDivElement>(null);
  const last = messages.at(-1);
  const lastLength = last?.content.length ?? 0;
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [messages.length, lastLength]);

  return (
    <div class="message-list" role="log" aria-label={t('talk.messages')} aria-busy={phase.value === 'generating'}>
      {messages.map((m, i) => (
        <MessageItem key={m.id} message={m} isLastAnswer={i === messages.length - 1 && m.role === 'assistant'} />
      ))}
      <div ref={end} />
    </div>
  );
}
