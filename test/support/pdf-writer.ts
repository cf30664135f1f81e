// A minimal PDF writer for tests: pages of text lines (the standard Helvetica font, WinAnsi text), a
// page of only drawn lines, or a page of only an image: the shape of a scanned page, with no text
// layer. The objects are written pages first and the catalog last, so a file cut short (a download
// that stopped half-way) has lost its root, as a real truncated file usually has. Byte offsets in the
// cross-reference table are exact, so pdf.js reads the file without repairing it.

export type PdfPage = { text: readonly string[] } | { drawing: true } | { image: true };

const escapeText = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);

function pageContent(page: PdfPage): string {
  if ('text' in page) {
    // Each line 18 pt below the last; an empty line leaves a gap (a new paragraph for pdf-text).
    const lines = page.text.map((line) => `(${escapeText(line)}) Tj 0 -18 Td`);
    return `BT /F1 12 Tf 72 740 Td ${lines.join(' ')} ET`;
  }
  if ('drawing' in page) return '2 w 72 700 m 540 700 l S 72 650 m 540 650 l S 100 100 400 400 re S';
  return 'q 400 0 0 400 100 200 cm /Im1 Do Q';
}

/** A 16×16 grey gradient: the "scan" of an image-only page. */
function imageObject(): string {
  const pixels = Array.from({ length: 256 }, (_, i) => (i * 7) & 0xff)
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
  const data = `${pixels}>`;
  return `<< /Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /ASCIIHexDecode /Length ${data.length} >>\nstream\n${data}\nendstream`;
}

export function writePdf(pages: readonly PdfPage[]): Uint8Array {
  // Object numbers: font 1, image 2, then per page its content and its page object, then the page
  // tree and the catalog.
  const objects: string[] = [];
  objects[1] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[2] = imageObject();
  const treeNumber = 3 + pages.length * 2;
  const pageNumbers: number[] = [];
  pages.forEach((page, i) => {
    const contentNumber = 3 + i * 2;
    const content = pageContent(page);
    objects[contentNumber] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
    objects[contentNumber + 1] =
      `<< /Type /Page /Parent ${treeNumber} 0 R /MediaBox [0 0 612 792] /Contents ${contentNumber} 0 R ` +
      `/Resources << /Font << /F1 1 0 R >> /XObject << /Im1 2 0 R >> >> >>`;
    pageNumbers.push(contentNumber + 1);
  });
  objects[treeNumber] = `<< /Type /Pages /Kids [${pageNumbers.map((n) => `${n} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[treeNumber + 1] = `<< /Type /Catalog /Pages ${treeNumber} 0 R >>`;

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let n = 1; n < objects.length; n++) {
    offsets[n] = out.length;
    out += `${n} 0 obj\n${objects[n]}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let n = 1; n < objects.length; n++) out += `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root ${treeNumber + 1} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  // Latin-1: one byte per character, so the offsets above are byte offsets.
  return Uint8Array.from(out, (c) => c.charCodeAt(0));
}
