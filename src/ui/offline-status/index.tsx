// Shows whether the app shell's runtime binaries are in the service worker's cache, i.e. whether
// the CPU and ONNX engines will start with the network off.
import { useEffect, useState } from 'preact/hooks';
import { RUNTIME_FILES } from '../../catalog/runtime-assets';
import { t } from '../i18n';

type Readiness = Record<string, boolean | null>;

const RUNTIME_NAMES: Record<string, string> = {
  onnxruntime: 'ONNX Runtime',
  'llama.cpp': 'llama.cpp',
  'espeak-ng': 'eSpeak NG (built-in voice)',
};

async function checkCached(): Promise<Readiness> {
  const result: Readiness = {};
  for (const { runtime, url } of RUNTIME_FILES) {
    const hit = 'caches' in self ? await caches.match(new URL(url, location.href).href, { ignoreSearch: true }) : undefined;
    result[runtime] = (result[runtime] ?? true) && hit !== undefined;
  }
  return result;
}

export function OfflineStatus() {
  const [ready, setReady] = useState<Readiness | null>(null);
  useEffect(() => {
    const refresh = () => void checkCached().then(setReady);
    refresh();
    navigator.serviceWorker?.addEventListener('controllerchange', refresh);
    return () => navigator.serviceWorker?.removeEventListener('controllerchange', refresh);
  }, []);
  if (!ready) return null;
  return (
    <ul class="offline-status" aria-label={t('offline.label')}>
      {Object.entries(ready).map(([runtime, ok]) => (
        <li key={runtime} data-ready={ok ? 'yes' : 'no'}>
          {t(ok ? 'offline.ready' : 'offline.notYet', { runtime: RUNTIME_NAMES[runtime] ?? runtime })}
        </li>
      ))}
    </ul>
  );
}
