// A conversation as a file the person keeps: Markdown to read, JSON to re-import or process. Pure.
import type { AnswerStats, Conversation, ConversationMessage } from './chat-types';

export const EXPORT_FORMAT = 'hearth-conversation';
export const EXPORT_VERSION = 1;

const LABEL: Record<ConversationMessage['role'], string> = { user: 'You', assistant: 'Assistant', system: 'System' };

export function toMarkdown(c: Conversation): string {
  const parts = [`# ${c.title}`, '', `_${iso(c.createdAt)}_`, ''];
  for (const m of c.messages) {
    parts.push(`## ${LABEL[m.role]} · ${iso(m.createdAt)}`, '', m.content.trim() || '_(no text)_', '');
    if (m.status === 'stopped') parts.push('> Stopped before the end.', '');
    if (m.status === 'failed') parts.push(`> Failed: ${m.error ?? 'unknown error'}`, '');
    if (m.stats) parts.push(`<sub>${statsLine(m.stats)}</sub>`, '');
  }
  return parts.join('\n');
}

export function toJson(c: Conversation): string {
  return JSON.stringify({
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    id: c.id,
    title: c.title,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
    messages: c.messages.map((m) => ({
      role: m.role,
      content: m.content,
      createdAt: iso(m.createdAt),
      status: m.status,
      ...(m.stats ? { stats: m.stats } : {}),
      ...(m.error ? { error: m.error } : {}),
    })),
  }, null, 2);
}

/** "Bedtime story" -> "bedtime-story-2026-11-25.md"; safe on every file system. */
export function exportFileName(c: Pick<Conversation, 'title' | 'createdAt'>, ext: 'md' | 'json'): string {
  const slug = c.title.normalize('NFKC').toLowerCase().replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .trim().replace(/\s+/g, '-').slice(0, 60).replace(/^[-.]+|[-.]+$/g, '') || 'conversation';
  return `${slug}-${iso(c.createdAt).slice(0, 10)}.${ext}`;
}

function statsLine(s: AnswerStats): string {
  if (s.cached) return `${s.modelId} · from the response cache`;
  const parts = [s.modelId, s.engine, `${s.tokens} tokens`];
  if (s.tokensPerSecond !== null) parts.push(`${s.tokensPerSecond} tokens/s`);
  if (s.ttftMs !== null) parts.push(`first token ${s.ttftMs} ms`);
  return parts.join(' · ');
}

const iso = (t: number): string => new Date(t).toISOString();
