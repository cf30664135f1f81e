// Tool calls in the conversation and the running timers are drawn by a chunk fetched the first time
// one is shown, so the first view of Talk stays small.
import { signal } from '@preact/signals';
import type { ConversationMessage } from '../../../core/chat-types';

const parts = signal<typeof import('./tool-card') | null>(null);
const load = () => import('./tool-card').then((m) => (parts.value = m));

export function LazyToolCard({ message }: { message: ConversationMessage }) {
  const p = parts.value;
  if (!p) void load().catch(() => undefined);
  return p ? <p.ToolCard message={message} /> : null;
}

export const LazyTimers = () => (parts.value ? <parts.value.TimersPanel /> : null);

/** On opening Talk: timers stored by an earlier visit ring (or show what rang) again, and the saved
 *  home connections come up, so the device tools know the devices without a visit to Devices. */
export const resumeTimers = (): void => {
  void load().then((m) => m.startTimers());
  void import('../../state/home-connections').then((m) => m.startSavedConnections());
};
