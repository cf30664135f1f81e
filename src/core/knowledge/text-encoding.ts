// Which encoding a text file is in, from its bytes: a byte-order mark says so; without one, UTF-8 is
// assumed unless the zero bytes say UTF-16. A file whose bytes are not text at all (an image or an
// archive renamed .txt) is told apart before decoding, so the person hears why it cannot be used.

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface SniffedEncoding {
  encoding: TextEncodingName;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
}

/** How many leading bytes the sniffers look at: enough to judge, cheap on a 50 MB file. */
export const SNIFF_BYTES = 64 * 1024;

export function sniffEncoding(bytes: Uint8Array): SniffedEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  // UTF-16 without a mark: text in Latin scripts has a zero in every other byte.
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n >= 4) {
    let evenZeros = 0;
    let oddZeros = 0;
    for (let i = 0; i < n; i += 2) {
      if (bytes[i] === 0) evenZeros++;
      if (bytes[i + 1] === 0) oddZeros++;
    }
    const pairs = n / 2;
    if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return { encoding: 'utf-16le', bomLength: 0 };
    if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return { encoding: 'utf-16be', bomLength: 0 };
  }
  return { encoding: 'utf-8', bomLength: 0 };
}

/** True when decoded text is not prose: NUL characters, or many control characters other than
 *  tab, newline, carriage return and form feed, in its first SNIFF_BYTES characters. */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, SNIFF_BYTES);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd) controls++;
  }
  return n > 0 && controls / n > 0.02;
}
