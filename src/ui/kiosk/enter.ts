// Entering kiosk mode: from the Settings card's button, or before the first render for ?mode=kiosk.
import { settings, updateSettings } from '../state/settings';

/** Call from the click that starts it: fullscreen is only granted during a user gesture. */
export async function enterKiosk(): Promise<void> {
  void document.documentElement.requestFullscreen?.().catch(() => undefined);
  // A kiosk is spoken to across the room: push-to-talk becomes hands-free (the wake word stays).
  const listenMode = settings.value.listenMode === 'push' ? 'hands-free' : settings.value.listenMode;
  await updateSettings({ kiosk: true, listenMode });
}
