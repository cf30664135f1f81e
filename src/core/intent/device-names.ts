// Splitting device names and what people say into comparable tokens, in English and Chinese alike.
// English: lower case, articles and filler words dropped, plurals folded ("lights" = "light").
// Chinese has no spaces: a run of Han characters is cut at words the device list knows (areas,
// names, aliases) and at the generic words for kinds of device (灯, 开关, 窗帘…); 的 is dropped.
import type { DeviceDomain, IntentDevice } from './intent-types';

const ENGLISH_FILLER = new Set(['the', 'a', 'an', 'my', 'our', 'in', 'on', 'of', 'at', 'all', 'please', 'room']);

/** Words that name a kind of device rather than one device. */
export const DOMAIN_WORDS: Record<DeviceDomain, readonly string[]> = {
  light: ['light', 'lamp', 'bulb', 'lighting', '灯', '灯泡', '电灯', '灯光'],
  switch: ['switch', 'plug', 'socket', 'outlet', '开关', '插座', '插头'],
  fan: ['fan', '风扇', '电扇', '电风扇'],
  lock: ['lock', '锁', '门锁'],
  cover: ['cover', 'blind', 'curtain', 'shade', 'shutter', '窗帘', '百叶窗', '卷帘'],
  climate: ['thermostat', 'heating', 'heater', 'ac', 'aircon', '空调', '暖气', '温控器'],
  sensor: ['sensor', '传感器'],
  binary_sensor: ['sensor', '传感器'],
};

const GENERIC_WORDS = new Set(Object.values(DOMAIN_WORDS).flat());

export function isGenericWord(token: string): boolean {
  return GENERIC_WORDS.has(token);
}

const HAN = /\p{Script=Han}/u;

function singular(word: string): string {
  if (word.length <= 3 || word.endsWith('ss') || word.endsWith('us')) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(ches|shes|xes)$/.test(word)) return word.slice(0, -2);
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

function cutHanRun(run: string, vocabulary: ReadonlySet<string>, longest: number): string[] {
  const out: string[] = [];
  let unknown = '';
  let i = 0;
  while (i < run.length) {
    let found = '';
    for (let len = Math.min(longest, run.length - i); len >= 1; len--) {
      const piece = run.slice(i, i + len);
      if (vocabulary.has(piece)) {
        found = piece;
        break;
      }
    }
    if (found) {
      if (unknown) out.push(unknown);
      unknown = '';
      out.push(found);
      i += found.length;
    } else {
      unknown += run[i];
      i += 1;
    }
  }
  if (unknown) out.push(unknown);
  return out;
}

/** Tokens of a name or a phrase. `vocabulary` holds the Chinese words to cut Han runs at. */
export function nameTokens(text: string, vocabulary: ReadonlySet<string> = new Set()): string[] {
  const longest = Math.max(1, ...[...vocabulary].map((w) => w.length));
  const tokens: string[] = [];
  const pieces = text.toLowerCase().match(/[\p{Script=Han}]+|[a-z0-9]+(?:'[a-z]+)?/gu) ?? [];
  for (const piece of pieces) {
    if (HAN.test(piece)) {
      const run = piece.replace(/的/g, '');
      tokens.push(...cutHanRun(run, vocabulary, longest));
    } else {
      const word = singular(piece.replace(/'s$/, ''));
      if (!ENGLISH_FILLER.has(word)) tokens.push(word);
    }
  }
  return tokens;
}

/** The Chinese words names and phrases are cut at: generic device words, `extra` words (what
 *  sensors measure), areas and aliases, then the pieces left of each name once those are cut out
 *  ("卧室吸顶灯" → 卧室 | 吸顶 | 灯), so a person can say any part of a name, with or without 的. */
export function chineseVocabulary(devices: readonly IntentDevice[], extra: readonly string[] = []): Set<string> {
  const base = new Set<string>([...GENERIC_WORDS, ...extra].filter((w) => HAN.test(w)));
  for (const device of devices) {
    for (const text of [device.area, ...(device.aliases ?? [])]) {
      if (text && HAN.test(text)) base.add(text.replace(/的/g, ''));
    }
  }
  const vocabulary = new Set(base);
  for (const device of devices) {
    for (const token of nameTokens(device.name, base)) if (HAN.test(token)) vocabulary.add(token);
  }
  return vocabulary;
}
