// Web app manifest (build-time data, read by vite.config.ts). Hash routes keep shortcuts working on
// any static host without rewrite rules.
import type { ManifestOptions } from 'vite-plugin-pwa';

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
  start_url: './#/talk',
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
  shortcuts: [
    { name: 'Talk', short_name: 'Talk', url: './#/talk', icons: [icon('icon-96.png', 96, 'any')] },
    { name: 'Models', short_name: 'Models', url: './#/models', icons: [icon('icon-96.png', 96, 'any')] },
    { name: 'Settings', short_name: 'Settings', url: './#/settings', icons: [icon('icon-96.png', 96, 'any')] },
  ],
};
