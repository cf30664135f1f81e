import { describe, expect, it } from 'vitest';
import { LoadSlot } from '../../../src/engines/shared/load-slot';

describe('LoadSlot', () => {
  it('shares a load in progress, unloads before another model, and can retry after a failure', async () => {
    const slot = new LoadSlot<string>();
    const log: string[] = [];
    const start = (v: string) => async () => (log.push(`load ${v}`), v);
    const unload = async () => void log.push(`unload ${slot.id}`);
    const [a1, a2] = await Promise.all([slot.load('a', start('A'), unload), slot.load('a', start('A again'), unload)]);
    expect([a1, a2]).toEqual(['A', 'A']);
    expect(await slot.load('b', start('B'), async () => void log.push(`unload ${(await slot.take()) ?? ''}`))).toBe('B');
    expect(log).toEqual(['load A', 'unload A', 'load B']);
    await expect(slot.load('c', async () => { throw new Error('out of memory'); }, async () => void (await slot.take()))).rejects.toThrow('out of memory');
    await expect(slot.current()).rejects.toThrow('No language model is loaded');
    expect(await slot.load('c', start('C'), unload)).toBe('C');
    expect(await slot.take()).toBe('C');
    expect(await slot.take()).toBeNull();
  });
});
