// Which stored models a voice turn uses: the person's pick when it is stored, otherwise the first
// stored one in catalog order (the catalog lists the quickest first), real weights before test ones.
import type { ModelEntry, ModelTask } from '../catalog/types';

/** What the choice reads of a catalog entry. */
export type VoiceModelInfo = Pick<ModelEntry, 'id' | 'task' | 'testOnly' | 'randomWeights'>;

export interface VoicePicks {
  /** Catalog id of each model, or null when none is stored. */
  vad: string | null;
  stt: string | null;
  wake: string | null;
  /** 'builtin' (the eSpeak-NG voice in the app shell) when the picked TTS model is not stored. */
  tts: string;
}

export interface VoicePrefs {
  sttModel: string | null;
  wakeModel: string | null;
  ttsEngine: string;
}

export const BUILTIN_VOICE = 'builtin';

export function chooseVoiceModels(models: readonly VoiceModelInfo[], stored: ReadonlySet<string>, prefs: VoicePrefs): VoicePicks {
  const pick = (task: ModelTask, wanted: string | null): string | null => {
    const candidates = models.filter((m) => m.task === task && stored.has(m.id));
    if (wanted && candidates.some((m) => m.id === wanted)) return wanted;
    const rank = (m: VoiceModelInfo) => (m.randomWeights ? 2 : m.testOnly ? 1 : 0);
    return [...candidates].sort((a, b) => rank(a) - rank(b))[0]?.id ?? null;
  };
  const ttsStored =
    prefs.ttsEngine !== BUILTIN_VOICE && models.some((m) => m.id === prefs.ttsEngine && m.task === 'tts' && stored.has(m.id));
  return {
    vad: pick('vad', null),
    stt: pick('stt', prefs.sttModel),
    wake: pick('wake', prefs.wakeModel),
    tts: ttsStored ? prefs.ttsEngine : BUILTIN_VOICE,
  };
}

/** The speech model speaks English only: its language cannot be chosen. */
export const englishOnly = (model: Pick<ModelEntry, 'languages'> | undefined): boolean =>
  model?.languages.length === 1 && model.languages[0] === 'en';

/** The language Whisper is told: the setting, except for an English-only model, which is told 'en' so
 *  it never runs language detection (an extra pass over the audio) on a setting the person cannot
 *  see or change. */
export const sttLanguageFor = (model: Pick<ModelEntry, 'languages'> | undefined, setting: string): string =>
  englishOnly(model) ? 'en' : setting;
