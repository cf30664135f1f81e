// The built-in voice in Node: the wasm the app shell serves (the package's, split by the build: the
// UI languages' data inside, other dictionaries on demand) speaking through EspeakVoice and the tts
// service, with no model store involved.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EspeakVoice, EspeakVoiceError, espeakDictionary } from '../../../src/engines/tts/espeak-voice';
import { BUILTIN_VOICES } from '../../../src/catalog/tts-voices';
import { TtsService } from '../../../src/engines/tts/tts-service';
import { ESPEAK_DICTIONARIES } from '../../../src/catalog/runtime-assets';
import { BUILT_IN_DICTIONARIES, splitEspeakData } from '../../../build/espeak-ng-data';

const split = splitEspeakData();
const compileCore = () => WebAssembly.compile(readFileSync(split.coreWasm));
/** Dictionaries read from the build's files, counting what was asked for. */
const dictionaryLoads: string[] = [];
const onDemand = {
  names: Object.keys(split.dictionaries),
  load: async (name: string) => {
    dictionaryLoads.push(name);
    return new Uint8Array(readFileSync(split.dictionaries[name]!.file));
  },
};
const voice = new EspeakVoice(compileCore, onDemand);
const rms = (s: Float32Array) => Math.sqrt(s.reduce((sum, x) => sum + x * x, 0) / Math.max(1, s.length));

describe('EspeakVoice (espeak-ng wasm)', () => {
  it('speaks English as 22.05 kHz PCM that is not silence', async () => {
    const { samples, sampleRate } = await voice.speak('Hello world, the lights are on.', { voice: 'en-us', speed: 1 });
    expect(sampleRate).toBe(22050);
    expect(samples.length / sampleRate).toBeGreaterThan(0.8);
    expect(rms(samples)).toBeGreaterThan(0.02);
    expect(Math.max(...samples.map(Math.abs))).toBeLessThanOrEqual(1);
  });

  it('takes longer for a longer text and less time at a higher speed', async () => {
    const short = await voice.speak('Hello there.', { voice: 'en-gb', speed: 1 });
    const long = await voice.speak('Hello there. The kitchen lights are on and the door is locked.', {
      voice: 'en-gb',
      speed: 1,
    });
    const fast = await voice.speak('Hello there. The kitchen lights are on and the door is locked.', {
      voice: 'en-gb',
      speed: 2,
    });
    expect(long.samples.length).toBeGreaterThan(2 * short.samples.length);
    expect(fast.samples.length).toBeLessThan(0.7 * long.samples.length);
  });

  it('speaks Chinese with the Mandarin voice, and reads text that looks like an option as text', async () => {
    const zh = await voice.speak('你好，今天天气很好。', { voice: 'cmn', speed: 1 });
    expect(rms(zh.samples)).toBeGreaterThan(0.02);
    const dashes = await voice.speak('--help -v xx', { voice: 'en-us', speed: 1 });
    expect(dashes.samples.length / dashes.sampleRate).toBeGreaterThan(0.5);
  });

  it('refuses a voice that is not on the list', async () => {
    await expect(voice.speak('Hello.', { voice: '--voices', speed: 1 })).rejects.toBeInstanceOf(EspeakVoiceError);
  });
});

describe("EspeakVoice: languages beyond the UI's loaded on demand", () => {
  it('keeps English and Mandarin in the wasm and every other dictionary out of it', () => {
    expect(readFileSync(split.coreWasm).length).toBeLessThan(3_500_000);
    expect(Object.keys(split.dictionaries)).not.toContain('en');
    expect(Object.keys(split.dictionaries)).not.toContain('cmn');
    expect(BUILT_IN_DICTIONARIES).toEqual(['en', 'cmn']);
    // The app's own build names the same dictionaries (virtual:espeak-ng-data).
    expect(Object.keys(ESPEAK_DICTIONARIES).sort()).toEqual(Object.keys(split.dictionaries).sort());
  });

  it('speaks every voice in Settings, fetching only the dictionary that voice needs, once', async () => {
    const fetched = new Set<string>();
    for (const { id } of BUILTIN_VOICES) {
      dictionaryLoads.length = 0;
      const out = await voice.speak('1 2 3', { voice: id, speed: 1 });
      expect(rms(out.samples), id).toBeGreaterThan(0.02);
      const dict = espeakDictionary(id);
      const expected = BUILT_IN_DICTIONARIES.includes(dict) || fetched.has(dict) ? [] : [dict];
      expect(dictionaryLoads, id).toEqual(expected);
      fetched.add(dict);
    }
    dictionaryLoads.length = 0;
    await voice.speak('Привет', { voice: 'ru', speed: 1 });
    expect(dictionaryLoads).toEqual([]); // memoised
  });

  it('says which language data is missing when it cannot be fetched, and tries again next time', async () => {
    let fail = true;
    const flaky = new EspeakVoice(compileCore, {
      names: onDemand.names,
      load: async (name) => {
        if (fail) throw new EspeakVoiceError(`no network for ${name}`);
        return onDemand.load(name);
      },
    });
    await expect(flaky.speak('Hola', { voice: 'es', speed: 1 })).rejects.toThrow('no network for es');
    fail = false;
    expect(rms((await flaky.speak('Hola', { voice: 'es', speed: 1 })).samples)).toBeGreaterThan(0.02);
  });

  it('fails clearly, not silently, if the wasm lacks a dictionary and nothing supplies it', async () => {
    const bare = new EspeakVoice(compileCore, null);
    await expect(bare.speak('Hola', { voice: 'es', speed: 1 })).rejects.toThrow(/dictionary|no audio/i);
  });
});

describe('TtsService with the built-in engine', () => {
  it('speaks without any model, falling back to the default voice for a Kokoro voice name', async () => {
    const service = new TtsService(voice, () => Promise.reject(new Error('the built-in voice must not open the store')));
    const out = await service.speak({ text: 'Good morning.', engine: 'builtin', voice: 'af_heart', speed: 1 });
    expect(out.sampleRate).toBe(22050);
    expect(rms(out.samples)).toBeGreaterThan(0.02);
    expect(out.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(BUILTIN_VOICES.map((v) => v.id)).toContain('cmn');
  });
});
