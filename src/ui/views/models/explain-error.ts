// Download and import failures in words. Live failures and stored ones (rebuilt from their records
// by the store) arrive alike, as the named errors of core/errors.ts.
import { BlockedByPolicyError, IntegrityError, ModelSourceError, NetworkError, StorageQuotaError } from '../../../core/errors';
import { formatBytes } from '../../../core/transfer-math';
import { t } from '../../i18n';

type Explained =
  | { kind: 'integrity'; file: string }
  | { kind: 'quota'; needed: number | null; available: number | null }
  | { kind: 'network' }
  | { kind: 'policy'; origin: string }
  | { kind: 'source'; status: number; file: string }
  | { kind: 'other'; message: string };

/** "https://host/org/repo/resolve/main/onnx/model.onnx" -> "onnx/model.onnx". */
export function fileFromUrl(url: string): string {
  const m = /\/resolve\/[^/]+\/(.+)$/.exec(url);
  return decodeURIComponent(m?.[1] ?? url.split('/').pop() ?? url);
}

function classify(error: Error | string): Explained {
  if (error instanceof IntegrityError) return { kind: 'integrity', file: error.file };
  if (error instanceof StorageQuotaError) return { kind: 'quota', needed: error.neededBytes, available: error.availableBytes };
  if (error instanceof BlockedByPolicyError) return { kind: 'policy', origin: error.origin };
  if (error instanceof NetworkError) return { kind: 'network' };
  if (error instanceof ModelSourceError) return { kind: 'source', status: error.status, file: fileFromUrl(error.url) };
  const message = typeof error === 'string' ? error : error.message;
  if (/QuotaExceeded/i.test(message)) return { kind: 'quota', needed: null, available: null };
  return { kind: 'other', message };
}

/** `storedBytes`: what the failed download kept; a dropped connection with nothing kept has
 *  nothing to resume. */
export function explainError(error: Error | string, storedBytes?: number): string {
  const e = classify(error);
  switch (e.kind) {
    case 'integrity':
      return t('models.error.integrity', { file: e.file });
    case 'quota':
      return e.needed !== null && e.available !== null
        ? t('models.error.quotaNumbers', { needed: formatBytes(e.needed), available: formatBytes(e.available) })
        : t('models.error.quota');
    case 'network':
      return t(storedBytes === 0 ? 'models.error.networkNothing' : 'models.error.network');
    case 'policy':
      return t('models.error.policy', { origin: e.origin });
    case 'source':
      return t(e.status === 404 ? 'models.error.notFound' : 'models.error.source', { status: e.status, file: e.file });
    case 'other':
      return t('models.error.other', { message: e.message });
  }
}
