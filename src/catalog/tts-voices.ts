// The voices each speech engine offers: data and pure lookups, shared by the tts worker (which
// checks a request against them) and the Settings view (which lists them). Language names are
// left to Intl.DisplayNames in the UI, so only BCP-47 tags live here.
import type { ModelEntry } from './types';

export const BUILTIN_ENGINE = 'builtin';

export interface TtsVoice {
  /** What the engine is given: an eSpeak-NG voice name, or a Kokoro voice file's name. */
  id: string;
  /** BCP-47 tag of the language it speaks. */
  language: string;
  /** Kokoro's speaker name ("Heart"); eSpeak voices are named by their language. */
  name?: string;
  gender?: 'female' | 'male';
}

/** eSpeak-NG voices offered in Settings (the package has ~130; these cover most people). */
export const BUILTIN_VOICES: readonly TtsVoice[] = [
  ['en-us', 'en-US'],
  ['en-gb', 'en-GB'],
  ['cmn', 'zh-CN'],
  ['yue', 'zh-HK'],
  ['es', 'es-ES'],
  ['es-419', 'es-419'],
  ['fr-fr', 'fr-FR'],
  ['de', 'de-DE'],
  ['it', 'it-IT'],
  ['pt-br', 'pt-BR'],
  ['pt', 'pt-PT'],
  ['nl', 'nl-NL'],
  ['pl', 'pl-PL'],
  ['ru', 'ru-RU'],
  ['uk', 'uk-UA'],
  ['cs', 'cs-CZ'],
  ['sv', 'sv-SE'],
  ['nb', 'nb-NO'],
  ['da', 'da-DK'],
  ['fi', 'fi-FI'],
  ['el', 'el-GR'],
  ['tr', 'tr-TR'],
  ['ar', 'ar'],
  ['he', 'he-IL'],
  ['hi', 'hi-IN'],
  ['ja', 'ja-JP'],
  ['ko', 'ko-KR'],
  ['vi', 'vi-VN'],
  ['id', 'id-ID'],
  ['ms', 'ms-MY'],
].map(([id, language]) => ({ id: id!, language: language! }));

export const DEFAULT_BUILTIN_VOICE = 'en-us';

/** One setting holds the voice for whichever engine is chosen, so a Kokoro name can reach the
 *  built-in engine: it then speaks the default voice rather than failing. */
export const builtinVoiceFor = (voice: string): string =>
  BUILTIN_VOICES.some((v) => v.id === voice) ? voice : DEFAULT_BUILTIN_VOICE;

// kokoro-js's naming: first letter the accent (a = American, b = British), second the gender.
const KOKORO_ACCENTS: Record<string, string> = { a: 'en-US', b: 'en-GB' };

export function kokoroVoices(model: Pick<ModelEntry, 'files'>): TtsVoice[] {
  return model.files.flatMap((f) => {
    const m = /^voices\/(([ab])([fm])_(\w+))\.bin$/.exec(f.path);
    if (!m) return [];
    const [, id, accent, gender, name] = m as unknown as [string, string, string, string, string];
    return [
      {
        id,
        language: KOKORO_ACCENTS[accent]!,
        name: name[0]!.toUpperCase() + name.slice(1),
        gender: gender === 'f' ? ('female' as const) : ('male' as const),
      },
    ];
  });
}
