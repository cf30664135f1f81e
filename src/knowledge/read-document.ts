// A file the person adds to Knowledge, read as text blocks: the format from its name (or type), text
// decoded as UTF-8 or UTF-16 (BOM or zero-byte pattern), HTML read inertly, PDF by pdf.js and .docx
// by mammoth (each loaded only then). Every way a file can be unusable is a DocumentUnreadableError
// with its reason, so the import names it and goes on with the other files.
import { DocumentUnreadableError } from '../core/errors';
import { markdownBlocks, pagedBlocks, plainTextBlocks, type TextBlock } from '../core/knowledge/text-blocks';
import { looksBinary, sniffEncoding } from '../core/knowledge/text-encoding';
import type { DocumentFormat } from '../platform/knowledge-store';
import { htmlBlocks } from './html-blocks';

/** Larger files are refused: a phone's tab would run out of memory chunking and embedding them. */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

const BY_EXTENSION: Record<string, Exclude<DocumentFormat, 'note'>> = {
  txt: 'txt',
  text: 'txt',
  md: 'md',
  markdown: 'md',
  html: 'html',
  htm: 'html',
  pdf: 'pdf',
  docx: 'docx',
};

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function formatOf(name: string, type = ''): Exclude<DocumentFormat, 'note'> | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext && BY_EXTENSION[ext]) return BY_EXTENSION[ext];
  if (type === 'application/pdf') return 'pdf';
  if (type === DOCX_TYPE) return 'docx';
  if (type === 'text/html') return 'html';
  if (type === 'text/markdown') return 'md';
  if (type.startsWith('text/')) return 'txt';
  return null;
}

export interface ReadDocument {
  format: Exclude<DocumentFormat, 'note'>;
  /** The text as the person would read it (for "open at this passage"). */
  text: string;
  blocks: TextBlock[];
  pages?: number;
}

/** Text bytes as a string, or why they are not text. */
export function decodeText(name: string, bytes: Uint8Array): string {
  const { encoding, bomLength } = sniffEncoding(bytes);
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(bomLength));
  } catch {
    // Not valid UTF-8: binary, or a legacy code page this app cannot guess.
    const lenient = new TextDecoder(encoding).decode(bytes.subarray(bomLength));
    throw new DocumentUnreadableError(name, looksBinary(lenient) ? 'binary' : 'undecodable', encoding);
  }
  if (looksBinary(text)) throw new DocumentUnreadableError(name, 'binary');
  return text;
}

export async function readDocument(
  file: Pick<File, 'name' | 'type' | 'size' | 'arrayBuffer'>,
  { password, signal }: { password?: string; signal?: AbortSignal } = {},
): Promise<ReadDocument> {
  const format = formatOf(file.name, file.type);
  if (!format) throw new DocumentUnreadableError(file.name, 'unsupported');
  if (file.size > MAX_DOCUMENT_BYTES) throw new DocumentUnreadableError(file.name, 'too-big', `${file.size} bytes`);
  if (file.size === 0) throw new DocumentUnreadableError(file.name, 'empty');
  const bytes = new Uint8Array(await file.arrayBuffer());
  signal?.throwIfAborted();
  let read: ReadDocument;
  if (format === 'pdf') {
    const { pdfText } = await import('./pdf-text');
    const { pages } = await pdfText(file.name, bytes, password, signal);
    read = { format, text: pages.join('\n\n'), blocks: pagedBlocks(pages), pages: pages.length };
  } else if (format === 'docx') {
    const { docxBlocks } = await import('./docx-text');
    const blocks = await docxBlocks(file.name, bytes);
    read = { format, text: blocks.map((b) => b.text).join('\n\n'), blocks };
  } else {
    const text = decodeText(file.name, bytes);
    const blocks = format === 'md' ? markdownBlocks(text) : format === 'html' ? htmlBlocks(text) : plainTextBlocks(text);
    read = { format, text: format === 'html' ? blocks.map((b) => b.text).join('\n\n') : text, blocks };
  }
  if (!read.blocks.some((b) => b.text.trim())) throw new DocumentUnreadableError(file.name, 'empty');
  return read;
}
