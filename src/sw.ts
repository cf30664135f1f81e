/// <reference lib="webworker" />
// Service worker: precaches the shell and the self-hosted wasm runtimes (never model weights: those
// live once, in IndexedDB), serves the page offline, and waits for the person to accept an update
// so new JS is never paired with stale wasm mid-session. Files shared to the app from the OS arrive
// here first.
import { clientsClaim } from 'workbox-core';
import { addRoute, cleanupOutdatedCaches, matchPrecache, precache } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { buildCsp, headerOnlyDirectives } from './core/csp';
import { SHARE_TARGET_FILES, SHARE_TARGET_PATH } from './core/knowledge/document-types';
import { putIncomingFiles } from './store/incoming-files';
import { loadSettings } from './store/settings';
import { modelOrigins } from './store/model-source';

declare const self: ServiceWorkerGlobalScope;

precache(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// First install only: take the open page at once, so it works offline without a reload. An update
// waits for SKIP_WAITING, and clients are then reloaded by the page.
clientsClaim();

const CSP_META = /(<meta http-equiv="Content-Security-Policy" content=")[^"]*(")/;

// The page is re-issued with a policy naming the person's own model source and device hosts, in the
// meta tag and the header alike; isolation headers are set here too, so a host that cannot send
// headers still gets a cross-origin-isolated app after the first visit.
async function servePage(): Promise<Response> {
  const cached = await matchPrecache('index.html');
  if (!cached) return Response.error();
  const html = await cached.text();
  const csp = await loadSettings()
    .then((s) => buildCsp({ modelOrigins: modelOrigins(s), deviceOrigins: s.deviceOrigins }))
    // A broken settings record must never lock the person out: keep the build's policy.
    .catch(() => null);
  if (!csp) return new Response(html, { headers: cached.headers });
  const headers = new Headers(cached.headers);
  headers.set('Content-Security-Policy', `${csp}; ${headerOnlyDirectives}`);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Content-Type', 'text/html; charset=utf-8');
  return new Response(html.replace(CSP_META, `$1${csp}$2`), { headers });
}

// Registered before the precache route, which would otherwise answer navigations with the stored
// page and its build-time policy.
registerRoute(new NavigationRoute(servePage));
addRoute();

// The OS share sheet posts what was shared to the manifest's share_target. The files (or the shared
// text, as a text file) wait in the incoming-files cache; the app opens on Knowledge, which imports
// them with the usual progress. A post the worker cannot read still opens Knowledge, with nothing.
async function receiveShare(request: Request): Promise<Response> {
  try {
    const form = await request.formData();
    const files = form.getAll(SHARE_TARGET_FILES).filter((f): f is File => f instanceof File && f.name !== '');
    if (!files.length) {
      const words = ['title', 'text', 'url']
        .map((field) => form.get(field))
        .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
      if (words.length) files.push(new File([words.join('\n\n')], 'Shared text.txt', { type: 'text/plain' }));
    }
    if (files.length) await putIncomingFiles(files);
  } catch {
    // Not multipart form data: nothing to keep.
  }
  return Response.redirect(new URL('./#/knowledge', self.registration.scope).href, 303);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method === 'POST' && new URL(request.url).pathname === SHARE_TARGET_PATH) event.respondWith(receiveShare(request));
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
