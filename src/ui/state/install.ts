// Installing the app: the browser's install prompt kept for the person's click, and whether the app
// already runs installed. Listening starts at import (the shell imports this), because Chromium
// fires beforeinstallprompt once, early, whether or not anything is listening.
import { computed, signal } from '@preact/signals';
import { installOffer, isIosWebKit } from '../../core/install-offer';

/** Chromium's event; not in the TypeScript DOM library. */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

const keptPrompt = signal<BeforeInstallPromptEvent | null>(null);
const standaloneQuery = matchMedia('(display-mode: standalone)');
const readStandalone = (): boolean =>
  standaloneQuery.matches || (navigator as Navigator & { standalone?: boolean }).standalone === true;
const standalone = signal(readStandalone());

addEventListener('beforeinstallprompt', (event) => {
  event.preventDefault(); // no mini-infobar: the app offers its own button
  keptPrompt.value = event as BeforeInstallPromptEvent;
});
addEventListener('appinstalled', () => {
  keptPrompt.value = null;
});
standaloneQuery.addEventListener('change', () => {
  standalone.value = readStandalone();
});

export const install = computed(() =>
  installOffer({
    standalone: standalone.value,
    promptAvailable: keptPrompt.value !== null,
    iosWebKit: isIosWebKit(navigator.userAgent, navigator.maxTouchPoints ?? 0),
  }),
);

/** Shows the browser's install dialog. A prompt event works once, so it is dropped either way; a
 *  dismissed one comes back when the browser fires the event again. */
export async function promptInstall(): Promise<void> {
  const event = keptPrompt.value;
  if (!event) return;
  keptPrompt.value = null;
  await event.prompt();
  await event.userChoice.catch(() => undefined);
}
