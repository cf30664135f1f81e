// The real Silero VAD v6 file from shared/models, through onnxruntime-web's wasm backend in Node.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SileroVad } from '../../../src/engines/speech/silero-vad';
import { FRAME_SAMPLES } from '../../../src/core/speech-events';
import { audioDir, modelsDir } from '../../support/paths';
import { readWav16k } from '../../support/speech-audio';

// The app imports the browser bundle (one ORT for transformers.js and the VAD); in Node the same
// package's Node build runs the same wasm backend.
vi.mock('onnxruntime-web/webgpu', () => import('onnxruntime-web'));

const modelBytes = () => fs.readFileSync(path.join(modelsDir, 'snakers4/silero-vad/silero_vad.onnx'));

async function probabilities(vad: SileroVad, audio: Float32Array): Promise<number[]> {
  const out: number[] = [];
  for (let at = 0; at + FRAME_SAMPLES <= audio.length; at += FRAME_SAMPLES) {
    out.push(await vad.process(audio.subarray(at, at + FRAME_SAMPLES)));
  }
  return out;
}

describe('SileroVad', () => {
  it('hears speech in jfk.wav and none in 3 s of silence', async () => {
    const vad = await SileroVad.create(modelBytes());
    const speech = await probabilities(vad, readWav16k(path.join(audioDir, 'jfk.wav')));
    // 343 frames; the manifest's reference run found 233 above 0.5
    expect(speech.length).toBe(343);
    expect(speech.filter((p) => p > 0.5).length).toBeGreaterThan(200);
    vad.reset();
    const silence = await probabilities(vad, new Float32Array(3 * 16_000));
    expect(silence.filter((p) => p > 0.5)).toEqual([]);
    await vad.release();
  });

  it('carries state: after reset the same audio gives the same probabilities', async () => {
    const vad = await SileroVad.create(modelBytes());
    const clip = readWav16k(path.join(audioDir, 'jfk.wav')).subarray(0, 20 * FRAME_SAMPLES);
    const first = await probabilities(vad, clip);
    vad.reset();
    const again = await probabilities(vad, clip);
    expect(again).toEqual(first);
    await vad.release();
  });

  it('rejects a frame of the wrong size', async () => {
    const vad = await SileroVad.create(modelBytes());
    expect(() => vad.process(new Float32Array(480))).toThrow(RangeError);
    await vad.release();
  });
});
