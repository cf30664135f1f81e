// The [n] marks of an answer from the person's documents, where n numbers a passage it was given
// (core/knowledge/grounding). Apart from grounding so the Talk view's first load carries only this.

/** Turns "[n]" that name a source into markdown links "[[n]](#cite-n)", so the rendered answer links
 *  them; numbers that name no source, and "[n](…)" and "[n]:" that already are markdown, stay as written. */
export function linkCitations(markdown: string, count: number): string {
  return markdown.replace(/\[(\d{1,3})\](?![(:])/g, (whole, digits: string) => {
    const n = Number(digits);
    return n >= 1 && n <= count ? `[\\[${n}\\]](#cite-${n})` : whole;
  });
}

/** The source numbers an answer names, in order of first mention. */
export function citedNumbers(text: string, count: number): number[] {
  const seen: number[] = [];
  for (const m of text.matchAll(/\[(\d{1,3})\]/g)) {
    const n = Number(m[1]);
    if (n >= 1 && n <= count && !seen.includes(n)) seen.push(n);
  }
  return seen;
}
