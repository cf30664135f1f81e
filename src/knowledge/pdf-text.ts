// A PDF's text, page by page, with pdf.js. Its worker script is self-hosted (bundled with the app and
// precached), fonts are never turned into web fonts and nothing is fetched: text extraction needs
// neither, and the page's CSP stays as it is. Loaded only when a PDF is imported.
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { DocumentUnreadableError } from '../core/errors';

GlobalWorkerOptions.workerSrc = workerUrl;

/** A gap this many line heights tall between two lines ends a paragraph. */
const PARAGRAPH_GAP = 1.6;

function pageText(items: readonly TextItem[]): string {
  let out = '';
  let lastY: number | null = null;
  let lastHeight = 0;
  for (const item of items) {
    const y = item.transform[5] ?? 0;
    if (lastY !== null && lastHeight > 0 && Math.abs(lastY - y) > lastHeight * PARAGRAPH_GAP && !out.endsWith('\n\n')) {
      out = out.replace(/\n?$/, '\n\n');
    }
    out += item.str + (item.hasEOL ? '\n' : '');
    if (item.str.trim()) {
      lastY = y;
      lastHeight = item.height || lastHeight;
    }
  }
  return out;
}

export interface PdfText {
  pages: string[];
}

/** Throws DocumentUnreadableError: 'password' (none given), 'wrong-password',
 *  'damaged' (not a PDF, or truncated), 'no-text' (scanned pages with no text layer). */
export async function pdfText(name: string, bytes: Uint8Array, password?: string, signal?: AbortSignal): Promise<PdfText> {
  const task = getDocument({
    data: bytes,
    ...(password ? { password } : {}),
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    enableXfa: false,
    stopAtErrors: false,
  });
  signal?.addEventListener('abort', () => void task.destroy(), { once: true });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    const error = e as { name?: string; code?: number; message?: string };
    if (error.name === 'PasswordException') {
      // pdf.js's PasswordResponses: 1 = none given, 2 = the one given is wrong.
      throw new DocumentUnreadableError(name, error.code === 2 ? 'wrong-password' : 'password');
    }
    throw new DocumentUnreadableError(name, 'damaged', error.message ?? String(e));
  }
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      signal?.throwIfAborted();
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(pageText(content.items.filter((i): i is TextItem => 'str' in i)));
      page.cleanup();
    }
    if (!pages.some((p) => p.trim()))
      throw new DocumentUnreadableError(name, 'no-text', `${doc.numPages} pages without a text layer`);
    return { pages };
  } catch (e) {
    if (e instanceof DocumentUnreadableError || signal?.aborted) throw e;
    throw new DocumentUnreadableError(name, 'damaged', (e as Error).message);
  } finally {
    await task.destroy();
  }
}
