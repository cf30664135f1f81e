import { describe, expect, it } from 'vitest';
import { resumeLine, type ResumeFacts } from '../../src/core/resume-report';

const quiet: ResumeFacts = {
  awayMs: 30_000,
  voice: 'off',
  releasedHold: false,
  answering: false,
  downloadsRestarted: 0,
  downloadsRunning: 0,
};

describe('the line shown on return from the background', () => {
  it('says nothing when nothing was under way', () => {
    expect(resumeLine(quiet)).toBeNull();
  });

  it('names what happened to the voice, the answer and the downloads, in that order', () => {
    const line = resumeLine({ ...quiet, voice: 'reopened', answering: true, downloadsRestarted: 1, downloadsRunning: 2 });
    expect(line).toEqual({
      away: { unit: 'seconds', n: 30 },
      parts: [
        { key: 'resume.voice.reopened' },
        { key: 'resume.answering' },
        { key: 'resume.downloads.restarted', n: 1 },
        { key: 'resume.downloads.running', n: 2 },
      ],
    });
  });

  it('says a cut hold-to-talk press was released', () => {
    expect(resumeLine({ ...quiet, voice: 'closed', releasedHold: true })?.parts).toEqual([
      { key: 'resume.voice.closed' },
      { key: 'resume.hold' },
    ]);
  });

  it('counts minutes from two minutes on', () => {
    expect(resumeLine({ ...quiet, voice: 'listening', awayMs: 119_000 })?.away).toEqual({ unit: 'seconds', n: 119 });
    expect(resumeLine({ ...quiet, voice: 'listening', awayMs: 185_000 })?.away).toEqual({ unit: 'minutes', n: 3 });
  });
});
