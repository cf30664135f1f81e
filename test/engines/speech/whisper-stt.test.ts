// The real transformers.js Whisper pipeline on the random-weight test model (shared/models): it proves
// the loading, feature extraction, language handling and decoding plumbing, not transcription quality
// (the random model always writes 9 words).
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { env } from '@huggingface/transformers';
import { WhisperStt } from '../../../src/engines/speech/whisper-stt';
import { audioDir, modelsDir } from '../../support/paths';
import { readWav16k } from '../../support/speech-audio';

beforeAll(() => {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${modelsDir}/`;
});

const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe('WhisperStt', () => {
  it.each([['q8'], ['fp32']] as const)(
    'transcribes jfk.wav with the %s test model: 9 words, timed',
    async (dtype) => {
      const stt = await WhisperStt.load({ repo: 'test/tiny-random-whisper', dtype, device: 'cpu' });
      expect(stt.multilingual).toBe(true);
      const result = await stt.transcribe(readWav16k(path.join(audioDir, 'jfk.wav')), 'en');
      expect(words(result.text)).toHaveLength(9); // this clip's 9 tokens are 9 words
      expect(result.language).toBe('en');
      expect(result.elapsedMs).toBeGreaterThan(0);
      await stt.dispose();
    },
    60_000,
  );

  it("'auto' detects a language with Whisper's language tokens and transcribes in it", async () => {
    const stt = await WhisperStt.load({ repo: 'test/tiny-random-whisper', dtype: 'q8', device: 'cpu' });
    const audio = readWav16k(path.join(audioDir, 'LDC93S1.wav'));
    const detected = await stt.detectLanguage(audio);
    // random weights: which language is meaningless, but it must be one of Whisper's codes
    expect(detected).toMatch(/^[a-z]{2,3}$/);
    const result = await stt.transcribe(audio, 'auto');
    expect(result.language).toBe(detected);
    // 9 tokens; punctuation tokens stick to a word
    expect(words(result.text).length).toBeGreaterThanOrEqual(5);
    expect(words(result.text).length).toBeLessThanOrEqual(9);
    await stt.dispose();
  }, 60_000);
});
