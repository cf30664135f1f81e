import { describe, expect, it } from 'vitest';
import { NoModelLoadedError } from '../../../src/core/errors';
import { ModelHolder } from '../../../src/engines/shared/model-holder';

/** Stands for a loaded model: it knows whether it was freed. */
class Held {
  freed = 0;
  constructor(readonly name: string) {}
}

function holder() {
  const log: string[] = [];
  const h = new ModelHolder<Held>('test', (held) => {
    held.freed += 1;
    log.push(`free ${held.name}`);
  });
  const load = (name: string) =>
    h.load(name, async () => {
      log.push(`load ${name}`);
      return new Held(name);
    });
  return { h, log, load };
}

describe('ModelHolder: the one model-holding contract of every engine', () => {
  it('loads once per key: asking again, even while it loads, waits for the same model', async () => {
    const { log, load } = holder();
    const [a, b] = await Promise.all([load('a'), load('a')]);
    expect(a).toBe(b);
    expect(log).toEqual(['load a']);
  });

  it('replacing frees the held model before the next one loads', async () => {
    const { h, log, load } = holder();
    const a = await load('a');
    const b = await load('b');
    expect(log).toEqual(['load a', 'free a', 'load b']);
    expect(a.freed).toBe(1);
    expect(b.freed).toBe(0);
    expect(await h.current()).toBe(b);
    expect(h.key).toBe('b');
  });

  it('unload frees it and empties the slot; current() then names what is missing', async () => {
    const { h, load } = holder();
    const a = await load('a');
    await h.unload();
    expect(a.freed).toBe(1);
    expect(await h.held()).toBeNull();
    await expect(h.current()).rejects.toBeInstanceOf(NoModelLoadedError);
    await expect(h.current()).rejects.toThrow('No test model is loaded');
  });

  it('a failed load leaves the slot empty, frees nothing, and can be retried', async () => {
    const { h, log, load } = holder();
    await expect(h.load('a', () => Promise.reject(new Error('out of memory')))).rejects.toThrow('out of memory');
    expect(h.key).toBe('');
    expect(await h.held()).toBeNull();
    await load('a');
    expect(log).toEqual(['load a']);
  });
});
