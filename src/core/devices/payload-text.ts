// MQTT payloads are bytes from whatever is on the broker. Before any parsing they are held to a size
// limit and decoded as strict UTF-8 here (core has no TextDecoder), so a huge or binary payload is
// refused with a reason instead of being half-read.

/** Largest discovery config accepted. Real configs are a few hundred bytes to a few KiB. */
export const MAX_DISCOVERY_BYTES = 64 * 1024;
/** Largest state or availability payload accepted. */
export const MAX_STATE_BYTES = 16 * 1024;

export type PayloadText = { ok: true; text: string } | { ok: false; code: 'oversized' | 'not-utf8'; reason: string };

export function payloadText(bytes: Uint8Array, maxBytes: number): PayloadText {
  if (bytes.length > maxBytes) {
    return { ok: false, code: 'oversized', reason: `payload of ${bytes.length} bytes is over the ${maxBytes}-byte limit` };
  }
  const text = decodeUtf8Strict(bytes);
  if (text === undefined) return { ok: false, code: 'not-utf8', reason: 'payload is not valid UTF-8' };
  return { ok: true, text };
}

/** Strict UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF); undefined when invalid. */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  const parts: string[] = [];
  let codes: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i]!;
    let cp: number;
    let need: number;
    let min: number;
    if (b0 < 0x80) {
      cp = b0;
      need = 0;
      min = 0;
    } else if (b0 >= 0xc2 && b0 <= 0xdf) {
      cp = b0 & 0x1f;
      need = 1;
      min = 0x80;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      cp = b0 & 0x0f;
      need = 2;
      min = 0x800;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      cp = b0 & 0x07;
      need = 3;
      min = 0x10000;
    } else {
      return undefined;
    }
    for (let k = 1; k <= need; k++) {
      const b = bytes[i + k];
      if (b === undefined || (b & 0xc0) !== 0x80) return undefined;
      cp = (cp << 6) | (b & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
    codes.push(cp);
    i += need + 1;
    if (codes.length >= 4096) {
      parts.push(String.fromCodePoint(...codes));
      codes = [];
    }
  }
  parts.push(String.fromCodePoint(...codes));
  return parts.join('');
}
