// The update prompt registers the service worker through workbox-window; both are fetched once the
// page has loaded and the browser is idle (the first view's own chunks are in by then), so they
// never hold up or compete with the first view. Registration a moment later changes nothing for the
// person: the worker only serves the next load.
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const afterLoad = (): Promise<void> =>
  document.readyState === 'complete'
    ? Promise.resolve()
    : new Promise((done) => addEventListener('load', () => done(), { once: true }));

/** Idle time after the load, or 3 s at the latest (a busy page must still get its worker). */
const whenIdle = (): Promise<void> =>
  new Promise((done) =>
    'requestIdleCallback' in window ? requestIdleCallback(() => done(), { timeout: 3000 }) : setTimeout(done, 200),
  );

export function DeferredUpdatePrompt() {
  const [Prompt, setPrompt] = useState<FunctionComponent | null>(null);
  useEffect(() => {
    let live = true;
    void afterLoad()
      .then(whenIdle)
      .then(() => import('.'))
      .then((m) => live && setPrompt(() => m.UpdatePrompt))
      // Without the chunk there is no update prompt and no new registration; the app itself works.
      .catch(() => undefined);
    return () => void (live = false);
  }, []);
  return Prompt ? <Prompt /> : null;
}
