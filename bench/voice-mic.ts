// The fake microphone's file: silence, one utterance, then silence long enough that the next pass of
// the (looping) file never comes during a measured turn. 48 kHz, so the app's resampler does real work.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { readWav16k } from '../test/support/speech-audio';

export interface MicClip {
  /** The WAV Chromium plays. */
  file: string;
  /** The utterance alone at 16 kHz, as the direct path is given it. */
  utterance16k: Float32Array;
  leadS: number;
}

export function micClip(dir: string, utteranceWav: string, leadS = 1, tailS = 60): MicClip {
  const file = path.join(dir, `mic-${path.basename(utteranceWav)}`);
  execFileSync('sox', [utteranceWav, '-b', '16', '-c', '1', '-r', '48000', file, 'pad', String(leadS), String(tailS)]);
  return { file, utterance16k: readWav16k(utteranceWav), leadS };
}
