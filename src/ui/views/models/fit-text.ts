// The fit verdict of core/model-fit.ts in words, with the numbers that made it.
import {
  downloadBytes,
  GiB,
  IOS_TAB_MEMORY_BYTES,
  remainingBytes,
  type FitReason,
  type FitResult,
} from '../../../core/model-fit';
import { formatBytes } from '../../../core/transfer-math';
import type { ModelEntry } from '../../../catalog/types';
import type { Capabilities } from '../../../platform/capabilities';
import { t } from '../../i18n';

export type BadgeTone = 'good' | 'neutral' | 'bad';

export interface FitText {
  badge: string;
  tone: BadgeTone;
  /** A sentence under the badge for verdicts that need one. */
  hint?: string;
}

function reasonText(reason: FitReason, model: ModelEntry, caps: Capabilities, storedBytes: number): string | null {
  const gpuLimit = caps.webgpu ? Math.min(caps.webgpu.maxBufferSize, caps.webgpu.maxStorageBufferBindingSize) : 0;
  const free = caps.storage ? Math.max(0, caps.storage.quota - caps.storage.usage) : 0;
  const memory = caps.deviceMemoryGiB === null ? t('models.device.memoryUnknown') : formatBytes(caps.deviceMemoryGiB * GiB);
  switch (reason) {
    case 'ram-too-large':
      return t('models.reason.ram', { need: formatBytes(model.needs.ramBytes), have: memory });
    case 'vram-too-large':
      return t('models.reason.vram', { need: formatBytes(model.needs.vramBytes ?? 0), have: memory });
    case 'ios-tab-memory':
      return t('models.reason.iosTab', {
        need: formatBytes(Math.max(model.needs.ramBytes, model.needs.vramBytes ?? 0)),
        have: formatBytes(IOS_TAB_MEMORY_BYTES),
      });
    case 'gpu-buffer-too-small':
      return t('models.reason.buffer', { need: formatBytes(model.needs.maxBufferBytes ?? 0), have: formatBytes(gpuLimit) });
    case 'storage-too-small':
      return t('models.reason.storage', { need: formatBytes(remainingBytes(model, storedBytes)), have: formatBytes(free) });
    case 'memory-tight':
      return t('models.reason.memoryTight');
    case 'storage-tight':
      return t('models.reason.storageTight');
    default:
      return null; // unknown memory/storage: said once on the device card, not on every model
  }
}

export function fitText(fit: FitResult, model: ModelEntry, caps: Capabilities, storedBytes: number): FitText {
  const details = fit.reasons.map((r) => reasonText(r, model, caps, storedBytes)).filter((r): r is string => r !== null);
  switch (fit.verdict) {
    case 'unsupported':
      return fit.reasons.includes('needs-shader-f16')
        ? { badge: t('models.fit.needsF16'), tone: 'bad', hint: t('models.fit.needsF16Hint') }
        : { badge: t('models.fit.needsWebgpu'), tone: 'bad', hint: t('models.fit.needsWebgpuHint') };
    case 'too-big':
      return { badge: t('models.fit.tooBig', { reason: details.join('; ') }), tone: 'bad' };
    case 'recommended':
      return { badge: t('models.fit.recommended'), tone: 'good', ...(details.length ? { hint: details.join(' ') } : {}) };
    case 'fits':
      return { badge: t('models.fit.fits'), tone: 'neutral', ...(details.length ? { hint: details.join(' ') } : {}) };
  }
}

/** Download size for display; WebLLM sizes are estimates. */
export function sizeText(model: ModelEntry): string {
  const size = formatBytes(downloadBytes(model));
  return model.webllm ? t('models.size.approx', { size }) : size;
}
