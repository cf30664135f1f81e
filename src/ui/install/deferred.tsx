// The top bar's install button: its code is fetched only once the browser has offered installing.
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { keptPrompt } from '../state/install-capture';

export function DeferredInstallOffer() {
  const [Offer, setOffer] = useState<FunctionComponent | null>(null);
  const offered = keptPrompt.value !== null;
  useEffect(() => {
    if (!offered || Offer) return;
    let live = true;
    void import('.').then((m) => live && setOffer(() => m.InstallOffer)).catch(() => undefined); // without the chunk there is no button; installing from the browser's menu still works
    return () => void (live = false);
  }, [offered]);
  return Offer ? <Offer /> : null;
}
