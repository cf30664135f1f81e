import { afterEach, describe, expect, it, vi } from 'vitest';
import { TokenBatcher } from '../../../src/engines/llm/token-batcher';

afterEach(() => vi.useRealTimers());

describe('TokenBatcher', () => {
  it('sends the first piece at once, then at most one batch per frame, in order, and drains the rest', async () => {
    vi.useFakeTimers();
    const got: string[] = [];
    const b = new TokenBatcher((t) => void got.push(t), 16);
    b.push('Once');
    expect(got).toEqual(['Once']); // time to first token is not delayed
    b.push(' upon');
    b.push(' a');
    expect(got).toEqual(['Once']);
    vi.advanceTimersByTime(16);
    expect(got).toEqual(['Once', ' upon a']);
    b.push(' time');
    b.push('');
    await b.drain();
    expect(got).toEqual(['Once', ' upon a', ' time']);
    vi.advanceTimersByTime(100);
    expect(got.join('')).toBe('Once upon a time'); // nothing sent twice after the drain
  });

  it('drain waits for slow deliveries; a failing callback does not break the answer; no callback is fine', async () => {
    const seen: string[] = [];
    let release: () => void = () => undefined;
    const b = new TokenBatcher(
      (t) =>
        new Promise<void>((r) => {
          seen.push(t);
          release = r;
        }),
      16,
    );
    b.push('a');
    let drained = false;
    const d = b.drain().then(() => (drained = true));
    await Promise.resolve();
    expect(drained).toBe(false);
    release();
    await d;
    expect(seen).toEqual(['a']);
    const failing = new TokenBatcher(() => {
      throw new Error('page gone');
    });
    failing.push('x');
    await expect(failing.drain()).resolves.toBeUndefined();
    const silent = new TokenBatcher(undefined);
    silent.push('x');
    await expect(silent.drain()).resolves.toBeUndefined();
  });
});
