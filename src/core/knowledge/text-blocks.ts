// A document as the chunker sees it: headings, paragraphs, list items and code, in reading order,
// with the page they came from when the format has pages. Each importer (text, markdown, HTML, PDF,
// DOCX) turns its file into these; the chunker never sees a file format.

export type BlockKind = 'heading' | 'paragraph' | 'list-item' | 'code';

export interface TextBlock {
  kind: BlockKind;
  text: string;
  /** 1-6 for headings. */
  level?: number;
  /** 1-based page (PDF). */
  page?: number;
}

const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/** Markdown's inline syntax reduced to the words a person reads: links and images keep their text,
 *  emphasis and code marks go. Raw HTML stays as text: a document's markup is never rendered. */
export function plainInline(text: string): string {
  // Every span is bounded, so a 5 MB line full of unmatched marks still takes linear time.
  return text
    .replace(/!\[([^\]]{0,300})\]\([^)]{0,2000}\)/g, '$1')
    .replace(/\[([^\]]{1,300})\]\([^)]{0,2000}\)/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.{1,300}?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\w*])[*_](?=\S)([^*_]{1,300}?)(?<=\S)[*_](?=[^\w*]|$)/g, '$1$2')
    .replace(/`([^`]{1,300})`/g, '$1');
}

/** Markdown (CommonMark's block structure, loosely): ATX and setext headings, list items with their
 *  continuation lines, fenced code, paragraphs split by blank lines. */
export function markdownBlocks(source: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  let paragraph: string[] = [];
  let item: string[] | null = null;
  let fence: { marker: string; lines: string[] } | null = null;
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: plainInline(paragraph.join(' ')) });
    if (item) blocks.push({ kind: 'list-item', text: plainInline(item.join(' ')) });
    paragraph = [];
    item = null;
  };
  for (const raw of source.split(/\r\n?|\n/)) {
    if (fence) {
      if (raw.trimStart().startsWith(fence.marker)) {
        if (fence.lines.some((l) => l.trim())) blocks.push({ kind: 'code', text: fence.lines.join('\n') });
        fence = null;
      } else fence.lines.push(raw);
      continue;
    }
    const line = raw.trim();
    const opened = FENCE.exec(raw);
    if (opened) {
      flush();
      fence = { marker: opened[1]!, lines: [] };
      continue;
    }
    if (!line) {
      flush();
      continue;
    }
    const setext = SETEXT_UNDERLINE.exec(raw);
    if (setext && paragraph.length && !item) {
      blocks.push({ kind: 'heading', level: setext[1]!.startsWith('=') ? 1 : 2, text: plainInline(paragraph.join(' ')) });
      paragraph = [];
      continue;
    }
    if (THEMATIC_BREAK.test(raw)) {
      flush();
      continue;
    }
    const heading = ATX_HEADING.exec(raw);
    if (heading) {
      flush();
      const text = plainInline((heading[2] ?? '').trim());
      if (text) blocks.push({ kind: 'heading', level: heading[1]!.length, text });
      continue;
    }
    const listed = LIST_ITEM.exec(raw);
    if (listed) {
      flush();
      item = [listed[1]!.trim()];
      continue;
    }
    if (item) item.push(line);
    else paragraph.push(line);
  }
  if (fence?.lines.some((l) => l.trim())) blocks.push({ kind: 'code', text: fence.lines.join('\n') });
  flush();
  return blocks;
}

/** Plain text: paragraphs split by blank lines; lines that start like list items become items. */
export function plainTextBlocks(source: string, page?: number): TextBlock[] {
  const blocks: TextBlock[] = [];
  const at = page === undefined ? {} : { page };
  for (const para of source.split(/(?:\r\n?|\n)[ \t]*(?:\r\n?|\n)\s*/)) {
    const lines = para.split(/\r\n?|\n/);
    let current: { kind: BlockKind; lines: string[] } | null = null;
    for (const raw of lines) {
      const line = raw.trim();
      if (!line) continue;
      const listed = LIST_ITEM.exec(raw);
      if (listed) {
        if (current) blocks.push({ kind: current.kind, text: current.lines.join(' '), ...at });
        current = { kind: 'list-item', lines: [listed[1]!.trim()] };
      } else if (current) current.lines.push(line);
      else current = { kind: 'paragraph', lines: [line] };
    }
    if (current) blocks.push({ kind: current.kind, text: current.lines.join(' '), ...at });
  }
  return blocks;
}

/** A PDF's text, page by page (index 0 = page 1). Pages stay apart so a passage can say its page. */
export function pagedBlocks(pages: readonly string[]): TextBlock[] {
  return pages.flatMap((text, i) => plainTextBlocks(text, i + 1));
}
