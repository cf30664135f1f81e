// "Test on this device" for the speech models: the built-in eSpeak-NG voice says a sentence and the
// model under test hears it (Whisper, Silero VAD) or says one itself (Kokoro). Whisper and Kokoro
// here have random weights: the checks prove that the stored files load and run in their workers on
// this device, not what they hear or how they sound.
import { describe, expect, test } from 'vitest';
import { download, freshSession, runCheck, waitForState } from '../support/models-page';
import { modelTestEnv } from '../support/model-test-env';

const VAD = 'Silero VAD v6';
const WHISPER = 'Test: tiny random Whisper (q8)';
const KOKORO = 'Test: tiny random Kokoro';

const env = modelTestEnv();

describe('speech model checks', () => {
  test('Silero finds the spoken sentence, Whisper transcribes it, Kokoro speaks (no WebGPU)', async () => {
    const { page } = env.use(await freshSession(env.app.url, env.mirror.url, { webgpu: false }));
    for (const name of [VAD, WHISPER, KOKORO]) await download(page, name);
    for (const name of [VAD, WHISPER, KOKORO]) await waitForState(page, name, 'ready');

    const vad = await runCheck(page, VAD);
    const m = /speech found at ([\d.]+)–([\d.]+) s \(it was spoken from ([\d.]+) to ([\d.]+) s\)/.exec(vad.status);
    expect(m, vad.status).not.toBeNull();
    const [found0, found1, spoken0, spoken1] = m!.slice(1).map(Number) as [number, number, number, number];
    // eSpeak starts and ends its WAV with a little silence: what is found lies within what was spoken.
    expect(found0).toBeGreaterThanOrEqual(spoken0 - 0.3);
    expect(found1).toBeLessThanOrEqual(spoken1 + 0.7); // the VAD's hang-over and pad
    expect(found1 - found0).toBeGreaterThan(0.8);

    const stt = await runCheck(page, WHISPER);
    expect(stt.status).toMatch(/heard [\d.]+ s of built-in speech in \d+ ms .* on WebAssembly/);
    expect(stt.sample.trim().split(/\s+/).length).toBeGreaterThanOrEqual(3); // random weights: words, not meaning

    const tts = await runCheck(page, KOKORO);
    // The test model makes 600 samples at 24 kHz per phoneme token: some tenths of a second here.
    const audio = Number(/Works: ([\d.]+) s of speech/.exec(tts.status)?.[1]);
    expect(audio, tts.status).toBeGreaterThan(0.5);
    expect(tts.status).toContain('voice af_heart');
  });

  test('Whisper and Kokoro run on WebGPU when asked (SwiftShader here), and not automatically on a software adapter', async () => {
    const { page } = env.use(await freshSession(env.app.url, env.mirror.url, { webgpu: true }));
    for (const name of [WHISPER, KOKORO]) await download(page, name);
    for (const name of [WHISPER, KOKORO]) await waitForState(page, name, 'ready');
    expect((await runCheck(page, WHISPER)).status).toContain('on WebAssembly');
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('combobox', { name: 'Speech models run on' }).selectOption('webgpu');
    await page.getByRole('link', { name: 'Models' }).click();
    const stt = await runCheck(page, WHISPER, 170_000);
    expect(stt.status).toMatch(/on WebGPU; loaded in \d+ ms\.$/);
    expect(stt.sample.trim().split(/\s+/).length).toBeGreaterThanOrEqual(3);
    const tts = await runCheck(page, KOKORO, 170_000);
    expect(tts.status).toMatch(/Works: [\d.]+ s of speech .* on WebGPU\.$/);
  });
});
