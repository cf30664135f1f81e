import { describe, expect, it } from 'vitest';
import { fromErrorRecord, toErrorRecord } from '../../src/core/error-record';
import { BlockedByPolicyError, IntegrityError, ModelSourceError, NetworkError, StorageQuotaError } from '../../src/core/errors';

// Records are stored with structured clone: JSON round trips stand in for it here.
const roundTrip = (e: unknown) => fromErrorRecord(JSON.parse(JSON.stringify(toErrorRecord(e))));

describe('error records', () => {
  it('bring back each named error with its fields and exact message', () => {
    const integrity = new IntegrityError('org/repo/onnx/model.onnx', 'a'.repeat(64), 'b'.repeat(64));
    expect(roundTrip(integrity)).toBeInstanceOf(IntegrityError);
    expect(roundTrip(integrity)).toMatchObject({
      file: integrity.file,
      expected: integrity.expected,
      message: integrity.message,
    });

    const quota = new StorageQuotaError(5_000_000, null);
    expect(roundTrip(quota)).toBeInstanceOf(StorageQuotaError);
    expect(roundTrip(quota)).toMatchObject({ neededBytes: 5_000_000, availableBytes: null });

    const source = new ModelSourceError('https://m/org/repo/resolve/main/x.json', 500, 'busy');
    expect(roundTrip(source)).toMatchObject({ status: 500, url: source.url, message: source.message });
    expect(roundTrip(source)).toBeInstanceOf(ModelSourceError);

    const network = new NetworkError('https://m/org/repo/resolve/main/x.json', new TypeError('Failed to fetch'));
    expect(roundTrip(network)).toBeInstanceOf(NetworkError);
    expect(roundTrip(network)).toMatchObject({ url: network.url });

    const blocked = new BlockedByPolicyError('http://127.0.0.1:9000/org/repo/resolve/main/x.json');
    expect(roundTrip(blocked)).toBeInstanceOf(BlockedByPolicyError);
    expect(roundTrip(blocked)).toMatchObject({ url: blocked.url, origin: 'http://127.0.0.1:9000', message: blocked.message });
  });

  it('keeps a size mismatch worded as a size mismatch', () => {
    const e = new IntegrityError('f', '10 bytes', '12 bytes');
    e.message = 'f has the wrong size: expected 10 bytes, got 12';
    expect(roundTrip(e).message).toBe(e.message);
  });

  it('turns anything else into a plain Error with its message', () => {
    expect(roundTrip(new RangeError('boom'))).toMatchObject({ name: 'Error', message: 'boom' });
    expect(roundTrip('text')).toMatchObject({ message: 'text' });
  });
});
