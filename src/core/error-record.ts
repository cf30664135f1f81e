// Failures survive a reload as plain records in IndexedDB, and come back as the same named error
// classes, so the UI explains a stored failure exactly as it explains a live one.
import { BlockedByPolicyError, IntegrityError, ModelSourceError, NetworkError, StorageQuotaError } from './errors';

export type ErrorRecord =
  | { name: 'IntegrityError'; message: string; file: string; expected: string; actual: string }
  | { name: 'StorageQuotaError'; message: string; neededBytes: number; availableBytes: number | null }
  | { name: 'ModelSourceError'; message: string; url: string; status: number }
  | { name: 'NetworkError'; message: string; url: string }
  | { name: 'BlockedByPolicyError'; message: string; url: string }
  | { name: 'Error'; message: string };

export function toErrorRecord(e: unknown): ErrorRecord {
  if (e instanceof IntegrityError)
    return { name: 'IntegrityError', message: e.message, file: e.file, expected: e.expected, actual: e.actual };
  if (e instanceof StorageQuotaError) {
    return { name: 'StorageQuotaError', message: e.message, neededBytes: e.neededBytes, availableBytes: e.availableBytes };
  }
  if (e instanceof ModelSourceError) return { name: 'ModelSourceError', message: e.message, url: e.url, status: e.status };
  if (e instanceof NetworkError) return { name: 'NetworkError', message: e.message, url: e.url };
  if (e instanceof BlockedByPolicyError) return { name: 'BlockedByPolicyError', message: e.message, url: e.url };
  return { name: 'Error', message: e instanceof Error ? e.message : String(e) };
}

export function fromErrorRecord(r: ErrorRecord): Error {
  let e: Error;
  switch (r.name) {
    case 'IntegrityError':
      e = new IntegrityError(r.file, r.expected, r.actual);
      break;
    case 'StorageQuotaError':
      e = new StorageQuotaError(r.neededBytes, r.availableBytes);
      break;
    case 'ModelSourceError':
      e = new ModelSourceError(r.url, r.status);
      break;
    case 'NetworkError':
      e = new NetworkError(r.url);
      break;
    case 'BlockedByPolicyError':
      e = new BlockedByPolicyError(r.url);
      break;
    default:
      e = new Error(r.message);
  }
  e.message = r.message; // keep the exact words (e.g. a size mismatch's own message)
  return e;
}
