// The install offer with the iOS hint, fetched as its own chunk (the top bar's button shares it):
// imported statically, it would pull the install code into the first view's chunks.
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { st } from '../../i18n/setup';

export function LaterInstallOffer() {
  const [Offer, setOffer] = useState<FunctionComponent<{ iosHint?: string }> | null>(null);
  useEffect(() => {
    let live = true;
    void import('../../install').then((m) => live && setOffer(() => m.InstallOffer)).catch(() => undefined); // no offer without the chunk; the browser's own menu still installs
    return () => void (live = false);
  }, []);
  return Offer ? <Offer iosHint={st('setup.install.iosHint')} /> : null;
}
