// Cuts a document into passages for search and for the model's prompt. Passages follow the
// document's structure: a heading or a new PDF page starts one, paragraphs and list items are kept
// whole while they fit, and only a block too long for one passage is cut, at a sentence end if it
// can be, else at a space, else anywhere. Passages cut from one run of text share a little overlap,
// so a sentence split between two is whole in one of them. Sizes are estimated tokens (the
// context window's estimate: CJK text weighs more per character), and no passage exceeds maxTokens.
// Linear in the document's length, a 5 MB line included.
import { charUnits, UNITS_PER_TOKEN } from '../context-window';
import type { TextBlock } from './text-blocks';

export interface ChunkOptions {
  /** A passage is closed once the next block would take it past this. */
  targetTokens: number;
  /** The hard cap, overlap included. */
  maxTokens: number;
  /** Repeated from the end of the previous passage when a run of text is cut by size. */
  overlapTokens: number;
}

export const DEFAULT_CHUNKING: ChunkOptions = { targetTokens: 200, maxTokens: 320, overlapTokens: 40 };

export interface Chunk {
  /** Position in the document, from 0. */
  index: number;
  text: string;
  /** The headings above the passage, outermost first. */
  headings: string[];
  /** PDF pages the passage spans. */
  page?: number;
  /** The characters at the start of `text` repeated from the previous passage. */
  overlapChars: number;
  /** Estimated tokens of `text`. */
  tokens: number;
}

interface Piece {
  text: string;
  units: number;
  headings: string[];
  page: number | undefined;
  /** A heading or a page change comes before this piece: the passage must start afresh. */
  breaksBefore: boolean;
}

/** The newline or space that joins two pieces in a passage. */
const JOIN_UNITS = charUnits(0x0a);
const SENTENCE_END = /[.!?。！？；;:：]/;
const isSpace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\u3000';

function unitsOf(text: string): number {
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // a surrogate pair counts once, as the astral character it encodes
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) continue;
    units += charUnits(c >= 0xd800 && c <= 0xdbff ? 0x10000 : c);
  }
  return units;
}

/** Where to end a piece that starts at `from` and may weigh `limit` units: at the last sentence end
 *  past the window's first 30 %, else at the last space past its first 60 %, else at the limit
 *  (never inside a surrogate pair). Every piece but the last is at least 30 % of the window, so the
 *  backward search stays linear overall. */
function cutPoint(text: string, from: number, limit: number): number {
  let units = 0;
  let end = from;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    const width = c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    const u = charUnits(width === 2 ? 0x10000 : c);
    if (units + u > limit) break;
    units += u;
    end += width;
  }
  if (end >= text.length) return text.length;
  const sentenceFloor = from + Math.floor((end - from) * 0.3);
  const spaceFloor = from + Math.floor((end - from) * 0.6);
  let space = -1;
  for (let i = end - 1; i > sentenceFloor; i--) {
    const ch = text[i]!;
    if (SENTENCE_END.test(ch) && (i + 1 >= text.length || isSpace(text[i + 1]!) || ch.charCodeAt(0) > 0x2e80)) return i + 1;
    if (space < 0 && i > spaceFloor && isSpace(ch)) space = i + 1;
  }
  return space > 0 ? space : Math.max(end, from + 1);
}

/** A block cut into pieces of at most `limit` units. */
function splitBlock(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let from = 0;
  while (from < text.length) {
    while (from < text.length && isSpace(text[from]!)) from++;
    if (from >= text.length) break;
    const end = cutPoint(text, from, limit);
    const piece = text.slice(from, end).trim();
    if (piece) pieces.push(piece);
    from = end;
  }
  return pieces;
}

/** The end of `text` weighing at most `limit` units, starting after a space when there is one. */
function tail(text: string, limit: number): string {
  let units = 0;
  let start = text.length;
  while (start > 0) {
    const u = charUnits(text.charCodeAt(start - 1));
    if (units + u > limit) break;
    units += u;
    start--;
  }
  if (start === 0) return text;
  for (let i = start; i < text.length; i++) if (isSpace(text[i]!)) return text.slice(i + 1);
  return text.slice(start);
}

function pieces(blocks: readonly TextBlock[], limit: number): Piece[] {
  const out: Piece[] = [];
  const path: { level: number; text: string }[] = [];
  let page: number | undefined;
  let pendingBreak = false;
  for (const block of blocks) {
    const text = block.text.trim();
    if (!text) continue;
    if (block.page !== page) {
      pendingBreak = pendingBreak || page !== undefined || out.length > 0;
      page = block.page;
    }
    if (block.kind === 'heading') {
      const level = block.level ?? 1;
      while (path.length && path[path.length - 1]!.level >= level) path.pop();
      path.push({ level, text });
      pendingBreak = true;
    }
    const headings = path.map((h) => h.text);
    splitBlock(text, limit).forEach((part, i) => {
      out.push({ text: part, units: unitsOf(part), headings, page, breaksBefore: pendingBreak && i === 0 });
    });
    pendingBreak = false;
  }
  return out;
}

export function chunkBlocks(blocks: readonly TextBlock[], options: ChunkOptions = DEFAULT_CHUNKING): Chunk[] {
  const { targetTokens, maxTokens, overlapTokens } = options;
  if (!(overlapTokens >= 0 && targetTokens > 0 && targetTokens + overlapTokens <= maxTokens)) {
    throw new RangeError(`chunk sizes do not fit: target ${targetTokens} + overlap ${overlapTokens} > max ${maxTokens}`);
  }
  const target = targetTokens * UNITS_PER_TOKEN;
  const overlap = overlapTokens * UNITS_PER_TOKEN;
  const chunks: Chunk[] = [];
  let parts: string[] = [];
  let units = 0;
  let lead = '';
  let first: Piece | null = null;
  const close = () => {
    if (!first) return;
    const body = parts.join('\n');
    const text = lead ? `${lead} ${body}` : body;
    chunks.push({
      index: chunks.length,
      text,
      headings: first.headings,
      ...(first.page === undefined ? {} : { page: first.page }),
      overlapChars: lead ? lead.length + 1 : 0,
      tokens: Math.ceil(unitsOf(text) / UNITS_PER_TOKEN),
    });
  };
  for (const piece of pieces(blocks, target)) {
    const fits = first !== null && !piece.breaksBefore && units + JOIN_UNITS + piece.units <= target;
    if (fits) {
      parts.push(piece.text);
      units += JOIN_UNITS + piece.units;
      continue;
    }
    const previous = parts[parts.length - 1];
    close();
    // Overlap only where size cut a run of text; a heading or a new page starts clean.
    lead = !piece.breaksBefore && previous && overlap > JOIN_UNITS ? tail(previous, overlap - JOIN_UNITS) : '';
    parts = [piece.text];
    units = piece.units;
    first = piece;
  }
  close();
  return chunks;
}
