// Opens the microphone for listening: getUserMedia with the browser's echo cancellation (so the
// assistant's own voice is not heard), noise suppression and gain control, an AudioWorklet that
// turns it into 16 kHz frames, and a MessagePort carrying those frames, to be transferred to the
// speech worker. The audio never passes through the page's JavaScript.
import { MicDeniedError, NoMicError } from '../../core/errors';
// ?worker&url: Vite bundles the worklet like a worker (TypeScript compiled, imports inlined) and
// gives its same-origin URL; a plain ?url would ship the .ts source untranspiled.
import workletUrl from './capture-worklet.ts?worker&url';
import type { CaptureControl } from './capture-worklet';

const PROCESSOR = 'hearth-capture'; // registered by capture-worklet.ts

export interface MicCapture {
  /** 512-sample Float32Array frames at 16 kHz; transfer it to the speech worker. */
  port: MessagePort;
  /** Starts the frames. Called once the worker listens: audio captured while models load would
   *  queue up and be decided seconds late, putting the VAD behind Whisper for the whole session. */
  begin(): void;
  /** The context's native rate (what the microphone delivers before resampling). */
  sampleRate: number;
  /** What the browser actually applies (a constraint is a request; some devices refuse some). */
  processing: { echoCancellation: boolean; noiseSuppression: boolean; autoGainControl: boolean };
  /** After the page was suspended: resumes a context the system paused. False when the system
   *  ended the microphone track (phones take it away in the background), or on a closed capture. */
  wake(): Promise<boolean>;
  /** Called once if the microphone goes away while open (unplugged, taken by the system), not on stop(). */
  onLost(listener: () => void): void;
  stop(): Promise<void>;
}

export async function startMic(): Promise<MicCapture> {
  const stream = await openMicrophone();
  const context = new AudioContext({ latencyHint: 'interactive' });
  try {
    await context.audioWorklet.addModule(workletUrl);
    const source = context.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(context, PROCESSOR, {
      numberOfInputs: 1,
      numberOfOutputs: 0,
      channelCount: 1,
      channelCountMode: 'explicit',
    });
    const channel = new MessageChannel();
    source.connect(node);
    // A context created without a click may start suspended (autoplay policy).
    if (context.state === 'suspended') await context.resume();
    let stopped = false;
    let begun = false;
    const track = stream.getAudioTracks()[0];
    const applied = track?.getSettings() ?? {};
    let lost: (() => void) | null = null;
    // 'ended' fires when the source goes (a stop() of our own does not fire it).
    track?.addEventListener('ended', () => {
      if (!stopped) lost?.();
    });
    return {
      port: channel.port2,
      sampleRate: context.sampleRate,
      processing: {
        echoCancellation: applied.echoCancellation === true,
        noiseSuppression: applied.noiseSuppression === true,
        autoGainControl: applied.autoGainControl === true,
      },
      begin() {
        if (begun || stopped) return;
        begun = true;
        node.port.postMessage({ type: 'connect', port: channel.port1 } satisfies CaptureControl, [channel.port1]);
      },
      onLost(listener) {
        lost = listener;
      },
      async wake() {
        if (stopped || !track || track.readyState === 'ended') return false;
        if (context.state !== 'running') await context.resume().catch(() => undefined);
        return context.state === 'running';
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        node.port.postMessage({ type: 'stop' } satisfies CaptureControl);
        source.disconnect();
        stream.getTracks().forEach((t) => t.stop());
        await context.close();
      },
    };
  } catch (e) {
    stream.getTracks().forEach((t) => t.stop());
    await context.close().catch(() => undefined);
    throw e;
  }
}

async function openMicrophone(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia)
    throw new NoMicError('this browser offers no microphone access here (it needs https)');
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 },
    });
  } catch (e) {
    throw micError(e);
  }
}

/** getUserMedia's DOMException names, as the two failures a person can act on. */
export function micError(e: unknown): unknown {
  const name = e instanceof Error ? e.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return new MicDeniedError({ cause: e });
  if (name === 'NotFoundError' || name === 'NotReadableError' || name === 'OverconstrainedError' || name === 'AbortError') {
    return new NoMicError(e instanceof Error ? e.message : '', { cause: e });
  }
  return e;
}
