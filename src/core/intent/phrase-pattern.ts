// One phrasing of one command: a regular expression over the normalised text, with named groups,
// and a builder that turns the groups into an intent (or null: "not this after all").
import type { MatchContext } from './intent-builders';
import type { IntentResult } from './intent-types';

export interface PhrasePattern {
  /** What it recognises, for reading the table and for debugging a miss. */
  name: string;
  pattern: RegExp;
  build: (groups: Readonly<Record<string, string | undefined>>, ctx: MatchContext) => IntentResult | null;
}

/** Loose phrasings ("开X") only count when X is a device: otherwise "开心" would be a command. */
export function onlyKnownDevices(result: IntentResult | null): IntentResult | null {
  return result?.kind === 'no-such-device' ? null : result;
}
