// An HTML document as text blocks. DOMParser builds an inert document: its scripts never run and
// its images, styles and frames never load, so a saved web page is read as words only. It parses the
// inert form of the HTML (no attributes, no <style>), so the page's CSP has nothing to refuse.
import { inertHtml } from '../core/knowledge/inert-html';
import type { TextBlock } from '../core/knowledge/text-blocks';

const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH', 'HEAD']);
const BLOCKS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'CAPTION',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
]);

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

function kindOf(tag: string): Pick<TextBlock, 'kind' | 'level'> {
  if (/^H[1-6]$/.test(tag)) return { kind: 'heading', level: Number(tag[1]) };
  if (tag === 'LI' || tag === 'DT' || tag === 'DD') return { kind: 'list-item' };
  if (tag === 'PRE') return { kind: 'code' };
  return { kind: 'paragraph' };
}

export function htmlBlocks(html: string): TextBlock[] {
  const doc = new DOMParser().parseFromString(inertHtml(html), 'text/html');
  const blocks: TextBlock[] = [];
  const walk = (element: Element) => {
    let loose = '';
    const flushLoose = () => {
      const text = squash(loose);
      if (text) blocks.push({ ...kindOf(element.tagName), text });
      loose = '';
    };
    for (const node of Array.from(element.childNodes)) {
      if (node.nodeType === Node.TEXT_NODE) loose += node.textContent ?? '';
      else if (node.nodeType === Node.ELEMENT_NODE) {
        const child = node as Element;
        if (SKIPPED.has(child.tagName.toUpperCase())) continue;
        if (child.tagName === 'BR') loose += '\n';
        else if (BLOCKS.has(child.tagName)) {
          flushLoose();
          if (child.tagName === 'PRE') {
            const code = (child.textContent ?? '').replace(/^\n|\n$/g, '');
            if (code.trim()) blocks.push({ kind: 'code', text: code });
          } else walk(child);
        } else loose += inlineText(child);
      }
    }
    flushLoose();
  };
  walk(doc.body);
  return blocks;
}

/** The text of an inline element, leaving out what never shows (scripts inside a span). */
function inlineText(element: Element): string {
  if (SKIPPED.has(element.tagName.toUpperCase())) return '';
  let text = '';
  for (const node of Array.from(element.childNodes)) {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent ?? '';
    else if (node.nodeType === Node.ELEMENT_NODE) text += (node as Element).tagName === 'BR' ? '\n' : inlineText(node as Element);
  }
  return text;
}
