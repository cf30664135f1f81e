import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttledSaver } from '../../../src/ui/answers/throttled-saver';

describe('throttled saver', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('writes the first words at once, then at most once a period, the newest text each time', async () => {
    const saved: string[] = [];
    const saver = throttledSaver(async (c) => void saved.push(c), 250);
    saver.push('a');
    saver.push('a b');
    saver.push('a b c');
    await vi.advanceTimersByTimeAsync(0);
    expect(saved).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(250);
    expect(saved).toEqual(['a', 'a b c']);
    saver.push('a b c d');
    await saver.flush();
    expect(saved).toEqual(['a', 'a b c', 'a b c d']);
  });

  it('lands the last text last even when an earlier write is slow, and survives a failed write', async () => {
    const saved: string[] = [];
    const saver = throttledSaver(async (c) => {
      if (c === 'one') await new Promise((r) => setTimeout(r, 1000));
      if (c === 'one two') throw new Error('disk full');
      saved.push(c);
    }, 10);
    saver.push('one');
    saver.push('one two');
    await vi.advanceTimersByTimeAsync(10);
    saver.push('one two three');
    const flushed = saver.flush();
    await vi.advanceTimersByTimeAsync(1000);
    await flushed;
    expect(saved).toEqual(['one', 'one two three']);
  });

  it('flush with nothing pending writes nothing', async () => {
    const save = vi.fn(async () => undefined);
    await throttledSaver(save).flush();
    expect(save).not.toHaveBeenCalled();
  });
});
