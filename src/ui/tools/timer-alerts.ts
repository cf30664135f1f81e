// What happens when a timer goes off: a sound (Web Audio beeps), a spoken announcement (the
// built-in voice, which needs no download) and a system notification shown through the service
// worker, so it appears even when the tab is in the background. Each part fails on its own: a
// blocked notification still sounds, a voice that cannot load still beeps.
import { signal } from '@preact/signals';
import { settings } from '../state/settings';

export type NotificationAccess = 'granted' | 'denied' | 'default' | 'unsupported';

/** What the browser allows; read again whenever a timer is set. */
export const notificationAccess = signal<NotificationAccess>(currentAccess());

function currentAccess(): NotificationAccess {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asked when the first timer is set (a person who never sets one is never asked). */
export async function askNotificationPermission(): Promise<NotificationAccess> {
  if (typeof Notification === 'undefined') return (notificationAccess.value = 'unsupported');
  if (Notification.permission === 'default') {
    try {
      await Notification.requestPermission();
    } catch {
      // An old callback-only implementation or a refusal to ask: the permission says what it is.
    }
  }
  return (notificationAccess.value = currentAccess());
}

// One audio context and one speaker for every alert of the page's life: a kiosk rings timers for
// days, and nothing made per alert is left for the browser to give back.
let context: AudioContext | null = null;
let speaker: import('../../platform/audio/speaker').Speaker | null = null;

function alertContext(): AudioContext {
  return (context ??= new AudioContext({ latencyHint: 'interactive' }));
}

/** Three short beeps at 880 Hz; resolves when they have been scheduled. Counted in `beeps` so the
 *  page (and a test) can tell that the sound really played. */
export const beeps = signal(0);

export async function ring(): Promise<void> {
  const ctx = alertContext();
  if (ctx.state === 'suspended') await ctx.resume().catch(() => undefined);
  const start = ctx.currentTime + 0.05;
  for (let i = 0; i < 3; i++) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.0001, start + i * 0.4);
    gain.gain.exponentialRampToValueAtTime(0.3, start + i * 0.4 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.4 + 0.25);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start + i * 0.4);
    osc.stop(start + i * 0.4 + 0.3);
  }
  if (ctx.state === 'running') beeps.value++;
}

/** Announcements played to their end (shown like `beeps`). */
export const announced = signal(0);

/** Reads the sentence aloud with the built-in voice; resolves when it has been heard. */
export async function announce(text: string): Promise<void> {
  const [{ ttsClient }, { Speaker }] = await Promise.all([
    import('../../clients/tts-client'),
    import('../../platform/audio/speaker'),
  ]);
  const s = settings.value;
  await ttsClient.loadBuiltin();
  const audio = await ttsClient.speak({ text, engine: 'builtin', voice: s.ttsVoice, speed: s.ttsSpeed });
  const out = (speaker ??= new Speaker(alertContext()));
  const done = new Promise<void>((resolve) => {
    const off = out.onEvent((e) => {
      if (e.type === 'idle' || e.type === 'stopped') {
        off();
        resolve();
      }
    });
  });
  await out.enqueue({ samples: audio.samples, sampleRate: audio.sampleRate });
  await done;
  announced.value++;
}

/** A notification from the service worker's registration (the only kind a mobile browser shows). */
export async function notify(title: string, body: string, tag: string): Promise<boolean> {
  if (currentAccess() !== 'granted' || !('serviceWorker' in navigator)) return false;
  const registration = await navigator.serviceWorker.getRegistration();
  if (!registration) return false;
  await registration.showNotification(title, { body, tag, icon: './icons/icon-192.png' });
  return true;
}
