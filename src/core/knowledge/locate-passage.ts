// Where a passage stands in its document's text. A passage is not always a verbatim slice: markdown
// loses its marks and links keep only their words, lines are joined with spaces, PDF pages are joined.
// So both are compared on letters and digits only (case folded), and when the whole passage is not
// found that way (a link's address dropped from the middle, say), its first and last words anchor
// the range.

const WORD_CHAR = /[\p{L}\p{N}]/u;

interface Folded {
  chars: string;
  /** Offset in the original text of each folded character. */
  at: number[];
}

function fold(text: string): Folded {
  let chars = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    const ch = String.fromCodePoint(code);
    if (WORD_CHAR.test(ch)) {
      const lower = ch.toLowerCase();
      chars += lower;
      for (let k = 0; k < lower.length; k++) at.push(i);
    }
    if (code > 0xffff) i++;
  }
  return { chars, at };
}

/** Folded characters used to anchor each end when the whole passage does not match. */
const ANCHOR = 24;

/** The passage's range in `documentText` (UTF-16 offsets, end exclusive), or null when it is not there. */
export function locatePassage(documentText: string, passageText: string): [number, number] | null {
  const doc = fold(documentText);
  const passage = fold(passageText).chars;
  if (!passage) return null;
  const range = (start: number, endExclusive: number): [number, number] => {
    const last = doc.at[endExclusive - 1]!;
    const lastCode = documentText.codePointAt(last)!;
    return [doc.at[start]!, last + (lastCode > 0xffff ? 2 : 1)];
  };
  const whole = doc.chars.indexOf(passage);
  if (whole >= 0) return range(whole, whole + passage.length);
  for (let size = Math.min(ANCHOR, passage.length); size >= 4; size = Math.floor(size / 2)) {
    const start = doc.chars.indexOf(passage.slice(0, size));
    if (start < 0) continue;
    const tail = passage.slice(-size);
    const end = doc.chars.indexOf(tail, start + size);
    // The tail must be near: a passage never spans more than a few times its own length.
    if (end >= 0 && end - start <= passage.length * 4) return range(start, end + size);
    return range(start, start + size);
  }
  return null;
}
