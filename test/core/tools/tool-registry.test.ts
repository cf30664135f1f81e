import { describe, expect, it } from 'vitest';
import { arithmeticTools, clockTools, deviceTools, noteTool } from '../../../src/core/tools/builtin-tools';
import { readModelReply } from '../../../src/core/tools/model-reply';
import { createToolRegistry } from '../../../src/core/tools/tool-registry';

const ctx = { now: Date.UTC(2026, 11, 6, 8, 5), timeZone: 'Asia/Shanghai', locale: 'zh-CN' };

function registry(markedSensitive?: Set<string>) {
  const controlled: unknown[] = [];
  const reg = createToolRegistry(
    [
      ...clockTools(),
      ...arithmeticTools(),
      ...deviceTools({
        deviceIds: ['light.kitchen', 'lock.front_door'],
        isSensitiveDevice: (id) => id.startsWith('lock.'),
        control: (args) => (controlled.push(args), { data: 'ok' }),
        state: () => {
          throw new Error('broker unreachable');
        },
      }),
      noteTool((text) => ({ data: { saved: text } })),
    ],
    { markedSensitive },
  );
  return { reg, controlled };
}

describe('tool registry', () => {
  it('runs a valid call', async () => {
    const { reg } = registry();
    expect(await reg.run({ tool: 'calculate', arguments: { expression: '12 * 7' } }, ctx)).toMatchObject({
      status: 'done',
      result: { data: { value: 84 } },
    });
  });

  it('tells time and date in the caller time zone and locale', async () => {
    const { reg } = registry();
    const time = await reg.run({ tool: 'current_time', arguments: {} }, ctx);
    expect(time).toMatchObject({ status: 'done', result: { say: '16:05' } });
    const date = await reg.run({ tool: 'current_date', arguments: {} }, { ...ctx, locale: 'en-GB' });
    expect(date).toMatchObject({
      status: 'done',
      result: { data: { date: '2026-12-06' }, say: expect.stringMatching(/^Sunday,? 6 December 2026$/) },
    });
  });

  it('returns clear errors for unknown tools and invalid arguments, without running anything', async () => {
    const { reg, controlled } = registry();
    expect(await reg.run({ tool: 'launch_rocket', arguments: {} }, ctx)).toMatchObject({
      status: 'error',
      error: { code: 'unknown-tool', message: expect.stringContaining('launch_rocket') },
    });
    const bad = await reg.run(
      { tool: 'device_control', arguments: { device_id: 'light.garage', action: 'explode', extra: 1 } },
      ctx,
    );
    expect(bad).toMatchObject({ status: 'error', error: { code: 'invalid-arguments', tool: 'device_control' } });
    if (bad.status === 'error') {
      const details = bad.error.details!.join('\n');
      expect(details).toMatch(/arguments\.device_id/);
      expect(details).toMatch(/arguments\.action/);
      expect(details).toMatch(/extra/);
    }
    expect(await reg.run({ tool: 'device_control', arguments: { device_id: 'light.kitchen' } }, ctx)).toMatchObject({
      status: 'error',
      error: { code: 'invalid-arguments', message: expect.stringContaining('action') },
    });
    expect(await reg.run({ tool: 'calculate', arguments: { expression: 12 } }, ctx)).toMatchObject({ status: 'error' });
    expect(await reg.run({ tool: 'calculate', arguments: null as never }, ctx)).toMatchObject({ status: 'error' });
    expect(controlled).toEqual([]);
  });

  it('turns a tool that throws into an error object', async () => {
    const { reg } = registry();
    expect(await reg.run({ tool: 'device_state', arguments: { device_id: 'light.kitchen' } }, ctx)).toEqual({
      status: 'error',
      error: { code: 'tool-failed', tool: 'device_state', message: '"device_state" failed: broker unreachable' },
    });
    expect(await reg.run({ tool: 'calculate', arguments: { expression: '1 / 0' } }, ctx)).toMatchObject({
      status: 'error',
      error: { code: 'tool-failed' },
    });
  });

  it('waits for confirmation on sensitive calls: locks, and what the person marked', async () => {
    const { reg, controlled } = registry(new Set(['note_add']));
    const lock = { tool: 'device_control', arguments: { device_id: 'lock.front_door', action: 'unlock' } };
    expect(await reg.run(lock, ctx)).toEqual({ status: 'needs-confirmation', tool: 'device_control', arguments: lock.arguments });
    expect(controlled).toEqual([]);
    expect(await reg.run(lock, ctx, { confirmed: true })).toMatchObject({ status: 'done' });
    expect(controlled).toEqual([lock.arguments]);
    expect(
      await reg.run({ tool: 'device_control', arguments: { device_id: 'light.kitchen', action: 'turn_on' } }, ctx),
    ).toMatchObject({
      status: 'done',
    });
    expect(await reg.run({ tool: 'note_add', arguments: { text: 'boiler serviced' } }, ctx)).toMatchObject({
      status: 'needs-confirmation',
    });
  });

  it('refuses two tools with one name', () => {
    expect(() => createToolRegistry([...clockTools(), ...clockTools()])).toThrow(/current_time/);
  });
});

describe('reading a model reply', () => {
  it('reads a call, an answer, and says what is wrong with anything else', () => {
    expect(readModelReply('{"tool": "calculate", "arguments": {"expression": "1+1"}}')).toEqual({
      kind: 'call',
      call: { tool: 'calculate', arguments: { expression: '1+1' } },
    });
    expect(readModelReply('{"answer": "Hello"}')).toEqual({ kind: 'answer', text: 'Hello' });
    expect(readModelReply('{"tool": "calculate", "argu')).toMatchObject({ kind: 'error', error: { code: 'malformed-call' } });
    expect(readModelReply('[1]')).toMatchObject({ kind: 'error' });
    expect(readModelReply('{"tool": "x", "arguments": [1]}')).toMatchObject({ kind: 'error' });
  });
});
