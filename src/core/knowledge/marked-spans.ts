// A text cut into plain and marked pieces, for highlighting search words or a passage. The UI renders
// each piece as a text node (or a text node inside <mark>): a document's text is never parsed as markup.

export interface TextSpan {
  text: string;
  marked: boolean;
}

/** `text` cut at `ranges` (UTF-16 offsets, end exclusive; any order, overlaps merged, clipped to the text). */
export function markedSpans(text: string, ranges: readonly (readonly [number, number])[]): TextSpan[] {
  const sorted = ranges
    .map(([s, e]): [number, number] => [Math.max(0, s), Math.min(text.length, e)])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  const spans: TextSpan[] = [];
  let at = 0;
  for (const [s, e] of merged) {
    if (s > at) spans.push({ text: text.slice(at, s), marked: false });
    spans.push({ text: text.slice(s, e), marked: true });
    at = e;
  }
  if (at < text.length || !spans.length) spans.push({ text: text.slice(at), marked: false });
  return spans;
}
