// A Word document (.docx) as text blocks: mammoth turns its headings, paragraphs, list items and
// tables into plain HTML, which is then read like any HTML file (inertly, words only). Images are
// never read (an empty src in their place, dropped with the attributes), and linked external files
// are never fetched. Loaded only when a .docx is imported, so its ~100 KB stay off the first view.
import mammoth from 'mammoth';
import { DocumentUnreadableError } from '../core/errors';
import type { TextBlock } from '../core/knowledge/text-blocks';
import { htmlBlocks } from './html-blocks';

const noImages = mammoth.images.imgElement(() => Promise.resolve({ src: '' }));

/** Throws DocumentUnreadableError 'damaged-docx' for a file that is not a readable .docx (not a zip,
 *  cut short, or a zip without a Word document in it). */
export async function docxBlocks(name: string, bytes: Uint8Array): Promise<TextBlock[]> {
  let html: string;
  try {
    const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    html = (await mammoth.convertToHtml({ arrayBuffer }, { convertImage: noImages, externalFileAccess: false })).value;
  } catch (e) {
    throw new DocumentUnreadableError(name, 'damaged-docx', e instanceof Error ? e.message : String(e));
  }
  return htmlBlocks(html);
}
