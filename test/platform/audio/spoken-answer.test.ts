// SpokenAnswer's ordering, look-ahead, cancellation and errors, with a scripted synthesizer and a
// speaker whose chunks end when the test says so (the real worker and Web Audio are in e2e/tts).
import { describe, expect, it } from 'vitest';
import { SpokenAnswer } from '../../../src/platform/audio/spoken-answer';
import type { PcmChunk } from '../../../src/platform/audio/speaker';

const tick = () => new Promise((r) => setTimeout(r, 0));

function fakes({ failOn }: { failOn?: string } = {}) {
  const log: string[] = [];
  const endings: Array<() => void> = [];
  let stops = 0;
  const chunkText = new WeakMap<PcmChunk, string>();
  return {
    log,
    stops: () => stops,
    /** Ends the oldest chunk still playing. */
    endChunk: async () => {
      endings.shift()?.();
      await tick();
    },
    speak: async (sentence: string): Promise<PcmChunk> => {
      log.push(`synth ${sentence}`);
      await tick();
      if (sentence === failOn) throw new Error('synthesis failed');
      const chunk = { samples: new Float32Array(10), sampleRate: 24000 };
      chunkText.set(chunk, sentence);
      return chunk;
    },
    speaker: {
      enqueue: (chunk: PcmChunk) => {
        log.push(`play ${chunkText.get(chunk)}`);
        return new Promise<void>((resolve) => endings.push(resolve));
      },
      stop: () => {
        stops++;
        log.push('stop');
        for (const end of endings.splice(0)) end();
      },
    },
  };
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await tick();
};

describe('SpokenAnswer', () => {
  it('starts speaking the first sentence while the answer is still being written, and keeps order', async () => {
    const f = fakes();
    const answer = new SpokenAnswer({ speak: f.speak, speaker: f.speaker });
    answer.update('The kitchen lights are **on** now.');
    await settle();
    expect(f.log).toEqual([]); // the last sentence may still grow
    answer.update('The kitchen lights are **on** now. The hall lights are off.');
    await settle();
    expect(f.log).toEqual(['synth The kitchen lights are on now.', 'play The kitchen lights are on now.']);
    answer.update('The kitchen lights are **on** now. The hall lights are off. Anything else?');
    answer.finish();
    await settle();
    // Sentence 2 is synthesized and queued while sentence 1 plays; sentence 3 waits for sentence 1 to end.
    expect(f.log.slice(2)).toEqual(['synth The hall lights are off.', 'play The hall lights are off.']);
    await f.endChunk();
    await settle();
    expect(f.log.slice(4)).toEqual(['synth Anything else?', 'play Anything else?']);
    await f.endChunk();
    await f.endChunk();
    await expect(answer.done).resolves.toBeUndefined();
  });

  it('drops code and links from what it says', async () => {
    const f = fakes();
    const answer = new SpokenAnswer({ speak: f.speak, speaker: f.speaker });
    answer.update('Run `make` as shown in [the guide](https://example.com/guide).\n\n```sh\nmake all\n```');
    answer.finish();
    await settle();
    await f.endChunk();
    await answer.done;
    expect(f.log).toEqual(['synth Run as shown in the guide.', 'play Run as shown in the guide.']);
  });

  it('cancel() stops playback at once, synthesizes nothing more and resolves done', async () => {
    const f = fakes();
    const answer = new SpokenAnswer({ speak: f.speak, speaker: f.speaker });
    answer.update('First sentence is here. Second sentence is here. Third sentence is here.');
    answer.finish();
    await settle();
    expect(f.log).toContain('play First sentence is here.');
    answer.cancel();
    expect(f.stops()).toBe(1);
    await expect(answer.done).resolves.toBeUndefined();
    answer.update('First sentence is here. Second sentence is here. Third sentence is here. Fourth one arrives late.');
    await settle();
    expect(f.log.filter((l) => l.includes('Third') || l.includes('Fourth'))).toEqual([]);
  });

  it('rejects done with the synthesis error and silences what was playing', async () => {
    const f = fakes({ failOn: 'This one cannot be said.' });
    const answer = new SpokenAnswer({ speak: f.speak, speaker: f.speaker });
    answer.update('This sentence is fine to say. This one cannot be said. Never reached here.');
    answer.finish();
    await expect(answer.done).rejects.toThrow('synthesis failed');
    expect(f.stops()).toBe(1);
    expect(f.log.some((l) => l.includes('Never reached'))).toBe(false);
  });
});
