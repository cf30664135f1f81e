// One turn. Answers are markdown, rendered and sanitised (ui/markdown); questions are plain text. An
// answer from the documents links its [n] marks to its sources and lists them under it.
import { useMemo, useState } from 'preact/hooks';
import type { AnswerStats, ConversationMessage } from '../../../../core/chat-types';
import { documentsParts } from '../documents-door';
import { markdownRenderer } from '../../../markdown/lazy';
import { t } from '../../../i18n';
import { phase, regenerate } from '../../../state/chat';
import { LazyToolCard } from '../tool-card-door';

export function MessageItem({ message, isLastAnswer }: { message: ConversationMessage; isLastAnswer: boolean }) {
  if (message.tool) return <LazyToolCard message={message} />;
  return <AnswerItem message={message} isLastAnswer={isLastAnswer} />;
}

function AnswerItem({ message, isLastAnswer }: { message: ConversationMessage; isLastAnswer: boolean }) {
  const render = message.role === 'assistant' ? markdownRenderer() : null;
  const sources = message.sources ?? [];
  const parts = sources.length ? documentsParts() : null;
  const html = useMemo(
    () => (render ? render(parts ? parts.linkCitations(message.content, sources.length) : message.content) : ''),
    [render, parts, message.content, sources.length],
  );
  /** A click on a rendered [n] opens that source instead of following the link. */
  const onCitation = (e: MouseEvent) => {
    const link = (e.target as Element | null)?.closest?.('a[href^="#cite-"]');
    const source = link && sources.find((s) => `#cite-${s.n}` === link.getAttribute('href'));
    if (!source || !parts) return;
    e.preventDefault();
    parts.openSource(source);
  };
  const who = message.role === 'user' ? t('talk.you') : t('talk.assistant');
  return (
    <article class={`message message-${message.role}`} data-status={message.status} aria-label={who}>
      <h2 class="visually-hidden">{who}</h2>
      {message.role === 'user' || !render ? (
        <p class="message-text">{message.content}</p>
      ) : (
        <div class="message-text markdown" onClick={onCitation} dangerouslySetInnerHTML={{ __html: html }} />
      )}
      {parts && <parts.AnswerSources sources={sources} />}
      {message.role === 'assistant' && <AnswerFooter message={message} isLast={isLastAnswer} />}
    </article>
  );
}

function AnswerFooter({ message, isLast }: { message: ConversationMessage; isLast: boolean }) {
  const [copied, setCopied] = useState(false);
  const idle = phase.value === 'idle';
  const copy = async () => {
    await navigator.clipboard.writeText(message.content);
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <div class="message-footer">
      {message.status === 'streaming' && <p class="hint">{t(phase.value === 'loading' ? 'talk.loading' : 'talk.writing')}</p>}
      {message.status === 'stopped' && <p class="hint">{t('talk.stopped')}</p>}
      {message.status === 'failed' && (
        <p class="error" role="alert">
          {t('talk.failed', { reason: message.error ?? '' })}
        </p>
      )}
      {message.stats && <p class="hint stats">{statsText(message.stats)}</p>}
      {message.status !== 'streaming' && (
        <div class="row">
          {message.content && (
            <button type="button" class="small" onClick={() => void copy()}>
              {copied ? t('talk.copied') : t('talk.copy')}
            </button>
          )}
          {isLast && (
            <button type="button" class="small" disabled={!idle} onClick={() => void regenerate()}>
              {t('talk.regenerate')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function statsText(s: AnswerStats): string {
  if (s.cached) return t('talk.stats.cached');
  const parts = [t('talk.stats.tokens', { n: s.tokens })];
  if (s.tokensPerSecond !== null) parts.push(t('talk.stats.speed', { tps: s.tokensPerSecond }));
  if (s.ttftMs !== null) parts.push(t('talk.stats.ttft', { ms: s.ttftMs }));
  parts.push(t(s.engine === 'webllm' ? 'talk.engine.gpu' : 'talk.engine.cpu'));
  return parts.join(' · ');
}
