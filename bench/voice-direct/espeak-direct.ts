/// <reference path="../../src/engines/tts/espeak-ng.d.ts" />
// The espeak-ng package (eSpeak-NG compiled to wasm, the app's built-in voice) called alone (bench-only
// browser code). The package is its command-line program: one run of main() per call in a fresh
// instance, text in and a WAV file out on its in-memory file system; the wasm is compiled once.
import ESpeakNG from 'espeak-ng';

export interface Pcm {
  samples: Float32Array;
  sampleRate: number;
}

const DEFAULT_WPM = 175; // eSpeak's own normal rate, which speed 1 means

export const compileEspeak = (wasmUrl: string): Promise<WebAssembly.Module> => WebAssembly.compileStreaming(fetch(wasmUrl));

export async function espeakSpeak(wasm: WebAssembly.Module, text: string, voice: string, speed: number): Promise<Pcm> {
  const errors: string[] = [];
  const wpm = Math.round(Math.min(450, Math.max(80, DEFAULT_WPM * speed)));
  const run = await ESpeakNG({
    arguments: ['-b', '1', '-v', voice, '-s', String(wpm), '-w', '/out.wav', '-f', '/in.txt'],
    preRun: [(m) => m.FS.writeFile('/in.txt', text)],
    instantiateWasm: (imports, done) => {
      void WebAssembly.instantiate(wasm, imports).then((instance) => done(instance, wasm));
      return {};
    },
    print: () => undefined,
    printErr: (line) => errors.push(line),
  });
  let wav: Uint8Array;
  try {
    wav = run.FS.readFile('/out.wav');
  } catch {
    throw new Error(`espeak-ng wrote no audio: ${errors.join(' ')}`);
  }
  return pcm16Wav(wav);
}

/** eSpeak writes 16-bit mono PCM with the canonical 44-byte header (its data size left as streamed). */
function pcm16Wav(wav: Uint8Array): Pcm {
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  if (view.getUint16(20, true) !== 1 || view.getUint16(22, true) !== 1 || view.getUint16(34, true) !== 16) {
    throw new Error('espeak-ng wrote a WAV that is not 16-bit mono PCM');
  }
  const count = Math.floor((wav.byteLength - 44) / 2);
  const samples = new Float32Array(count);
  for (let i = 0; i < count; i++) samples[i] = view.getInt16(44 + i * 2, true) / 32768;
  return { samples, sampleRate: view.getUint32(24, true) };
}
