// Model output is untrusted text: it is rendered as markdown (marked) and then sanitised (DOMPurify)
// before it reaches the DOM. Beyond script, the sanitiser also drops everything that would make the
// browser fetch on its own — images, media, frames, forms, styles — because a model could otherwise
// write a tracking pixel and break the promise that nothing leaves the device.
import DOMPurify from 'dompurify';
import { Marked } from 'marked';

// Raw HTML in model output is shown as the text it is, never parsed as markup: even an inert parse
// of `<img onerror=…>` (the sanitiser's own) is more than a chat message needs.
const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: { html: ({ text }) => escapeHtml(text) },
});

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const FORBID_TAGS = [
  'img',
  'picture',
  'source',
  'video',
  'audio',
  'track',
  'iframe',
  'object',
  'embed',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'style',
  'link',
  'meta',
  'base',
  'svg',
  'math',
];
const FORBID_ATTR = ['style', 'srcset', 'src', 'action', 'formaction', 'background', 'poster', 'ping'];

let hooked = false;
function hookLinks(): void {
  if (hooked) return;
  hooked = true;
  // Links leave the app in a new tab and say nothing about where they came from.
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
}

export function renderMarkdown(text: string): string {
  hookLinks();
  const html = marked.parse(text) as string;
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#)/i,
  });
}
