// Web app manifest (build-time data, read by vite.config.ts). Hash routes keep shortcuts working on
// any static host without rewrite rules.
import type { ManifestOptions } from 'vite-plugin-pwa';
import { DOCUMENT_ACCEPT, DOCUMENT_TYPES, SHARE_TARGET_FILES, SHARE_TARGET_PATH } from './core/knowledge/document-types.ts';

const icon = (src: string, size: number, purpose: 'any' | 'maskable') => ({
  src: `icons/${src}`,
  sizes: `${size}x${size}`,
  type: 'image/png',
  purpose,
});

export const webManifest: Partial<ManifestOptions> = {
  id: '/',
  name: 'Hearth — private voice assistant',
  short_name: 'Hearth',
  description: 'A voice assistant that runs entirely on this device. Your words never leave it.',
  lang: 'en',
  dir: 'ltr',
  // No route: the app decides, so the first start of the installed app shows setup (ui/state/first-run.ts).
  start_url: './',
  scope: './',
  display: 'standalone',
  display_override: ['standalone', 'minimal-ui'],
  orientation: 'any',
  background_color: '#12161f',
  theme_color: '#1d2433',
  categories: ['productivity', 'utilities'],
  icons: [
    icon('icon-192.png', 192, 'any'),
    icon('icon-512.png', 512, 'any'),
    icon('maskable-192.png', 192, 'maskable'),
    icon('maskable-512.png', 512, 'maskable'),
    { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
  ],
  // Documents shared to Hearth from another app land in Knowledge (the service worker keeps them for
  // the view); "Open with Hearth" on a document does the same through the launch queue.
  share_target: {
    action: `.${SHARE_TARGET_PATH}`,
    method: 'POST',
    enctype: 'multipart/form-data',
    params: { title: 'title', text: 'text', url: 'url', files: [{ name: SHARE_TARGET_FILES, accept: [...DOCUMENT_ACCEPT] }] },
  },
  file_handlers: [
    {
      action: './#/knowledge',
      accept: Object.fromEntries(Object.entries(DOCUMENT_TYPES).map(([type, extensions]) => [type, [...extensions]])),
    },
  ],
  shortcuts: [
    { name: 'Talk', short_name: 'Talk', url: './#/talk', icons: [icon('icon-96.png', 96, 'any')] },
    { name: 'Models', short_name: 'Models', url: './#/models', icons: [icon('icon-96.png', 96, 'any')] },
    { name: 'Settings', short_name: 'Settings', url: './#/settings', icons: [icon('icon-96.png', 96, 'any')] },
    // A kitchen tablet's home-screen icon: straight into the ambient screen (src/ui/kiosk).
    { name: 'Kiosk mode', short_name: 'Kiosk', url: './?mode=kiosk', icons: [icon('icon-96.png', 96, 'any')] },
  ],
};
