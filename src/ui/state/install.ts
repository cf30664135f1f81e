// Installing the app: the prompt the first view kept (install-capture.ts) offered on a click, and
// whether the app already runs installed.
import { computed, signal } from '@preact/signals';
import { installOffer, isIosWebKit } from '../../core/install-offer';
import { keptPrompt } from './install-capture';

const standaloneQuery = matchMedia('(display-mode: standalone)');
const readStandalone = (): boolean =>
  standaloneQuery.matches || (navigator as Navigator & { standalone?: boolean }).standalone === true;
const standalone = signal(readStandalone());
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
