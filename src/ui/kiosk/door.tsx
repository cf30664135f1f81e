// Kiosk mode in the main bundle: only whether it was asked for and the door to its chunk. The
// ambient screen and everything it needs load when kiosk mode is on.
import { signal } from '@preact/signals';
import type { ComponentChildren, FunctionComponent } from 'preact';
import { BackLine } from '../app/back-line';
import { ChunkFailed } from '../app/chunk-failed';
import { enterKiosk } from './enter';

const screen = signal<FunctionComponent<{ backLine: ComponentChildren }> | null>(null);
const failed = signal<string | null>(null);

/** ?mode=kiosk: a bookmark or the manifest's shortcut asks for kiosk mode. Once in, the address no
 *  longer asks, so leaving kiosk mode and reloading stays out. */
export async function enterKioskIfAsked(): Promise<void> {
  if (new URLSearchParams(location.search).get('mode') !== 'kiosk') return;
  await enterKiosk().catch(() => undefined);
  history.replaceState(history.state, '', location.pathname + location.hash);
}

let loading: Promise<void> | null = null;

export function loadKiosk(): Promise<void> {
  failed.value = null;
  loading ??= import('./kiosk-screen').then(
    (m) => void (screen.value = m.KioskScreen),
    (e: unknown) => {
      loading = null;
      failed.value = e instanceof Error ? e.message : String(e);
    },
  );
  return loading;
}

export function KioskDoor() {
  const Screen = screen.value;
  if (Screen) return <Screen backLine={<BackLine />} />;
  if (failed.value) return <ChunkFailed reason={failed.value} retry={() => void loadKiosk()} />;
  if (!loading) void loadKiosk();
  return null;
}
