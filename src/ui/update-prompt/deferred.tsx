// The update prompt registers the service worker through workbox-window; both are fetched after the
// page has loaded and painted, so they never hold up the first view. Registration a moment later
// changes nothing for the person: the worker only serves the next load.
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const afterLoad = (): Promise<void> =>
  document.readyState === 'complete'
    ? Promise.resolve()
    : new Promise((done) => addEventListener('load', () => done(), { once: true }));

export function DeferredUpdatePrompt() {
  const [Prompt, setPrompt] = useState<FunctionComponent | null>(null);
  useEffect(() => {
    let live = true;
    void afterLoad()
      .then(() => import('.'))
      .then((m) => live && setPrompt(() => m.UpdatePrompt))
      // Without the chunk there is no update prompt and no new registration; the app itself works.
      .catch(() => undefined);
    return () => void (live = false);
  }, []);
  return Prompt ? <Prompt /> : null;
}
