import { describe, expect, it } from 'vitest';
import { checkHaFrame } from '../../../src/core/devices/ha-frame';

describe('checkHaFrame', () => {
  it('passes documented messages through whole', () => {
    const frame = JSON.stringify({ id: 3, type: 'result', success: true, result: null });
    expect(checkHaFrame(frame)).toEqual({
      messages: [{ id: 3, type: 'result', success: true, result: null }],
      intact: true,
      problems: [],
    });
    expect(checkHaFrame(JSON.stringify({ id: 4, type: 'pong' })).intact).toBe(true);
    expect(checkHaFrame(JSON.stringify({ id: 5, type: 'event', event: { a: {} } })).intact).toBe(true);
    expect(
      checkHaFrame(JSON.stringify({ id: 6, type: 'result', success: false, error: { code: 'x', message: 'y' } })).intact,
    ).toBe(true);
  });

  it('names what is wrong and keeps the good messages of a coalesced frame', () => {
    const checked = checkHaFrame(
      JSON.stringify([
        { id: 1, type: 'pong' },
        { type: 'result', success: true },
        { id: 2, type: 'event' },
        { id: 3, type: 'result' },
        { id: 4, type: 'result', success: false },
        'text',
        { id: 5 },
      ]),
    );
    expect(checked.messages).toEqual([{ id: 1, type: 'pong' }]);
    expect(checked.intact).toBe(false);
    expect(checked.problems.map((problem) => problem.split(':')[0])).toEqual([
      'a result has no numeric id',
      'an event has no body',
      'a result has no success flag',
      'a failed result has no error',
      'a message is not an object',
      'a message has no type',
    ]);
  });

  it('refuses text that is not JSON and binary frames', () => {
    expect(checkHaFrame('{"id": 1,')).toMatchObject({ messages: [], problems: [expect.stringContaining('not JSON')] });
    expect(checkHaFrame(new Uint8Array([1, 2]))).toMatchObject({ messages: [], problems: [expect.stringContaining('binary')] });
  });
});
