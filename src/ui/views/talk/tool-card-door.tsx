// Tool calls in the conversation and the running timers are drawn by a chunk fetched the first time
// one is shown (a conversation with a tool call in it, or a timer set), so the first view of Talk
// stays small. Until it arrives the call shows as its plain sentence.
import { signal } from '@preact/signals';
import type { ConversationMessage } from '../../../core/chat-types';

type Parts = typeof import('./tool-card');

const parts = signal<Parts | null>(null);
let loading: Promise<void> | null = null;

function toolParts(): Parts | null {
  if (!parts.value) {
    loading ??= import('./tool-card').then(
      (m) => void (parts.value = m),
      () => void (loading = null),
    );
  }
  return parts.value;
}

export function LazyToolCard({ message }: { message: ConversationMessage }) {
  const p = toolParts();
  if (p) return <p.ToolCard message={message} />;
  return (
    <article class="message message-assistant message-tool" data-status={message.status} aria-label="Hearth">
      <p class="message-text">{message.content}</p>
    </article>
  );
}

/** The running timers, once the timer service has been started (a timer set, or some stored). */
export function LazyTimers() {
  const p = parts.value;
  return p ? <p.TimersPanel /> : null;
}

/** Started when Talk opens: timers stored by an earlier visit ring (or show what rang) again. */
export function resumeTimers(): void {
  void import('./tool-card').then(async (m) => {
    parts.value = m;
    await m.startTimers();
  });
}
