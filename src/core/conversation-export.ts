// A conversation as a file the person keeps: Markdown to read, JSON to re-import or process. Pure.
import type { AnswerStats, Conversation, ConversationMessage } from './chat-types';

export const EXPORT_FORMAT = 'hearth-conversation';
export const EXPORT_VERSION = 1;

const LABEL: Record<ConversationMessage['role'], string> = { user: 'You', assistant: 'Assistant', system: 'System' };

const NOTE: Partial<Record<ConversationMessage['status'], string>> = {
  stopped: 'Stopped before the end.',
  // Still 'streaming' in storage: the tab closed (or the export ran) while the answer was written.
  streaming: 'Interrupted while it was being written.',
};

export function toMarkdown(c: Conversation): string {
  // A heading is one line: a renamed title may hold line breaks.
  const parts = [`# ${oneLine(c.title)}`, '', `_${iso(c.createdAt)}_`, ''];
  for (const m of c.messages) {
    // Assistant text is markdown already and goes in as it is; so does the question, as typed.
    parts.push(`## ${LABEL[m.role]} · ${iso(m.createdAt)}`, '', m.content.trim() || '_(no text)_', '');
    const note = m.status === 'failed' ? `Failed: ${oneLine(m.error ?? 'unknown error')}` : NOTE[m.status];
    if (note) parts.push(`> ${note}`, '');
    if (m.stats) parts.push(`_${statsLine(m.stats)}_`, '');
    if (m.sources?.length) parts.push('Sources:', '', ...m.sources.map((s) => `${s.n}. ${oneLine(sourceName(s))}`), '');
  }
  return parts.join('\n');
}

function sourceName(s: NonNullable<ConversationMessage['sources']>[number]): string {
  return [s.documentName, ...(s.page === undefined ? [] : [`page ${s.page}`]), ...s.headings.slice(-1)].join(', ');
}

/** Versioned and stable: fields are only ever added within a version; times are ISO 8601 (UTC). */
export function toJson(c: Conversation): string {
  return JSON.stringify(
    {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      id: c.id,
      title: c.title,
      createdAt: iso(c.createdAt),
      updatedAt: iso(c.updatedAt),
      messages: c.messages.map((m) => ({
        id: m.id,
        role: m.role,
        content: m.content,
        createdAt: iso(m.createdAt),
        status: m.status,
        ...(m.stats ? { stats: m.stats } : {}),
        ...(m.error ? { error: m.error } : {}),
        ...(m.sources?.length ? { sources: m.sources } : {}),
      })),
    },
    null,
    2,
  );
}

/** "Bedtime story" -> "bedtime-story-2026-11-25.md": no separators, reserved or control characters,
 *  no leading dot, and the date suffix keeps it off Windows' reserved names (CON, NUL, ...). */
export function exportFileName(c: Pick<Conversation, 'title' | 'createdAt'>, ext: 'md' | 'json'): string {
  const cleaned = c.title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, ' ')
    .trim()
    .replace(/\s+/g, '-');
  const slug =
    Array.from(cleaned)
      .slice(0, 60)
      .join('')
      .replace(/^[-.]+|[-.]+$/g, '') || 'conversation';
  return `${slug}-${iso(c.createdAt).slice(0, 10)}.${ext}`;
}

function statsLine(s: AnswerStats): string {
  if (s.cached) return `${s.modelId} · from the response cache`;
  const parts = [s.modelId, s.engine, `${s.tokens} tokens`];
  if (s.tokensPerSecond !== null) parts.push(`${round1(s.tokensPerSecond)} tokens/s`);
  if (s.ttftMs !== null) parts.push(`first token ${Math.round(s.ttftMs)} ms`);
  return parts.join(' · ');
}

const iso = (t: number): string => new Date(t).toISOString();
const oneLine = (s: string): string => s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
const round1 = (n: number): number => Math.round(n * 10) / 10;
