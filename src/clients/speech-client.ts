// The UI's only door to the speech worker. The microphone's MessagePort is transferred (the audio
// then flows worklet -> worker without the main thread), the event callback is proxied, and audio
// buffers cross by transfer, not copy.
import { proxy, transfer } from 'comlink';
import type { ListenOptions, SpeechEvent } from '../core/speech-events';
import type { ModelEntry } from '../catalog/types';
import type { SpeechService } from '../engines/speech/speech-service';
import { workerBridge } from './worker-bridge';

const bridge = workerBridge<SpeechService>(
  () => new Worker(new URL('../../workers/speech.ts', import.meta.url), { type: 'module', name: 'speech' }),
);

export const speechClient = {
  loadVad: (model: ModelEntry) => bridge.serial(() => bridge.remote().loadVad(model)),
  loadStt: (model: ModelEntry, device: 'webgpu' | 'wasm' = 'wasm') => bridge.serial(() => bridge.remote().loadStt(model, device)),
  loadWake: (model: ModelEntry | null) => bridge.serial(() => bridge.remote().loadWake(model)),
  listen: (port: MessagePort, options: ListenOptions, onEvent: (e: SpeechEvent) => void) =>
    bridge.serial(() => bridge.remote().listen(transfer(port, [port]), options, proxy(onEvent))),
  // Not serialised behind loads: these steer a session that is already running.
  configure: (options: Partial<ListenOptions>) => bridge.remote().configure(options),
  pushToTalk: (down: boolean) => bridge.remote().pushToTalk(down),
  stopListening: () => bridge.serial(() => bridge.remote().stopListening()),
  findSpeech: (audio16k: Float32Array) => bridge.serial(() => bridge.remote().findSpeech(transfer(audio16k, [audio16k.buffer]))),
  transcribe: (audio16k: Float32Array, language: string) =>
    bridge.serial(() => bridge.remote().transcribe(transfer(audio16k, [audio16k.buffer]), language)),
};
