// The UI's only door to the tts worker. Listing voices needs no worker (it is catalog data), so
// opening Settings does not start one.
import type { ModelEntry } from '../catalog/types';
import type { SpeakRequest, SpokenAudio, TtsDevice, TtsLoadReport, TtsService } from '../engines/tts/tts-service';
import { BUILTIN_ENGINE, BUILTIN_VOICES, kokoroVoices, type TtsVoice } from '../catalog/tts-voices';
import { catalogById } from '../catalog/catalog';
import { workerBridge } from './worker-bridge';

const bridge = workerBridge<TtsService>(
  () => new Worker(new URL('../../workers/tts.ts', import.meta.url), { type: 'module', name: 'tts' }),
);

export const ttsClient = {
  loadBuiltin: (): Promise<TtsLoadReport> => bridge.serial(() => bridge.remote().loadBuiltin()),
  loadKokoro: (model: ModelEntry, device: TtsDevice = 'wasm'): Promise<TtsLoadReport> =>
    bridge.serial(() => bridge.remote().loadKokoro(model, device)),
  /** The samples arrive transferred (no copy). */
  speak: (request: SpeakRequest): Promise<SpokenAudio> => bridge.serial(() => bridge.remote().speak(request)),
  voices: async (engine: string): Promise<TtsVoice[]> => {
    if (engine === BUILTIN_ENGINE) return [...BUILTIN_VOICES];
    const model = catalogById(engine);
    return model?.task === 'tts' ? kokoroVoices(model) : [];
  },
};

export type { SpeakRequest, SpokenAudio, TtsDevice, TtsLoadReport };
