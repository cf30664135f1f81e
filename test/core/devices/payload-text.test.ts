import { describe, expect, it } from 'vitest';
import { decodeUtf8Strict, payloadText } from '../../../src/core/devices/payload-text';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('decodeUtf8Strict', () => {
  it('decodes what Node decodes, across 1- to 4-byte characters', () => {
    const text = 'ON 客厅灯 24.5°C 🙂 ü';
    expect(decodeUtf8Strict(new TextEncoder().encode(text))).toBe(text);
  });

  it('decodes long payloads in pieces', () => {
    const text = '灯'.repeat(10_000);
    expect(decodeUtf8Strict(new TextEncoder().encode(text))).toBe(text);
  });

  it.each([
    ['a lone continuation byte', bytes(0x80)],
    ['a truncated sequence', bytes(0xe5, 0xae)],
    ['an overlong slash', bytes(0xc0, 0xaf)],
    ['an overlong 3-byte form', bytes(0xe0, 0x80, 0xaf)],
    ['a UTF-16 surrogate', bytes(0xed, 0xa0, 0x80)],
    ['a code point past U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80)],
    ['a Latin-1 byte', bytes(0x4f, 0xd6, 0x4e)],
  ])('refuses %s', (_name, input) => {
    expect(decodeUtf8Strict(input)).toBeUndefined();
  });
});

describe('payloadText', () => {
  it('refuses payloads over the limit before decoding them', () => {
    const result = payloadText(new Uint8Array(11), 10);
    expect(result).toEqual({ ok: false, code: 'oversized', reason: 'payload of 11 bytes is over the 10-byte limit' });
  });

  it('names non-UTF-8 payloads', () => {
    expect(payloadText(bytes(0xff, 0xfe), 10)).toMatchObject({ ok: false, code: 'not-utf8' });
  });
});
