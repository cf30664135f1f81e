import { describe, expect, test } from 'vitest';
import { looksBinary, sniffEncoding } from '../../../src/core/knowledge/text-encoding';

const utf16 = (text: string, bigEndian: boolean) => {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[i * 2 + (bigEndian ? 1 : 0)] = c & 0xff;
    out[i * 2 + (bigEndian ? 0 : 1)] = c >> 8;
  }
  return out;
};
const withBom = (bom: number[], body: Uint8Array) => new Uint8Array([...bom, ...body]);
const decode = (bytes: Uint8Array) => {
  const { encoding, bomLength } = sniffEncoding(bytes);
  return new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(bomLength));
};

describe('sniffEncoding', () => {
  const text = 'The boiler manual. 锅炉说明书。';
  test.each([
    ['UTF-8', new TextEncoder().encode(text), 'utf-8', 0],
    ['UTF-8 with BOM', withBom([0xef, 0xbb, 0xbf], new TextEncoder().encode(text)), 'utf-8', 3],
    ['UTF-16LE with BOM', withBom([0xff, 0xfe], utf16(text, false)), 'utf-16le', 2],
    ['UTF-16BE with BOM', withBom([0xfe, 0xff], utf16(text, true)), 'utf-16be', 2],
    ['UTF-16LE without BOM', utf16('Plain English words in a Windows note.', false), 'utf-16le', 0],
    ['UTF-16BE without BOM', utf16('Plain English words in an old Mac note.', true), 'utf-16be', 0],
  ])('%s', (_, bytes, encoding, bomLength) => {
    expect(sniffEncoding(bytes)).toEqual({ encoding, bomLength });
    expect(decode(bytes)).toMatch(/^(The boiler manual|Plain English)/);
  });

  test('empty input is UTF-8', () => expect(sniffEncoding(new Uint8Array())).toEqual({ encoding: 'utf-8', bomLength: 0 }));
});

describe('looksBinary', () => {
  test('prose with tabs and newlines is text, in any script', () => {
    expect(looksBinary('Line one\tcol\r\nLine two\n\f锅炉')).toBe(false);
    expect(looksBinary('')).toBe(false);
  });

  test('a PNG passed off as text is binary', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(looksBinary(new TextDecoder('utf-8').decode(png))).toBe(true);
  });

  test('random bytes decoded leniently are binary', () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    expect(looksBinary(new TextDecoder('utf-8').decode(bytes))).toBe(true);
  });
});
