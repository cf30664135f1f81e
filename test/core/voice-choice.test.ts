import { describe, expect, it } from 'vitest';
import { chooseVoiceModels, sttLanguageFor, type VoiceModelInfo } from '../../src/core/voice-choice';

const models: VoiceModelInfo[] = [
  { id: 'whisper-tiny-en-q8', task: 'stt' },
  { id: 'whisper-base-q8', task: 'stt' },
  { id: 'kokoro-82m-v1-q8', task: 'tts' },
  { id: 'silero-vad-v6', task: 'vad' },
  { id: 'oww-hey-jarvis', task: 'wake' },
  { id: 'oww-alexa', task: 'wake' },
  { id: 'test-whisper-q8', task: 'stt', testOnly: true, randomWeights: true },
  { id: 'test-kokoro-fp32', task: 'tts', testOnly: true, randomWeights: true },
];
const prefs = { sttModel: null, wakeModel: null, ttsEngine: 'builtin' };

describe('voice model choice', () => {
  it('says what is missing when nothing is stored, and speaks with the built-in voice', () => {
    expect(chooseVoiceModels(models, new Set(), prefs)).toEqual({ vad: null, stt: null, wake: null, tts: 'builtin' });
  });

  it('takes the first stored model in catalog order, real weights before test weights', () => {
    const stored = new Set(['test-whisper-q8', 'whisper-base-q8', 'silero-vad-v6', 'oww-alexa']);
    expect(chooseVoiceModels(models, stored, prefs)).toEqual({
      vad: 'silero-vad-v6',
      stt: 'whisper-base-q8',
      wake: 'oww-alexa',
      tts: 'builtin',
    });
  });

  it("honours the person's picks when they are stored, and only then", () => {
    const stored = new Set(['whisper-tiny-en-q8', 'whisper-base-q8', 'kokoro-82m-v1-q8', 'oww-hey-jarvis', 'oww-alexa']);
    const picked = { sttModel: 'whisper-base-q8', wakeModel: 'oww-alexa', ttsEngine: 'kokoro-82m-v1-q8' };
    expect(chooseVoiceModels(models, stored, picked)).toMatchObject({
      stt: 'whisper-base-q8',
      wake: 'oww-alexa',
      tts: 'kokoro-82m-v1-q8',
    });
    const gone = new Set(['whisper-tiny-en-q8', 'oww-hey-jarvis']);
    expect(chooseVoiceModels(models, gone, picked)).toMatchObject({
      stt: 'whisper-tiny-en-q8',
      wake: 'oww-hey-jarvis',
      tts: 'builtin',
    });
  });

  it('tells an English-only Whisper "en" whatever the setting, and a multilingual one the setting', () => {
    const english = { languages: ['en'] };
    const multilingual = { languages: ['multilingual', 'en', 'zh'] };
    expect(sttLanguageFor(english, 'auto')).toBe('en');
    expect(sttLanguageFor(english, 'de')).toBe('en');
    expect(sttLanguageFor(multilingual, 'auto')).toBe('auto');
    expect(sttLanguageFor(multilingual, 'zh')).toBe('zh');
    expect(sttLanguageFor(undefined, 'auto')).toBe('auto');
  });
});
