// What one status line says when the page comes back after the phone suspended it (hidden, frozen,
// or restored from the back/forward cache): how long it was away, and what became of the voice loop,
// the answer being written and the downloads. Nothing is said when nothing was under way.

export type VoiceAfterResume =
  /** The microphone was not open. */
  | 'off'
  /** It stayed open and is listening. */
  | 'listening'
  /** The system closed it while away; it was opened again. */
  | 'reopened'
  /** The system closed it while away; push-to-talk waits for the next press. */
  | 'closed'
  /** It was closed and could not be opened again (the voice bar says why). */
  | 'failed';

export interface ResumeFacts {
  awayMs: number;
  voice: VoiceAfterResume;
  /** A hold-to-talk press was cut by the suspension and was released. */
  releasedHold: boolean;
  /** An answer was being written (or read aloud) and goes on. */
  answering: boolean;
  /** Downloads whose connection dropped while away, started again from their stored bytes. */
  downloadsRestarted: number;
  /** Downloads that kept going. */
  downloadsRunning: number;
}

export type ResumePart =
  | { key: 'resume.voice.listening' | 'resume.voice.reopened' | 'resume.voice.closed' | 'resume.voice.failed' }
  | { key: 'resume.hold' | 'resume.answering' }
  | { key: 'resume.downloads.restarted' | 'resume.downloads.running'; n: number };

export interface ResumeLine {
  /** Whole seconds or minutes away, for "Back after …". */
  away: { unit: 'seconds' | 'minutes'; n: number };
  parts: ResumePart[];
}

export function resumeLine(f: ResumeFacts): ResumeLine | null {
  const parts: ResumePart[] = [];
  if (f.voice !== 'off') parts.push({ key: `resume.voice.${f.voice}` });
  if (f.releasedHold) parts.push({ key: 'resume.hold' });
  if (f.answering) parts.push({ key: 'resume.answering' });
  if (f.downloadsRestarted > 0) parts.push({ key: 'resume.downloads.restarted', n: f.downloadsRestarted });
  if (f.downloadsRunning > 0) parts.push({ key: 'resume.downloads.running', n: f.downloadsRunning });
  if (parts.length === 0) return null;
  const seconds = Math.max(0, Math.round(f.awayMs / 1000));
  const away =
    seconds < 120 ? { unit: 'seconds' as const, n: seconds } : { unit: 'minutes' as const, n: Math.round(seconds / 60) };
  return { away, parts };
}
