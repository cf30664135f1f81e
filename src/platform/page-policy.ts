// What this page's Content-Security-Policy lets it reach, and how a new model source gets into it.
// The policy is fixed when the page loads: the build's (meta tag and server headers) or, once the
// service worker controls the page, one it writes with the person's model source and device hosts.
// A page loaded without the service worker (the first visit, a hard reload, a browser without one)
// still has the build's policy, which names only the hub.
import { policyAllowsConnect } from '../core/csp';

const policyMeta = (): string | null =>
  document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null;

// Origins the browser refused this page, from its violation reports: they also catch a stricter
// policy a server sent only as a header, which the meta tag does not show.
const refused = new Set<string>();
addEventListener('securitypolicyviolation', (e) => {
  if (e.effectiveDirective !== 'connect-src' || !/^(https?|wss?):/.test(e.blockedURI)) return;
  refused.add(new URL(e.blockedURI).origin);
});

/** Whether the page's policy refuses a request to `url` (before it is made, or after the browser did). */
export function pageBlocks(url: string): boolean {
  const policy = policyMeta();
  if (policy !== null && !policyAllowsConnect(policy, url, location.origin)) return true;
  return refused.has(new URL(url).origin);
}

const RELOAD_MARK = 'hearth-policy-reload';
/** A reload this recent that did not help means the service worker cannot: no second one. */
const RETRY_AFTER_MS = 10_000;

/** The page was loaded without the service worker and its policy does not cover `sourceUrl`: loads
 *  it again through the service worker, which writes the policy from the settings. At most once in
 *  RETRY_AFTER_MS, so a service worker that cannot help never starts a reload loop. Returns true
 *  when a reload is under way. Each caller checking its own kind of address (the model source,
 *  device hosts) passes its own `mark`: one caller finding its address admitted must not clear
 *  another's mark and so allow a reload loop. */
export async function reloadIfPolicyIsStale(sourceUrl: string, mark = RELOAD_MARK): Promise<boolean> {
  if (!pageBlocks(sourceUrl)) {
    sessionStorage.removeItem(mark);
    return false;
  }
  const last = Number(sessionStorage.getItem(mark));
  if (last && Date.now() - last < RETRY_AFTER_MS) return false;
  const registration = await navigator.serviceWorker.getRegistration().catch(() => undefined);
  if (!registration?.active) return false;
  sessionStorage.setItem(mark, String(Date.now()));
  location.reload();
  return true;
}

/** Whether a service worker is registered for the app, so it can write the policy from the settings.
 *  Without one (no support, private modes, blocked by policy) only the policy the server sends
 *  applies. */
export async function canRewritePolicy(): Promise<boolean> {
  if (!('serviceWorker' in navigator)) return false;
  return (await navigator.serviceWorker.getRegistration().catch(() => undefined)) !== undefined;
}

/** Reloads through the service worker, so the new page carries a policy written from the current
 *  settings; a reload before the worker is active would get the build's policy again. Resolves false
 *  (and does not reload) when no service worker is active within `timeoutMs`. */
export async function reloadWithCurrentPolicy(timeoutMs = 60_000): Promise<boolean> {
  if (!(await canRewritePolicy())) return false;
  const sw = navigator.serviceWorker;
  // First visit: the worker is still installing (precaching the shell) and claims the page when done.
  // Listening starts before the first look, so a claim in between is not missed.
  let onChange = () => {};
  const claimed = new Promise<void>((resolve) => (onChange = resolve));
  sw.addEventListener('controllerchange', onChange);
  // After a hard reload the page is not controlled, but a normal reload goes through an active worker.
  const active = async () => sw.controller !== null || !!(await sw.getRegistration().catch(() => undefined))?.active;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    if (!(await active())) {
      await Promise.race([claimed, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      if (!(await active())) return false;
    }
  } finally {
    clearTimeout(timer);
    sw.removeEventListener('controllerchange', onChange);
  }
  location.reload();
  return true;
}
