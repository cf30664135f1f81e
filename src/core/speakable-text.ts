// What a voice should say for a markdown answer: the words a person reads, without the markup,
// code, links' addresses or pictures. Block boundaries become line breaks, which the sentence
// splitter treats as sentence ends, so a heading or list item is never run into the next one.
import { Lexer, type Token, type Tokens } from 'marked';

const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>()]+/gi;
const IS_URL = /^\s*(?:https?:\/\/|www\.|mailto:)\S*\s*$/i;
/** Citation marks of an answer from the person's documents: [1], [2, 3], [1–3], 【1】. The sources
 *  list under the answer shows them; a voice saying "bracket one" helps nobody. */
const CITATION = /\s*(?:\[\d{1,3}(?:\s*[,，、\-–]\s*\d{1,3})*\]|【\d{1,3}】)/g;
/** One still being written at the end ("closes [1"): dropped too, so the text only ever grows. */
const CITATION_OPEN = /\s*[[【]\d{1,3}(?:\s*[,，、\-–]\s*\d{0,3})*$/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Markdown (complete or still being written) -> plain text to synthesise. */
export function speakableText(markdown: string): string {
  const blocks = Lexer.lex(markdown, { gfm: true })
    .map(block)
    .filter((b) => b.length > 0);
  return blocks.join('\n').trim();
}

function block(token: Token): string {
  switch (token.type) {
    case 'heading':
      return withFullStop(inline((token as Tokens.Heading).tokens));
    case 'paragraph':
      return inline((token as Tokens.Paragraph).tokens);
    case 'text': {
      const t = token as Tokens.Text;
      return t.tokens ? inline(t.tokens) : clean(t.text);
    }
    case 'list':
      // A full stop after each item makes the voice pause between them.
      return (token as Tokens.List).items
        .map((item) => withFullStop(item.tokens.map(block).filter(Boolean).join(' ')))
        .filter(Boolean)
        .join('\n');
    case 'blockquote':
      return (token as Tokens.Blockquote).tokens.map(block).filter(Boolean).join('\n');
    case 'table':
      return table(token as Tokens.Table);
    // Code, rules, raw HTML and blank space are not read aloud.
    default:
      return '';
  }
}

/** Each row as "header: value, header: value." so a listener knows what every number means. */
function table(t: Tokens.Table): string {
  const headers = t.header.map((cell) => inline(cell.tokens));
  return t.rows
    .map((row) =>
      row
        .map((cell, i) => {
          const value = inline(cell.tokens);
          const name = headers[i] ?? '';
          return value && name ? `${name}: ${value}` : value;
        })
        .filter(Boolean)
        .join(', '),
    )
    .filter(Boolean)
    .map(withFullStop)
    .join('\n');
}

function inline(tokens: Token[] | undefined): string {
  return clean((tokens ?? []).map(inlineToken).join(''));
}

function inlineToken(token: Token): string {
  switch (token.type) {
    case 'text':
    case 'escape': {
      const t = token as Tokens.Text;
      return t.tokens ? t.tokens.map(inlineToken).join('') : t.text;
    }
    case 'strong':
    case 'em':
    case 'del':
      return (token as Tokens.Strong).tokens.map(inlineToken).join('');
    case 'link': {
      const link = token as Tokens.Link;
      const text = link.tokens.map(inlineToken).join('');
      // An autolink's text is its address: nothing to say.
      return IS_URL.test(text) || text.trim() === link.href ? '' : text;
    }
    case 'br':
      return ' ';
    // Inline code, pictures and raw HTML tags.
    default:
      return '';
  }
}

/** Leftovers a half-written answer has not closed yet (a lone ** or `), bare URLs and entities. */
function clean(text: string): string {
  return text
    .replace(CITATION, '')
    .replace(CITATION_OPEN, '')
    .replace(URL_PATTERN, '')
    .replace(/`[^`]*`?/g, '')
    .replace(/(^|\s)[*_~#]+(?=\S)|(?<=\S)[*_~]+(?=\s|$|[.,;:!?])/g, '$1')
    .replace(/&(#39|[a-z]+);/gi, (m, name: string) => ENTITIES[name.toLowerCase()] ?? m)
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,;:!?])/g, '$1')
    .trim();
}

function withFullStop(text: string): string {
  return text && !/[.!?。！？:;…]$/.test(text) ? `${text}.` : text;
}
