// Said where downloads start (Models) and where the source is set (Settings): the model source is one
// this page's security policy does not allow yet, and what to do about it.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { settings } from '../state/settings';
import { effectiveModelSource } from '../../store/model-source';
import { canRewritePolicy, pageBlocks, reloadWithCurrentPolicy } from '../../platform/page-policy';

/** `null` while unknown, then whether a reload through the service worker can fix the policy. */
export function useRewritablePolicy(): [boolean | null, () => Promise<void>] {
  const [rewritable, setRewritable] = useState<boolean | null>(null);
  useEffect(() => void canRewritePolicy().then(setRewritable), []);
  const check = async () => setRewritable(await canRewritePolicy());
  return [rewritable, check];
}

export function NoServiceWorkerNote({ source }: { source: string }) {
  return (
    <p class="warning" role="alert">
      {t('policy.noServiceWorker', { origin: new URL(source).origin, source })}
    </p>
  );
}

export function PolicyNotice() {
  const source = effectiveModelSource(settings.value);
  const [waiting, setWaiting] = useState(false);
  const [rewritable] = useRewritablePolicy();
  if (!pageBlocks(source) || rewritable === null) return null;
  if (!rewritable) return <NoServiceWorkerNote source={source} />;
  const reload = async () => {
    setWaiting(true);
    if (!(await reloadWithCurrentPolicy())) setWaiting(false);
  };
  return (
    <div class="warning" role="alert">
      <p>{waiting ? t('settings.source.applying') : t('policy.blocked', { origin: new URL(source).origin })}</p>
      <button type="button" disabled={waiting} onClick={() => void reload()}>
        {t('policy.reload')}
      </button>
    </div>
  );
}
