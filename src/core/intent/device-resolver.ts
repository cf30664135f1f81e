// Which device a person means, forgivingly: case, articles, plurals, "的", aliases, the area said
// or not, one word of the name left out ("kitchen light" for "Kitchen Ceiling Light") or one word
// too many. When the words fit several devices equally the answer is "ambiguous" with the
// candidates, never a guess; when they fit none it is "none".
import { chineseVocabulary, DOMAIN_WORDS, isGenericWord, nameTokens } from './device-names';
import type { DeviceCandidate, DeviceDomain, IntentDevice } from './intent-types';

/** Words for what a sensor measures, keyed by Home Assistant's device_class. */
const DEVICE_CLASS_WORDS: Record<string, readonly string[]> = {
  temperature: ['temperature', 'temp', 'thermometer', '温度', '气温', '温度计'],
  humidity: ['humidity', '湿度'],
  door: ['door', '门'],
  window: ['window', '窗', '窗户'],
  motion: ['motion', '移动', '人体'],
};

export type DeviceResolution =
  | { kind: 'one'; device: IntentDevice }
  | { kind: 'ambiguous'; candidates: DeviceCandidate[] }
  /** `namesADevice`: the words name a kind of device, an area or part of a device's name
   *  ("garage light"), so "no such device" is the answer; otherwise ("打开心扉") it was no command. */
  | { kind: 'none'; namesADevice: boolean };

interface Indexed {
  device: IntentDevice;
  /** Every token that may name this device. */
  words: Set<string>;
  /** The tokens of its name, for "was the whole name said". */
  nameWords: string[];
  aliasWords: string[][];
}

export function candidateOf(device: IntentDevice): DeviceCandidate {
  return device.area === undefined
    ? { id: device.id, name: device.name }
    : { id: device.id, name: device.name, area: device.area };
}

function classWords(device: IntentDevice): readonly string[] {
  return device.deviceClass ? (DEVICE_CLASS_WORDS[device.deviceClass] ?? [device.deviceClass]) : [];
}

function indexDevices(devices: readonly IntentDevice[], vocabulary: ReadonlySet<string>): Indexed[] {
  return devices.map((device) => {
    const areaWords = device.area ? nameTokens(device.area, vocabulary) : [];
    const nameWords = nameTokens(device.name, vocabulary);
    const aliasWords = (device.aliases ?? []).map((alias) => nameTokens(alias, vocabulary));
    const words = new Set([
      ...areaWords,
      ...nameWords,
      ...aliasWords.flat(),
      ...DOMAIN_WORDS[device.domain],
      ...classWords(device).flatMap((w) => nameTokens(w, vocabulary)),
    ]);
    return { device, words, nameWords, aliasWords };
  });
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((w) => b.includes(w));
}

function decide(matches: readonly Indexed[], spoken: readonly string[], namesADevice: boolean): DeviceResolution {
  if (matches.length === 0) return { kind: 'none', namesADevice };
  if (matches.length === 1) return { kind: 'one', device: matches[0]!.device };
  // Several fit: one whose alias was said exactly, or whose whole name was said, wins.
  const byAlias = matches.filter((m) => m.aliasWords.some((alias) => sameWords(alias, spoken)));
  if (byAlias.length === 1) return { kind: 'one', device: byAlias[0]!.device };
  const whole = matches.filter((m) => m.nameWords.length > 0 && m.nameWords.every((w) => spoken.includes(w)));
  if (whole.length === 1) return { kind: 'one', device: whole[0]!.device };
  return { kind: 'ambiguous', candidates: matches.map((m) => candidateOf(m.device)) };
}

export interface ResolveOptions {
  /** Only devices of these kinds can carry out the command. */
  domains?: readonly DeviceDomain[];
  /** Only devices that pass (e.g. sensors that measure temperature). */
  accept?: (device: IntentDevice) => boolean;
}

/** Words for a kind of sensor, so "温度" can be cut out of "客厅温度" before any device is known. */
export function deviceClassVocabulary(): string[] {
  return Object.values(DEVICE_CLASS_WORDS).flat();
}

export function resolveDevice(spoken: string, devices: readonly IntentDevice[], options: ResolveOptions = {}): DeviceResolution {
  const usable = devices.filter(
    (d) => (!options.domains || options.domains.includes(d.domain)) && (!options.accept || options.accept(d)),
  );
  const vocabulary = chineseVocabulary(devices, deviceClassVocabulary());
  const said = nameTokens(spoken, vocabulary);
  if (said.length === 0) return { kind: 'none', namesADevice: false };
  const indexed = indexDevices(usable, vocabulary);
  const everyWord = new Set(indexDevices(devices, vocabulary).flatMap((m) => [...m.words]));
  const namesADevice = said.some((w) => everyWord.has(w) || isGenericWord(w));

  const full = indexed.filter((m) => said.every((w) => m.words.has(w)));
  if (full.length > 0) return decide(full, said, namesADevice);

  // One word too many ("kitchen main light" for "Kitchen Light"), but never a wrong area, a wrong
  // kind ("garage light" is not the garage door) or only generic words ("garden light" is not
  // the kitchen light).
  const areaWords = new Set(devices.flatMap((d) => (d.area ? nameTokens(d.area, vocabulary) : [])));
  if (said.length < 2) return { kind: 'none', namesADevice };
  const nearly = indexed.filter((m) => {
    const missing = said.filter((w) => !m.words.has(w));
    if (missing.length !== 1 || areaWords.has(missing[0]!) || isGenericWord(missing[0]!)) return false;
    return said.some((w) => m.words.has(w) && !isGenericWord(w));
  });
  return decide(nearly, said, namesADevice);
}
