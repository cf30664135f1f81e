// The UI's only door to speech in. Two workers: the VAD worker reads the microphone (its MessagePort
// is transferred, so the audio flows worklet -> worker without the main thread) and runs Silero VAD
// and the wake word; the speech worker runs Whisper. A listening session joins them with a
// MessageChannel of its own, so finished segments go straight from one to the other and the VAD
// worker never waits for a transcription. Event callbacks are proxied, audio buffers cross by transfer.
import { proxy, transfer } from 'comlink';
import type { ListenOptions, SpeechEvent } from '../core/speech-events';
import { SpeechEventOrder } from '../core/speech-event-order';
import type { ModelEntry } from '../catalog/types';
import type { SpeechService } from '../engines/speech/speech-service';
import type { ListenService } from '../engines/speech/listen-service';
import { workerBridge } from './worker-bridge';

const whisper = workerBridge<SpeechService>(
  () => new Worker(new URL('../../workers/speech.ts', import.meta.url), { type: 'module', name: 'speech' }),
);
const vad = workerBridge<ListenService>(
  () => new Worker(new URL('../../workers/speech-vad.ts', import.meta.url), { type: 'module', name: 'speech-vad' }),
);

export const speechClient = {
  loadVad: (model: ModelEntry) => vad.serial(() => vad.remote().loadVad(model)),
  loadStt: (model: ModelEntry, device: 'webgpu' | 'wasm' = 'wasm') =>
    whisper.serial(() => whisper.remote().loadStt(model, device)),
  loadWake: (model: ModelEntry | null) => vad.serial(() => vad.remote().loadWake(model)),
  listen: (port: MessagePort, options: ListenOptions, onEvent: (e: SpeechEvent) => void) =>
    vad.serial(async () => {
      const segments = new MessageChannel();
      const order = new SpeechEventOrder(onEvent);
      const fromWhisper = proxy((e: SpeechEvent) => order.fromWhisper(e));
      const fromVad = proxy((e: SpeechEvent) => order.fromVad(e));
      await whisper.remote().serveSegments(transfer(segments.port2, [segments.port2]), fromWhisper);
      await vad.remote().listen(transfer(port, [port]), transfer(segments.port1, [segments.port1]), options, fromVad);
    }),
  // Not serialised behind loads: these steer a session that is already running.
  configure: (options: Partial<ListenOptions>) => vad.remote().configure(options),
  pushToTalk: (down: boolean) => vad.remote().pushToTalk(down),
  /** Resolves once the session's last segment has its transcript. */
  stopListening: () =>
    vad.serial(async () => {
      await vad.remote().stopListening();
      await whisper.remote().sessionEnded();
    }),
  findSpeech: (audio16k: Float32Array) => vad.serial(() => vad.remote().findSpeech(transfer(audio16k, [audio16k.buffer]))),
  transcribe: (audio16k: Float32Array, language: string) =>
    whisper.serial(() => whisper.remote().transcribe(transfer(audio16k, [audio16k.buffer]), language)),
};
