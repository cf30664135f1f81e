import { describe, expect, it } from 'vitest';
import { createResumableSha256, hashBlobs, sha256FromEtag } from '../../src/store/hasher';
import { bytesOf, MODEL_ONNX_SHA256, sha256 } from '../support/fixture-models';

describe('resumable SHA-256', () => {
  it('matches node:crypto over a real model file fed in uneven pieces', async () => {
    const bytes = bytesOf('onnx/model.onnx');
    const hash = await createResumableSha256();
    for (let at = 0, step = 1; at < bytes.length; at += step, step = (step * 7 + 13) % 300_000 || 1) {
      hash.update(bytes.subarray(at, at + step));
    }
    expect(hash.digestHex()).toBe(MODEL_ONNX_SHA256);
    expect(sha256(bytes)).toBe(MODEL_ONNX_SHA256);
  });

  it('continues from a saved state in a new hasher (a reload between chunks)', async () => {
    const bytes = bytesOf('tokenizer.json');
    const first = await createResumableSha256();
    first.update(bytes.subarray(0, 100_000));
    const state = first.save();
    expect(state.byteLength).toBeGreaterThan(0);
    const second = await createResumableSha256(state.slice()); // a copy, as IndexedDB would return
    second.update(bytes.subarray(100_000));
    expect(second.digestHex()).toBe(sha256(bytes));
  });

  it('refuses a state it cannot load', async () => {
    await expect(createResumableSha256(new Uint8Array([1, 2, 3]))).rejects.toThrow();
  });

  it('hashes blobs in order', async () => {
    const bytes = bytesOf('config.json');
    const hash = await createResumableSha256();
    await hashBlobs(hash, [new Blob([bytes.subarray(0, 10)]), new Blob([bytes.subarray(10)])]);
    expect(hash.digestHex()).toBe(sha256(bytes));
  });
});

describe('sha256FromEtag', () => {
  const hex = MODEL_ONNX_SHA256;
  it('takes a quoted, weak or upper-case 64-hex tag', () => {
    expect(sha256FromEtag(`"${hex}"`)).toBe(hex);
    expect(sha256FromEtag(`W/"${hex}"`)).toBe(hex);
    expect(sha256FromEtag(hex.toUpperCase())).toBe(hex);
  });
  it('ignores git blob ids and anything else', () => {
    expect(sha256FromEtag('"a9b0c2f4d6e8a9b0c2f4d6e8a9b0c2f4d6e8a9b0"')).toBeNull();
    expect(sha256FromEtag('"abc-123"')).toBeNull();
    expect(sha256FromEtag(null)).toBeNull();
    expect(sha256FromEtag('')).toBeNull();
  });
});
