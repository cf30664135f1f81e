// The built-in voice in Node: the real espeak-ng wasm (the same file the app shell serves) speaking
// through EspeakVoice and the tts service, with no model store involved.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { EspeakVoice, EspeakVoiceError } from '../../../src/engines/tts/espeak-voice';
import { BUILTIN_VOICES } from '../../../src/catalog/tts-voices';
import { TtsService } from '../../../src/engines/tts/tts-service';

const wasmPath = createRequire(import.meta.url).resolve('espeak-ng/dist/espeak-ng.wasm');
const voice = new EspeakVoice(() => WebAssembly.compile(readFileSync(wasmPath)));
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
