// What this device offers the engines: GPU, memory, threads. Every row says its meaning in words.
import { useId } from 'preact/hooks';
import { formatBytes } from '../../../../core/transfer-math';
import type { Capabilities } from '../../../../platform/capabilities';
import { t } from '../../../i18n';
import { capabilities } from '../../../state/models';

// navigator.deviceMemory is rounded to a power of two and capped (8 GB in older Chromium, more in
// newer), so it is only ever "about".
export function memoryText(gib: number | null): string {
  return gib === null ? t('models.device.memoryUnknown') : t('models.device.memoryAbout', { gib });
}

function adapterName(gpu: NonNullable<Capabilities['webgpu']>): string {
  const { description, vendor, architecture } = gpu.adapterInfo;
  return description || [vendor, architecture].filter(Boolean).join(' ') || t('models.device.adapterUnnamed');
}

function Rows({ caps }: { caps: Capabilities }) {
  const gpu = caps.webgpu;
  return (
    <dl class="facts">
      <dt>{t('models.device.webgpu')}</dt>
      <dd>{gpu ? adapterName(gpu) : t('models.device.noWebgpu')}</dd>
      {gpu && (
        <>
          <dt>{t('models.device.shaderF16')}</dt>
          <dd>{t(gpu.shaderF16 ? 'models.device.f16Yes' : 'models.device.f16No')}</dd>
          <dt>{t('models.device.maxBuffer')}</dt>
          <dd>{formatBytes(Math.min(gpu.maxBufferSize, gpu.maxStorageBufferBindingSize))}</dd>
        </>
      )}
      <dt>{t('models.device.memory')}</dt>
      <dd>{memoryText(caps.deviceMemoryGiB)}</dd>
      {caps.cores !== null && (
        <>
          <dt>{t('models.device.cores')}</dt>
          <dd>{caps.cores}</dd>
        </>
      )}
      <dt>{t('models.device.isolation')}</dt>
      <dd>{t(caps.crossOriginIsolated ? 'models.device.isolated' : 'models.device.notIsolated')}</dd>
    </dl>
  );
}

export function DeviceCard() {
  const id = useId();
  const caps = capabilities.value;
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('models.device.title')}</h2>
      {caps ? (
        <Rows caps={caps} />
      ) : (
        <p class="hint" role="status">
          {t('models.device.detecting')}
        </p>
      )}
    </section>
  );
}
