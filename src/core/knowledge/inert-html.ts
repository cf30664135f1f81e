// HTML made quiet before the browser parses it for its words. DOMParser's document never runs a
// script or loads a resource, but Chromium still checks each inline style and event-handler attribute
// against the page's CSP as the parser creates it, and reports a violation for each: a saved web page
// would make the app look as if it tried to run the page's code. Text extraction needs neither
// attributes nor stylesheets, so every start tag loses its attributes and every <style> element goes.

/** A start tag with its attributes (quoted values may hold '>'). No part of it crosses a '<', so a
 *  failed match ends at the next tag and a file of unclosed tags is scanned in linear time. */
const START_TAG = /<([a-zA-Z][^\s/<>]*)(?:\s+(?:[^\s"'<>/=]+(?:\s*=\s*(?:"[^"<]*"|'[^'<]*'|[^\s"'<>]+))?|\/))*\s*(\/?)>/g;
/** <style> is raw text in HTML: its first </style ends it, whatever comes before. */
const STYLE_ELEMENT = /<style\b[^>]*>[\s\S]*?(?:<\/style\s*>|$)/gi;

export function inertHtml(html: string): string {
  return html.replace(STYLE_ELEMENT, '').replace(START_TAG, (_, name: string, selfClosing: string) => `<${name}${selfClosing}>`);
}
