// Chromium fires beforeinstallprompt once, early, whether or not anything listens: the first view
// keeps it here (a few lines), and the install offer itself (state/install.ts, ui/install) is a
// chunk fetched only when there is something to offer.
import { signal } from '@preact/signals';

/** Chromium's event; not in the TypeScript DOM library. */
export interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/** The browser's install prompt, kept for the person's click; null when there is none (or it was used). */
export const keptPrompt = signal<BeforeInstallPromptEvent | null>(null);

addEventListener('beforeinstallprompt', (event) => {
  event.preventDefault(); // no mini-infobar: the app offers its own button
  keptPrompt.value = event as BeforeInstallPromptEvent;
});
addEventListener('appinstalled', () => {
  keptPrompt.value = null;
});
