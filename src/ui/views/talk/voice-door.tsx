// The voice loop (state/voice) and all it pulls in — microphone and speaker, the speech and tts
// worker clients, the spoken-answer path with its markdown lexer — is a chunk fetched the first time
// the voice bar is shown (a language model is stored and the vault is open), not with the first page.
// Until then nothing can be speaking, and Stop only has an answer to stop.
import { signal } from '@preact/signals';
import type { FunctionComponent } from 'preact';
import { phase, stop as stopAnswer } from '../../state/chat';
import { whenBack } from '../../state/resume';

type VoiceModule = typeof import('../../state/voice');

const loaded = signal<{ voice: VoiceModule; VoiceBar: FunctionComponent } | null>(null);
let loading: Promise<void> | null = null;

/** Loads the voice loop: the kiosk screen, which listens without a voice bar, calls it too, so Stop,
 *  "speaking" and the return from the background know the loop. */
export function loadVoice(): Promise<void> {
  loading ??= Promise.all([import('../../state/voice'), import('./voice-bar')]).then(
    ([voice, bar]) => {
      loaded.value = { voice, VoiceBar: bar.VoiceBar };
    },
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}

/** The voice bar, once its chunk has arrived (fetched on first render). */
export function LazyVoiceBar() {
  const VoiceBar = loaded.value?.VoiceBar;
  if (!VoiceBar) void loadVoice().catch(() => undefined);
  return VoiceBar ? <VoiceBar /> : null;
}

/** True while the built-in or Kokoro voice is reading an answer. */
export const speaking = (): boolean => loaded.value?.voice.turn.value.state === 'speaking';

/** Stops the voice and the model (or just the answer, when the voice was never loaded). */
export function stopAll(): void {
  const voice = loaded.value?.voice;
  if (voice) voice.stopAll();
  else stopAnswer();
}

// Back after the phone suspended the page: the voice loop (once loaded) looks at its microphone, and
// an answer being written or read aloud goes on.
whenBack(async () => {
  const answering = phase.value !== 'idle' || speaking();
  const voice = loaded.value?.voice;
  return { answering, ...(voice ? await voice.recover() : {}) };
});
