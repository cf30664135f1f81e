// The fast path: a command the app can carry out without the language model. Returns a typed
// intent (tool name and arguments) or null, which means "send it to the model".
import type { MatchContext } from './intent-builders';
import type { IntentDevice, IntentLanguage, IntentResult } from './intent-types';
import type { PhrasePattern } from './phrase-pattern';
import { ENGLISH_PHRASES, normaliseEnglish } from './phrases-en';
import { CHINESE_PHRASES, normaliseChinese } from './phrases-zh';

const PHRASES: Record<IntentLanguage, { normalise: (text: string) => string; patterns: readonly PhrasePattern[] }> = {
  en: { normalise: normaliseEnglish, patterns: ENGLISH_PHRASES },
  zh: { normalise: normaliseChinese, patterns: CHINESE_PHRASES },
};

export function languageOf(text: string): IntentLanguage {
  return /\p{Script=Han}/u.test(text) ? 'zh' : 'en';
}

/** Very long input is a conversation, not a command. */
const LONGEST_COMMAND = 200;

export function matchIntent(text: string, devices: readonly IntentDevice[] = []): IntentResult | null {
  if (text.length > LONGEST_COMMAND) return null;
  const language = languageOf(text);
  const { normalise, patterns } = PHRASES[language];
  const normalised = normalise(text);
  if (!normalised) return null;
  const ctx: MatchContext = { language, devices };
  for (const phrase of patterns) {
    const m = phrase.pattern.exec(normalised);
    if (!m) continue;
    const result = phrase.build(m.groups ?? {}, ctx);
    if (result) return result;
  }
  return null;
}
