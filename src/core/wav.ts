// Reads the RIFF/WAVE files a synthesiser writes (16-bit or 32-bit float PCM) into mono Float32
// samples. Chunks are walked rather than assuming a 44-byte header, and a data size larger than
// the file (what a writer leaves when it streams and cannot seek back) is cut to what is there.

export interface PcmAudio {
  samples: Float32Array;
  sampleRate: number;
}

/** What the file held before it was mixed down to mono float. */
export interface WavAudio extends PcmAudio {
  channels: number;
  bitsPerSample: number;
}

export class WavFormatError extends Error {
  override name = 'WavFormatError';
}

const tag = (view: DataView, at: number): string =>
  String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));

export function parseWav(bytes: Uint8Array): WavAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12 || tag(view, 0) !== 'RIFF' || tag(view, 8) !== 'WAVE') throw new WavFormatError('Not a WAVE file');
  let format: { code: number; channels: number; sampleRate: number; bits: number } | null = null;
  for (let at = 12; at + 8 <= bytes.byteLength;) {
    const id = tag(view, at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      const code = view.getUint16(body, true);
      format = {
        // WAVE_FORMAT_EXTENSIBLE (what sox and many recorders write) names the real encoding in its sub-format.
        code: code === 0xfffe && size >= 26 ? view.getUint16(body + 24, true) : code,
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!format) throw new WavFormatError('data chunk before fmt chunk');
      const end = Math.min(bytes.byteLength, body + size);
      return {
        samples: decode(view, body, end, format),
        sampleRate: format.sampleRate,
        channels: format.channels,
        bitsPerSample: format.bits,
      };
    }
    at = body + size + (size & 1);
  }
  throw new WavFormatError('No data chunk');
}

function decode(
  view: DataView,
  start: number,
  end: number,
  { code, channels, bits }: { code: number; channels: number; bits: number },
): Float32Array {
  const pcm16 = code === 1 && bits === 16;
  const float32 = code === 3 && bits === 32;
  if (!pcm16 && !float32) throw new WavFormatError(`Unsupported WAVE encoding (format ${code}, ${bits} bits)`);
  const width = bits / 8;
  const frames = Math.floor((end - start) / (width * channels));
  const out = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) {
      const at = start + (i * channels + c) * width;
      sum += pcm16 ? view.getInt16(at, true) / 32768 : view.getFloat32(at, true);
    }
    out[i] = sum / channels;
  }
  return out;
}
